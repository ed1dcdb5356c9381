package io.tessera.identity.core.scoring;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One graded comparison level: a pair of non-null values falls in the first level of its comparison that it
 * {@link #matches}, or in the implicit "else" level after the last one.
 *
 * @param type      the kind of test
 * @param threshold similarity floor, edit-distance ceiling or years apart; ignored by the other kinds
 */
public record Level(LevelType type, double threshold) {

    public Level {
        Objects.requireNonNull(type, "type");
    }

    public static Level exact() {
        return new Level(LevelType.EXACT, 0);
    }

    public static Level jaroWinkler(double atLeast) {
        return new Level(LevelType.JARO_WINKLER, atLeast);
    }

    public static Level levenshtein(int atMost) {
        return new Level(LevelType.LEVENSHTEIN, atMost);
    }

    public static Level dateOnePartDiffers() {
        return new Level(LevelType.DATE_ONE_PART_DIFFERS, 0);
    }

    public static Level dateDayMonthSwapped() {
        return new Level(LevelType.DATE_DAY_MONTH_SWAPPED, 0);
    }

    public static Level dateWithinYears(double years) {
        return new Level(LevelType.DATE_WITHIN_YEARS, years);
    }

    public static Level leadingParts(int parts) {
        return new Level(LevelType.LEADING_PARTS, parts);
    }

    /** Whether two non-null values satisfy this level. */
    public boolean matches(String a, String b) {
        return switch (type) {
            case EXACT -> a.equals(b);
            case JARO_WINKLER -> StringSimilarity.jaroWinkler(a, b) >= threshold;
            case LEVENSHTEIN -> Math.abs(a.length() - b.length()) <= threshold
                    && StringSimilarity.levenshtein(a, b) <= threshold;
            case DATE_ONE_PART_DIFFERS -> {
                int[] x = dateParts(a);
                int[] y = dateParts(b);
                if (x == null || y == null) {
                    yield false;
                }
                int same = (x[0] == y[0] ? 1 : 0) + (x[1] == y[1] ? 1 : 0) + (x[2] == y[2] ? 1 : 0);
                yield same == 2;
            }
            case DATE_DAY_MONTH_SWAPPED -> {
                int[] x = dateParts(a);
                int[] y = dateParts(b);
                yield x != null && y != null && x[0] == y[0] && x[1] == y[2] && x[2] == y[1] && x[1] != x[2];
            }
            case DATE_WITHIN_YEARS -> {
                Double years = yearsApart(a, b);
                yield years != null && years <= threshold;
            }
            case LEADING_PARTS -> leadingPartsEqual(a, b, (int) threshold);
        };
    }

    /** A short label for explanations, e.g. {@code jaro_winkler>=0.92}. */
    public String label() {
        return switch (type) {
            case EXACT -> "exact";
            case JARO_WINKLER -> "jaro_winkler>=" + threshold;
            case LEVENSHTEIN -> "levenshtein<=" + (int) threshold;
            case DATE_ONE_PART_DIFFERS -> "date_one_part_differs";
            case DATE_DAY_MONTH_SWAPPED -> "date_day_month_swapped";
            case DATE_WITHIN_YEARS -> "date_within_" + threshold + "y";
            case LEADING_PARTS -> "first_" + (int) threshold + "_parts";
        };
    }

    /** Whether the first {@code parts} {@code |}-separated parts of both values are present and equal. */
    static boolean leadingPartsEqual(String a, String b, int parts) {
        int i = 0;
        for (int part = 0; part < parts; part++) {
            int endA = a.indexOf('|', i);
            int endB = b.indexOf('|', i);
            int stopA = endA < 0 ? a.length() : endA;
            int stopB = endB < 0 ? b.length() : endB;
            if (stopA != stopB || stopA == i || !a.regionMatches(i, b, i, stopA - i)) {
                return false;
            }
            if (part < parts - 1 && (endA < 0 || endB < 0)) {
                return false;
            }
            i = stopA + 1;
        }
        return true;
    }

    /** Year, month, day of an ISO {@code yyyy-MM-dd} string (not checked as a calendar date), else null. */
    static int[] dateParts(String iso) {
        if (iso.length() != 10 || iso.charAt(4) != '-' || iso.charAt(7) != '-') {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(iso.substring(0, 4)), Integer.parseInt(iso.substring(5, 7)),
                Integer.parseInt(iso.substring(8, 10))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Years between two ISO dates; falls back to whole years when either is not a calendar date, since corrupted
     * source dates (day 00, month 13) still carry a usable year.
     */
    static Double yearsApart(String a, String b) {
        int[] x = dateParts(a);
        int[] y = dateParts(b);
        if (x == null || y == null) {
            return null;
        }
        try {
            LocalDate da = LocalDate.of(x[0], x[1], x[2]);
            LocalDate db = LocalDate.of(y[0], y[1], y[2]);
            return Math.abs(ChronoUnit.DAYS.between(da, db)) / 365.25;
        } catch (DateTimeException e) {
            return (double) Math.abs(x[0] - y[0]);
        }
    }
}
