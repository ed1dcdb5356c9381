package io.tessera.identity.core.normalise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Normalises person names for comparison: Unicode folding ({@code José}/{@code Jose}, {@code Łukasz}/{@code lukasz},
 * {@code Müller} with both {@code muller} and {@code mueller}), case, punctuation, titles, family-name particles kept
 * apart, Spanish and Portuguese double surnames, and given-name variants from the nickname tables in
 * {@code /normalise/nicknames/} (ES, PT, FR, IT, DE, NL, PL, EN). Thread-safe; the tables are loaded once.
 */
public final class NameNormaliser {

    /** The languages whose nickname tables are loaded, by ISO 639-1 code. */
    public static final List<String> NICKNAME_LANGUAGES = List.of("es", "pt", "fr", "it", "de", "nl", "pl", "en");

    /**
     * Particles of family names. Treated as a particle only before another family token, so that a family name
     * that is itself {@code Le} or {@code Da} survives.
     */
    private static final Set<String> PARTICLES = Set.of(
            "de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "der", "den", "von", "vom", "zu",
            "zum", "zur", "di", "du", "des", "le", "lo", "della", "dalla", "delle", "degli", "dei", "ter", "ten",
            "te", "t", "op", "af", "al", "el", "bin", "ibn");

    /** Words that join the two surnames of a double surname ({@code García y López}, {@code Silva e Santos}). */
    private static final Set<String> CONNECTORS = Set.of("y", "e", "i");

