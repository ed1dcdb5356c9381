package io.tessera.identity.core.normalise;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postcodes in the one canonical form of their country: ES, DE, FR, IT 5 digits; PT {@code 1100-148}; NL
 * {@code 1234 AB}; PL {@code 00-950}; GB {@code SW1A 1AA}; BE and AT 4 digits; IE Eircode {@code D02 X285}.
 * Spreadsheets drop the leading zero of {@code 08001}, and senders write {@code D-10115} or {@code 1234ab}; all of
 * those have to meet the clean form.
 */
public final class Postcodes {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-–]");

    private static final Pattern COUNTRY_PREFIX = Pattern.compile("^[A-Z]{1,3}-(?=\\d)");
    private static final Pattern GB = Pattern.compile("([A-Z]{1,2}\\d[A-Z\\d]?)(\\d[A-Z]{2})");
    private static final Pattern IE = Pattern.compile("([AC-FHKNPRTV-Y]\\d{2}|D6W)([0-9AC-FHKNPRTV-Y]{4})");
    private static final Pattern NL = Pattern.compile("([1-9]\\d{3})([A-Z]{2})");

    private Postcodes() {
    }

    /**
     * The canonical postcode, or empty when the value does not fit the country's format.
     *
     * @param raw     the postcode as the source holds it
     * @param country ISO 3166-1 alpha-2 code, upper case
     */
    public static Optional<String> normalise(String raw, String country) {
        if (raw == null || raw.isBlank() || country == null) {
            return Optional.empty();
        }
        String compact = COUNTRY_PREFIX.matcher(raw.strip().toUpperCase(Locale.ROOT)).replaceFirst("")
                .transform(text -> SEPARATORS.matcher(text).replaceAll(""));
        return switch (country) {
            case "ES" -> digits(compact, 5, true).filter(code -> {
                int province = Integer.parseInt(code.substring(0, 2));
                return province >= 1 && province <= 52;
            });
            case "DE", "FR", "IT" -> digits(compact, 5, true);
            case "BE", "AT", "CH", "DK", "LU" -> digits(compact, 4, false).filter(code -> code.charAt(0) != '0');
            case "PT" -> digits(compact, 7, false).map(code -> code.substring(0, 4) + "-" + code.substring(4));
            case "PL" -> digits(compact, 5, false).map(code -> code.substring(0, 2) + "-" + code.substring(2));
            case "NL" -> grouped(NL, compact);
            case "GB" -> grouped(GB, compact);
            case "IE" -> grouped(IE, compact);
            default -> Optional.empty();
        };
    }

    /** Whether the country is one whose format this class knows. */
    public static boolean knows(String country) {
        return country != null && switch (country) {
            case "ES", "DE", "FR", "IT", "BE", "AT", "CH", "DK", "LU", "PT", "PL", "NL", "GB", "IE" -> true;
            default -> false;
        };
    }

    private static Optional<String> digits(String compact, int length, boolean restoreLeadingZero) {
        if (!compact.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        if (restoreLeadingZero && compact.length() == length - 1) {
            // A spreadsheet read 08001 as the number 8001.
            return Optional.of("0" + compact);
        }
        return compact.length() == length ? Optional.of(compact) : Optional.empty();
    }

    private static Optional<String> grouped(Pattern pattern, String compact) {
        Matcher matcher = pattern.matcher(compact);
        return matcher.matches() ? Optional.of(matcher.group(1) + " " + matcher.group(2)) : Optional.empty();
    }
}
