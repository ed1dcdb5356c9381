package io.tessera.identity.core.normalise;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the country of a source address as a phone region (ISO 3166-1 alpha-2). Sources spell countries as
 * {@code ES}, {@code ESP}, {@code Spain} or {@code España}; all of them should pick the same numbering plan.
 */
public final class Countries {

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();
    private static final Map<String, String> BY_NAME = names();

    private Countries() {
    }

    /** The region of a country as a source spells it, or empty when it is missing or unknown. */
    public static Optional<String> region(String country) {
        if (country == null || country.isBlank()) {
            return Optional.empty();
        }
        String trimmed = country.strip();
        if (trimmed.length() == 2 && trimmed.chars().allMatch(Character::isLetter)) {
            String code = trimmed.toUpperCase(Locale.ROOT);
            // UK is the common spelling; GB is the ISO code.
            code = code.equals("UK") ? "GB" : code;
            return isKnownRegion(code) ? Optional.of(code) : Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(simplify(trimmed)));
    }

    /** Whether libphonenumber has a numbering plan for this ISO alpha-2 code (upper case). */
    public static boolean isKnownRegion(String region) {
        return region != null && REGIONS.contains(region);
    }

    private static Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            if (!REGIONS.contains(code)) {
                continue;
            }
            Locale locale = Locale.of("", code);
            names.put(simplify(locale.getDisplayCountry(Locale.ENGLISH)), code);
            names.put(simplify(locale.getISO3Country()), code);
        }
        // Other names in everyday use, and the native names of the countries our demo sources hold.
        Map<String, String> aliases = Map.ofEntries(
                Map.entry("uk", "GB"), Map.entry("great britain", "GB"), Map.entry("britain", "GB"),
                Map.entry("england", "GB"), Map.entry("scotland", "GB"), Map.entry("wales", "GB"),
                Map.entry("northern ireland", "GB"), Map.entry("usa", "US"), Map.entry("america", "US"),
                Map.entry("united states of america", "US"), Map.entry("holland", "NL"),
                Map.entry("the netherlands", "NL"), Map.entry("nederland", "NL"), Map.entry("czech republic", "CZ"),
                Map.entry("turkey", "TR"), Map.entry("espana", "ES"), Map.entry("deutschland", "DE"),
                Map.entry("polska", "PL"), Map.entry("italia", "IT"), Map.entry("belgique", "BE"),
                Map.entry("belgie", "BE"), Map.entry("osterreich", "AT"), Map.entry("eire", "IE"),
                Map.entry("republic of ireland", "IE"), Map.entry("suisse", "CH"), Map.entry("schweiz", "CH"),
                Map.entry("russia", "RU"), Map.entry("south korea", "KR"), Map.entry("ivory coast", "CI"));
        names.putAll(aliases);
        return Map.copyOf(names);
    }

    /** Lower case, accents and punctuation dropped, so {@code España}, {@code ESPANA} and {@code U.K.} match. */
    private static String simplify(String name) {
        String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        return plain.toLowerCase(Locale.ROOT)
                .replace(".", "")
                .transform(text -> NOT_LETTERS.matcher(text).replaceAll(" "))
                .strip();
    }
}
