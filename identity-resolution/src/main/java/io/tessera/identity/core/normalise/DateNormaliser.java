package io.tessera.identity.core.normalise;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates (mostly dates of birth) in the formats sources use: ISO {@code 1956-04-12}, FEBRL's {@code 19560412},
 * {@code 12/04/1956}, {@code 12.04.1956}, {@code 12-4-56}. Day comes before month, as in every European source, unless
 * the day-first reading is impossible ({@code 12/25/1980}) or the source is known to write month first. Two-digit
 * years fall in the hundred years up to the pivot year, since a date of birth is in the past. Impossible dates
 * ({@code 30/02/1980}) are {@link Rejection#INVALID}; placeholders ({@code 1900-01-01}, years {@code 0000} and
 * {@code 9999}) are {@link Rejection#BLOCKED}, as many unrelated records share them. Thread-safe.
 */
public final class DateNormaliser {

    /** How a source orders day and month in a numeric date. */
    public enum Order {
        /** {@code 12/04/1956} is 12 April: Europe and most of the world. */
        DAY_FIRST,
        /** {@code 04/12/1956} is 12 April: the United States. */
        MONTH_FIRST
    }

    private static final int MIN_YEAR = 1850;
    private static final int MAX_YEAR = 2100;
    private static final Set<LocalDate> PLACEHOLDERS = Set.of(
            LocalDate.of(1900, 1, 1), LocalDate.of(1899, 12, 31), LocalDate.of(1899, 12, 30),
            LocalDate.of(1901, 1, 1), LocalDate.of(1800, 1, 1), LocalDate.of(1111, 11, 11),
            LocalDate.of(2099, 12, 31), LocalDate.of(9999, 12, 31), LocalDate.of(9999, 1, 1));

    private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})[-/. ](\\d{1,2})[-/. ](\\d{1,2})(?:[T ].*)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern DAY_OR_MONTH_FIRST = Pattern.compile("(\\d{1,2})[-/. ](\\d{1,2})[-/. ](\\d{2}|\\d{4})");

    /**
     * Month names and abbreviations in the languages of our sources (en, es, pt, fr, it, de, nl, pl, Polish in
     * nominative and genitive), folded. No key names two months: French juin and juillet are kept whole.
     */
    private static final Map<String, Integer> MONTHS = months(
            "january jan enero ene janeiro janvier janv gennaio gen januar januari styczen stycznia sty",
            "february feb febrero fevereiro fev fevrier fevr febbraio februar februari luty lutego lut",
            "march mar marzo marco mars marz maerz maart mrt marzec marca",
            "april apr abril abr avril avr aprile kwiecien kwietnia kwi",
            "may mayo maio mai maggio mag mei maj maja",
            "june jun junio junho juin giugno giu juni czerwiec czerwca cze",
            "july jul julio julho juillet juil luglio lug juli lipiec lipca lip",
            "august aug agosto ago aout aou augustus sierpien sierpnia sie",
            "september sep sept septiembre setiembre set setembro septembre settembre wrzesien wrzesnia wrz",
            "october oct octubre out outubro octobre ottobre ott oktober okt pazdziernik pazdziernika paz",
            "november nov noviembre novembro novembre listopad listopada lis",
            "december dec diciembre dic dezembro dez decembre dicembre dezember grudzien grudnia gru");
    private static final Pattern ORDINAL_DAY = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th|er|o|a)?");
    private static final Pattern YEAR = Pattern.compile("\\d{2}|\\d{4}");
    private static final Set<String> FILLERS = Set.of("de", "del", "of", "the", "le");

    private final Order order;
    private final int pivotYear;

    /** Day first, two-digit years up to this year. */
    public DateNormaliser() {
        this(Order.DAY_FIRST, LocalDate.now().getYear());
    }

    /**
     * @param order     how the source orders an ambiguous day and month
     * @param pivotYear the last year a two-digit year can mean: with 2026, {@code 26} is 2026 and {@code 27} is 1927
     */
    public DateNormaliser(Order order, int pivotYear) {
        this.order = Objects.requireNonNull(order, "order");
        this.pivotYear = pivotYear;
    }

    /** Reads one raw date; never throws for bad input, it reports it. */
    public NormalisedDate normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return NormalisedDate.rejected(Rejection.EMPTY);
        }
        String text = raw.strip();
        if (text.chars().allMatch(c -> c == '0' || c == '-' || c == '/' || c == '.' || c == ' ')) {
            return NormalisedDate.rejected(Rejection.BLOCKED);
        }
        Matcher iso = YEAR_FIRST.matcher(text);
        if (iso.matches()) {
            return checked(num(iso.group(1)), num(iso.group(2)), num(iso.group(3)));
        }
        Matcher compact = COMPACT.matcher(text);
        if (compact.matches()) {
            return checked(num(compact.group(1)), num(compact.group(2)), num(compact.group(3)));
        }
        Matcher numeric = DAY_OR_MONTH_FIRST.matcher(text);
        if (numeric.matches()) {
            int first = num(numeric.group(1));
            int second = num(numeric.group(2));
            int year = numeric.group(3).length() == 2 ? expandYear(num(numeric.group(3))) : num(numeric.group(3));
            boolean monthFirst = order == Order.MONTH_FIRST ? first <= 12 : first <= 12 && second > 12;
            return monthFirst ? checked(year, first, second) : checked(year, second, first);
        }
        return withMonthName(text);
    }

    /** {@code 12 de abril de 1956}, {@code 12. März 1956}, {@code 12-Apr-56}, {@code April 12th, 1956}. */
    private NormalisedDate withMonthName(String text) {
        List<String> words = new ArrayList<>();
        for (String word : Fold.ascii(text).split("[^a-z0-9]+")) {
            if (!word.isEmpty() && !FILLERS.contains(word)) {
                words.add(word);
            }
        }
        if (words.size() != 3 || !YEAR.matcher(words.get(2)).matches()) {
            return NormalisedDate.rejected(Rejection.INVALID);
        }
        String yearText = words.get(2);
        int year = yearText.length() == 2 ? expandYear(num(yearText)) : num(yearText);
        Integer month = MONTHS.get(words.get(1));
        Matcher day = ORDINAL_DAY.matcher(words.get(0));
        if (month == null) {
            month = MONTHS.get(words.get(0));
            day = ORDINAL_DAY.matcher(words.get(1));
        }
        if (month == null || !day.matches()) {
            return NormalisedDate.rejected(Rejection.INVALID);
        }
        return checked(year, month, num(day.group(1)));
    }

    private static Map<String, Integer> months(String... names) {
        Map<String, Integer> months = new HashMap<>();
        for (int month = 1; month <= names.length; month++) {
            for (String name : names[month - 1].split(" ")) {
                Integer previous = months.put(name, month);
                if (previous != null && previous != month) {
                    throw new IllegalStateException("The month name " + name + " names two months");
                }
            }
        }
        return Map.copyOf(months);
    }

    /** Whether a date is one that sources use for "unknown". */
    public static boolean isPlaceholder(LocalDate date) {
        return PLACEHOLDERS.contains(date) || date.getYear() == 0 || date.getYear() == 9999;
    }

    /** The distance between two dates in days, never negative. */
    public static long distance(LocalDate a, LocalDate b) {
        return Math.abs(ChronoUnit.DAYS.between(a, b));
    }

    /**
     * Whether two different dates are one another with day and month swapped ({@code 1980-04-12} and
     * {@code 1980-12-04}): the typical error of a source that wrote the month first.
     */
    public static boolean transposedDayMonth(LocalDate a, LocalDate b) {
        return !a.equals(b)
                && a.getYear() == b.getYear()
                && a.getDayOfMonth() == b.getMonthValue()
                && a.getMonthValue() == b.getDayOfMonth();
    }

    private int expandYear(int twoDigits) {
        return pivotYear - Math.floorMod(pivotYear - twoDigits, 100);
    }

    private static NormalisedDate checked(int year, int month, int day) {
        if (year == 0 || year == 9999) {
            return NormalisedDate.rejected(Rejection.BLOCKED);
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException impossible) {
            // 30 February or month 13: bad source data, reported rather than thrown.
            return NormalisedDate.rejected(Rejection.INVALID);
        }
        if (isPlaceholder(date)) {
            return NormalisedDate.rejected(Rejection.BLOCKED);
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            return NormalisedDate.rejected(Rejection.INVALID);
        }
        return NormalisedDate.of(date);
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }
}