    /** Titles and courtesy forms that sources put in name fields; they say nothing about identity. */
    private static final Set<String> TITLES = Set.of(
            "mr", "mrs", "ms", "miss", "dr", "prof", "sr", "sra", "srta", "don", "dona", "dna", "herr", "frau",
            "mme", "mlle", "mevrouw", "dhr", "mevr", "pan", "pani", "sig", "sigra", "sir", "dott", "ing");

    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`´ʼ]");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    private static final Map<String, Set<String>> CANONICAL = loadNicknames();

    /**
     * Normalises a name held as given and family fields.
     *
     * @param given  the given name(s) as the source holds them, may be null
     * @param family the family name(s), with or without particles, may be null
     */
    public PersonName normalise(String given, String family) {
        List<String> givenTokens = dropTitles(tokens(given));
        List<String> familyTokens = tokens(family);
        return build(givenTokens, familyTokens, given, family);
    }

    /**
     * Normalises a name held in one field: {@code Family, Given}, or given names first. Leading tokens that the
     * nickname tables know as given names are read as given names, the rest as the family name, so that
     * {@code José María García López} has the given name {@code jose maria}.
     */
    public PersonName normaliseFull(String fullName) {
        if (fullName == null) {
            return build(List.of(), List.of(), null, null);
        }
        int comma = fullName.indexOf(',');
        if (comma >= 0) {
            return normalise(fullName.substring(comma + 1), fullName.substring(0, comma));
        }
        List<String> all = dropTitles(tokens(fullName));
        if (all.size() <= 1) {
            return build(all, List.of(), fullName, "");
        }
        int givenCount = 1;
        while (givenCount < all.size() - 1
                && isKnownGivenName(all.get(givenCount))
                && !PARTICLES.contains(all.get(givenCount))) {
            givenCount++;
        }
        List<String> givenTokens = all.subList(0, givenCount);
        List<String> familyTokens = all.subList(givenCount, all.size());
        // The umlaut forms need the raw text; a one-field name keeps one raw text for both parts.
        return build(givenTokens, familyTokens, fullName, fullName);
    }

    /** One name folded to a single token string: lower-case ASCII, apostrophes dropped, blanks collapsed. */
    public String fold(String name) {
        return String.join(" ", tokens(name));
    }

    /**
     * The canonical given names a given name is a variant of, e.g. {@code Paco} gives {@code [francisco]},
     * {@code Jan} gives {@code [jan, johannes]}. A canonical name gives itself; a name the tables do not know gives
     * itself folded. Empty for a blank name.
     */
    public Set<String> canonicalGivenNames(String token) {
        String folded = fold(token);
        if (folded.isEmpty()) {
            return Set.of();
        }
        Set<String> known = CANONICAL.get(folded);
        return known == null ? Set.of(folded) : known;
    }

    /** Whether two given names are variants of one canonical name (or equal after folding). */
    public boolean givenNamesEquivalent(String a, String b) {
        return !Collections.disjoint(canonicalGivenNames(a), canonicalGivenNames(b));
    }

    /**
     * Compares two normalised names; see {@link NameMatch} for the levels. Symmetric: {@code compare(a, b)}
     * equals {@code compare(b, a)}.
     */
    public NameMatch compare(PersonName a, PersonName b) {
        if (a.isEmpty() || b.isEmpty()) {
            return NameMatch.DIFFERENT;
        }
        boolean givenEqual = intersects(a.givenForms(), b.givenForms());
        boolean familyEqual = intersects(a.familyForms(), b.familyForms());
        if (givenEqual && familyEqual) {
            return a.particles().equals(b.particles()) ? NameMatch.EXACT : NameMatch.PARTIAL;
        }
        if (!a.given().isEmpty() && !b.given().isEmpty()
                && intersects(a.givenForms(), b.familyForms()) && intersects(a.familyForms(), b.givenForms())) {
            return NameMatch.SWAPPED;
        }
        boolean givenVariant = givenEqual || givenVariants(a, b);
        if (familyEqual && givenVariant) {
            return a.particles().equals(b.particles()) ? NameMatch.NICKNAME : NameMatch.PARTIAL;
        }
        if (givenVariant && sharesSurname(a, b)) {
            return NameMatch.PARTIAL;
        }
        return NameMatch.DIFFERENT;
    }

    private boolean givenVariants(PersonName a, PersonName b) {
        if (a.given().isEmpty() || b.given().isEmpty()) {
            return false;
        }
        Set<String> left = new TreeSet<>(canonicalGivenNames(a.givenName()));
        left.addAll(canonicalGivenNames(a.given().getFirst()));
        Set<String> right = new TreeSet<>(canonicalGivenNames(b.givenName()));
        right.addAll(canonicalGivenNames(b.given().getFirst()));
        return intersects(left, right);
    }

    private static boolean sharesSurname(PersonName a, PersonName b) {
        Set<String> left = new TreeSet<>(a.family());
        for (String form : a.familyForms()) {
            left.addAll(List.of(form.split(" ")));
        }
        for (String form : b.familyForms()) {
            for (String token : form.split(" ")) {
                if (!token.isEmpty() && left.contains(token)) {
                    return true;
                }
            }
        }
        return b.family().stream().anyMatch(left::contains);
    }

    private PersonName build(List<String> givenTokens, List<String> familyTokens, String rawGiven, String rawFamily) {
        List<String> particles = new ArrayList<>();
        List<String> family = new ArrayList<>();
        for (int i = 0; i < familyTokens.size(); i++) {
            String token = familyTokens.get(i);
            boolean moreFollow = hasCoreTokenAfter(familyTokens, i);
            if (CONNECTORS.contains(token) && !family.isEmpty() && moreFollow) {
                continue;
            }
            if (PARTICLES.contains(token) && moreFollow) {
                particles.add(token);
            } else {
                family.add(token);
            }
        }
        Set<String> givenForms = forms(givenTokens, rawGiven);
        Set<String> familyForms = forms(family, rawFamily);
        return new PersonName(givenTokens, particles, family, givenForms, familyForms);
    }

    private static boolean hasCoreTokenAfter(List<String> tokens, int index) {
        for (int j = index + 1; j < tokens.size(); j++) {
            if (!PARTICLES.contains(tokens.get(j)) && !CONNECTORS.contains(tokens.get(j))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The joined tokens, plus the German umlaut spelling when the raw text holds an umlaut. The German spelling is
     * found per token, by position, because particles and titles were removed from the token list.
     */
    private Set<String> forms(List<String> tokens, String raw) {
        Set<String> forms = new LinkedHashSet<>();
        if (tokens.isEmpty()) {
            return forms;
        }
        forms.add(String.join(" ", tokens));
        if (Fold.hasUmlaut(raw)) {
            Map<String, String> german = new HashMap<>();
            for (String word : splitRaw(raw)) {
                String plain = fold(word);
                String umlaut = SEPARATORS.matcher(Fold.germanAscii(stripApostrophes(word))).replaceAll("");
                if (!plain.isEmpty() && !plain.equals(umlaut)) {
                    german.put(plain, umlaut);
                }
            }
            forms.add(String.join(" ", tokens.stream().map(t -> german.getOrDefault(t, t)).toList()));
        }
        return forms;
    }

    private static List<String> splitRaw(String raw) {
        List<String> words = new ArrayList<>();
        for (String word : stripApostrophes(raw).split("[\\s\\-.,;/]+")) {
            if (!word.isBlank()) {
                words.add(word);
            }
        }
        return words;
    }

    private static List<String> tokens(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        // Apostrophes join (O'Brien is obrien); everything else that is not a letter or digit separates.
        String folded = Fold.ascii(stripApostrophes(raw));
        List<String> tokens = new ArrayList<>();
        for (String token : SEPARATORS.split(folded)) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static String stripApostrophes(String raw) {
        return APOSTROPHES.matcher(raw).replaceAll("");
    }

    private static List<String> dropTitles(List<String> tokens) {
        int start = 0;
        while (start < tokens.size() - 1 && TITLES.contains(tokens.get(start))) {
            start++;
        }
        return tokens.subList(start, tokens.size());
    }

    private static boolean isKnownGivenName(String token) {
        return CANONICAL.containsKey(token);
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        return !Collections.disjoint(a, b);
    }

    private static Map<String, Set<String>> loadNicknames() {
        Map<String, Set<String>> canonical = new HashMap<>();
        for (String language : NICKNAME_LANGUAGES) {
            String resource = "/normalise/nicknames/" + language + ".txt";
            for (VariantTable.Entry entry : VariantTable.read(resource, "nickname table")) {
                String name = String.join(" ", tokens(entry.canonical()));
                canonical.computeIfAbsent(name, k -> new TreeSet<>()).add(name);
                for (String variant : entry.variants()) {
                    String folded = String.join(" ", tokens(variant));
                    if (!folded.isEmpty()) {
                        canonical.computeIfAbsent(folded, k -> new TreeSet<>()).add(name);
                    }
                }
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        canonical.forEach((name, names) -> frozen.put(name, Set.copyOf(names)));
        return Map.copyOf(frozen);
    }
}
