package io.tessera.identity.core.normalise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises postal addresses: street types per language ({@code C/}, {@code Avda.}, {@code Rua}, {@code Bd},
 * {@code P.zza}, {@code Str.} and {@code …str.}, {@code ul.}, {@code Rd} …, tables in
 * {@code /normalise/street-types/}), house numbers with their letter, range and flat ({@code 12B}, {@code 12-14},
 * {@code nº 12}, {@code m. 56}), postcodes per country ({@link Postcodes}), city and country. The country picks the
 * language of the street types, as abbreviations differ: {@code Pl.} is a plaza in Spain, a Platz in Germany.
 * Thread-safe.
 */
public final class AddressNormaliser {

    private static final List<String> LANGUAGES = List.of("es", "pt", "fr", "it", "de", "nl", "pl", "en");

    private static final Map<String, List<String>> LANGUAGES_BY_COUNTRY = Map.ofEntries(
            Map.entry("ES", List.of("es")), Map.entry("PT", List.of("pt")), Map.entry("FR", List.of("fr")),
            Map.entry("BE", List.of("fr", "nl")), Map.entry("LU", List.of("fr", "de")),
            Map.entry("IT", List.of("it")), Map.entry("DE", List.of("de")), Map.entry("AT", List.of("de")),
            Map.entry("CH", List.of("de", "fr", "it")), Map.entry("NL", List.of("nl")),
            Map.entry("PL", List.of("pl")), Map.entry("GB", List.of("en")), Map.entry("IE", List.of("en")),
            Map.entry("US", List.of("en")), Map.entry("BR", List.of("pt")));

    /** Words that join a street type to its name ({@code Calle de Alcalá}, {@code Rue de l'Église}). */
    private static final Set<String> STREET_PARTICLES = Set.of(
            "de", "del", "la", "las", "los", "da", "do", "das", "dos", "du", "des", "d", "l", "di", "della",
            "dello", "dei", "degli", "delle", "van", "der", "den", "von");

    private static final Pattern SPANISH_CALLE = Pattern.compile("(?i)\\bC\\s*/");
    private static final Pattern APOSTROPHES_AND_ORDINALS = Pattern.compile("['’`´ºª°]");
    private static final Pattern APOSTROPHES = Pattern.compile("['’`´]");
    private static final Pattern STREET_NOISE = Pattern.compile("[^a-z0-9/\\-]+");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Pattern INNER_DOT = Pattern.compile("(?<=\\p{L})\\.(?=\\p{L})");
    private static final Pattern NUMBER_MARK = Pattern.compile("\\b(?:n|no|nr|num|numero|nro)\\s+(?=\\d)");
    private static final Pattern FLAT = Pattern.compile("\\b(?:m|lok|apt|apto|flat|wohnung|whg)\\s+(\\w+)\\s*$");
    private static final Pattern HOUSE_NUMBER = Pattern.compile("\\d+(?:\\s?[a-z](?![a-z]))?(?:\\s?[-/]\\s?\\d+[a-z]?)?");

    private static final Map<String, StreetTypes> TYPES = loadTypes();

    /**
     * Normalises one address. Never throws for bad input; what it cannot read stays empty.
     *
     * @param street   the street line as the source holds it, e.g. {@code C/ Mayor, 12 3ºB}
     * @param postcode the postcode, may be null
     * @param city     the city, may be null
     * @param country  the country as the source spells it ({@code ES}, {@code Spain}), may be null
     */
    public Address normalise(String street, String postcode, String city, String country) {
        String region = Countries.region(country).orElse("");
        List<String> languages = LANGUAGES_BY_COUNTRY.getOrDefault(region, LANGUAGES);
        Street parsed = parseStreet(street, languages);
        if ((postcode == null || postcode.isBlank()) && city != null) {
            String[] split = splitPostcodeFromCity(city, region);
            postcode = split[0];
            city = split[1];
        }
        String canonicalPostcode = Postcodes.normalise(postcode, region).orElse(null);
        String postcodeText = canonicalPostcode != null ? canonicalPostcode
                : postcode == null ? "" : BLANKS.matcher(postcode.strip().toUpperCase(Locale.ROOT)).replaceAll("");
        return new Address(parsed.name(), parsed.type(), parsed.number(), parsed.unit(), postcodeText,
                canonicalPostcode != null, foldWords(city), region);
    }

    /**
     * Sources without a postcode column write it into the city ({@code 28013 Madrid}, {@code 1012 AB Amsterdam},
     * {@code London SW1A 1AA}); a leading or trailing group of one or two words that is a valid postcode of the
     * country is taken out. Returns {postcode or null, city}.
     */
    private static String[] splitPostcodeFromCity(String city, String region) {
        String[] words = BLANKS.split(city.strip());
        for (int count = Math.min(2, words.length - 1); count >= 1; count--) {
            String head = String.join(" ", Arrays.copyOfRange(words, 0, count));
            if (Postcodes.normalise(head, region).isPresent()) {
                return new String[] {head, String.join(" ", Arrays.copyOfRange(words, count, words.length))};
            }
            String tail = String.join(" ", Arrays.copyOfRange(words, words.length - count, words.length));
            if (Postcodes.normalise(tail, region).isPresent()) {
                return new String[] {tail, String.join(" ", Arrays.copyOfRange(words, 0, words.length - count))};
            }
        }
        return new String[] {null, city};
    }

    private record Street(String name, String type, String number, String unit) {
    }

    private static Street parseStreet(String raw, List<String> languages) {
        if (raw == null || raw.isBlank()) {
            return new Street("", "", "", "");
        }
        // Ordinal marks (3ºB, nº 12) would fold to letters and glue onto the numbers.
        String text = Fold.ascii(APOSTROPHES_AND_ORDINALS.matcher(SPANISH_CALLE.matcher(raw).replaceAll("calle "))
                .replaceAll(" "));
        text = INNER_DOT.matcher(text).replaceAll("");
        text = STREET_NOISE.matcher(text).replaceAll(" ").strip();
        text = NUMBER_MARK.matcher(text).replaceAll("");

        String unit = "";
        Matcher flat = FLAT.matcher(text);
        if (flat.find()) {
            unit = flat.group(1);
            text = text.substring(0, flat.start()).strip();
        }
        String number = "";
        String before = text;
        String after = "";
        Matcher house = HOUSE_NUMBER.matcher(text);
        while (house.find()) {
            boolean atStart = house.start() == 0;
            boolean wordBoundary = (house.start() == 0 || text.charAt(house.start() - 1) == ' ')
                    && (house.end() == text.length() || text.charAt(house.end()) == ' ');
            // A number before the street is a house number only at the start (12 rue de la Paix, 221b Baker St);
            // elsewhere the first number after a street word is.
            if (wordBoundary && (atStart || !text.substring(0, house.start()).isBlank())) {
                number = house.group().replaceAll("\\s", "").replace('/', '-');
                before = atStart ? text.substring(house.end()) : text.substring(0, house.start());
                after = atStart ? "" : text.substring(house.end());
                break;
            }
        }
        if (unit.isEmpty()) {
            unit = String.join(" ", words(after.replace('-', ' ').replace('/', ' ')));
        }
        List<String> words = words(before.replace('/', ' ').replace('-', ' '));
        return typed(words, languages, number, unit);
    }

    private static Street typed(List<String> words, List<String> languages, String number, String unit) {
        if (words.isEmpty()) {
            return new Street("", "", number, unit);
        }
        for (String language : languages) {
            StreetTypes types = TYPES.get(language);
            if (words.size() > 1 && types.words().containsKey(words.getFirst())) {
                return new Street(name(words.subList(1, words.size())), types.words().get(words.getFirst()), number,
                        unit);
            }
            if (words.size() > 1 && types.words().containsKey(words.getLast())) {
                return new Street(name(words.subList(0, words.size() - 1)), types.words().get(words.getLast()),
                        number, unit);
            }
            String last = words.getLast();
            for (Map.Entry<String, String> suffix : types.suffixes().entrySet()) {
                if (last.length() > suffix.getKey().length() + 1 && last.endsWith(suffix.getKey())) {
                    List<String> name = new ArrayList<>(words.subList(0, words.size() - 1));
                    name.add(last.substring(0, last.length() - suffix.getKey().length()));
                    return new Street(name(name), suffix.getValue(), number, unit);
                }
            }
        }
        return new Street(name(words), "", number, unit);
    }

    /** The street name without leading particles, unless nothing else would remain. */
    private static String name(List<String> words) {
        int start = 0;
        while (start < words.size() - 1 && STREET_PARTICLES.contains(words.get(start))) {
            start++;
        }
        return String.join(" ", words.subList(start, words.size()));
    }

    private static String foldWords(String text) {
        return String.join(" ", words(Fold.ascii(text == null ? "" : APOSTROPHES.matcher(text).replaceAll(""))));
    }

    private static List<String> words(String folded) {
        List<String> words = new ArrayList<>();
        for (String word : NON_WORD.split(folded)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private record StreetTypes(Map<String, String> words, Map<String, String> suffixes) {
    }

    private static Map<String, StreetTypes> loadTypes() {
        Map<String, StreetTypes> byLanguage = new HashMap<>();
        for (String language : LANGUAGES) {
            String resource = "/normalise/street-types/" + language + ".txt";
            Map<String, String> words = new HashMap<>();
            // Longest suffix first, so that "strasse" wins over "str" wherever both end a word.
            Map<String, String> suffixes = new LinkedHashMap<>();
            List<String[]> suffixRows = new ArrayList<>();
            for (VariantTable.Entry entry : VariantTable.read(resource, "street-type table")) {
                boolean suffix = entry.canonical().startsWith("~");
                String canonical = suffix ? entry.canonical().substring(1).strip() : entry.canonical();
                for (String variant : entry.variants()) {
                    String folded = String.join("", words(Fold.ascii(variant)));
                    if (folded.isEmpty()) {
                        continue;
                    }
                    if (suffix) {
                        suffixRows.add(new String[] {folded, canonical});
                    } else {
                        words.putIfAbsent(folded, canonical);
                    }
                }
            }
            suffixRows.sort((a, b) -> Integer.compare(b[0].length(), a[0].length()));
            suffixRows.forEach(row -> suffixes.putIfAbsent(row[0], row[1]));
            byLanguage.put(language, new StreetTypes(Map.copyOf(words), Collections.unmodifiableMap(suffixes)));
        }
        return Map.copyOf(byLanguage);
    }
}
