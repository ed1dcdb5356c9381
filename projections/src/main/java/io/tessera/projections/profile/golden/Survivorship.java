package io.tessera.projections.profile.golden;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a profile's golden record from its current records: each attribute by its survivorship rule, each value
 * with the record, source system and change time it came from. Plain Java and deterministic: the same records give
 * the same golden record, whatever order they are passed in.
 *
 * <p>Values are compared, for {@code most-frequent} and {@code keep-all}, without differences of case, accents,
 * spacing and punctuation; phone numbers by their last nine digits, so {@code +34 600 11 22 33} and
 * {@code 600112233} are one number. The value shown is the spelling of the most recently
 * changed record that holds it.
 */
public final class Survivorship {

    /** The configuration key of the rule for other identifiers. */
    public static final String IDENTIFIERS = "identifiers";
    private static final String PREFIX = "tessera.profiles.survivorship";
    private static final Comparator<Candidate> MOST_RECENT_FIRST = Comparator
            .comparing((Candidate c) -> c.changedAt() == null ? Instant.MIN : c.changedAt(), Comparator.reverseOrder())
            .thenComparing(Candidate::record)
            .thenComparingInt(Candidate::position);

    private final Map<GoldenAttribute, SurvivorshipRule> rules;
    private final SurvivorshipRule identifierRule;
    private final List<String> trustedSources;

    private Survivorship(Map<GoldenAttribute, SurvivorshipRule> rules, SurvivorshipRule identifierRule,
            List<String> trustedSources) {
        this.rules = rules;
        this.identifierRule = identifierRule;
        this.trustedSources = List.copyOf(trustedSources);
    }

    /** Every attribute by its default rule, no source trusted above another. */
    public static Survivorship defaults() {
        return fromConfig(List.of(), Map.of());
    }

    /**
     * Rules from configuration, validated: an unknown attribute or rule, or {@code most-trusted} without a ranking of
     * sources, is an error that names the key and what it accepts.
     *
     * @param trustedSources source names, most trusted first ({@code tessera.profiles.survivorship.trusted-sources})
     * @param configured     rule by attribute name ({@code tessera.profiles.survivorship.rules.<attribute>})
     */
    public static Survivorship fromConfig(List<String> trustedSources, Map<String, String> configured) {
        List<String> trusted = trustedSources == null ? List.of() : trustedSources;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < trusted.size(); i++) {
            String source = trusted.get(i);
            String key = PREFIX + ".trusted-sources[" + i + "]";
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException(key + " is empty; name a source as its records' keys name it, "
                        + "e.g. crm");
            }
            if (!seen.add(source.strip())) {
                throw new IllegalArgumentException(key + ": source '" + source + "' is ranked twice; list each once, "
                        + "most trusted first");
            }
        }
        Map<GoldenAttribute, SurvivorshipRule> rules = new EnumMap<>(GoldenAttribute.class);
        for (GoldenAttribute attribute : GoldenAttribute.values()) {
            rules.put(attribute, attribute.defaultRule());
        }
        SurvivorshipRule identifierRule = SurvivorshipRule.MOST_RECENT;
        for (var entry : new TreeMap<>(configured == null ? Map.<String, String>of() : configured).entrySet()) {
            String key = PREFIX + ".rules." + entry.getKey();
            SurvivorshipRule rule = SurvivorshipRule.fromConfig(key, entry.getValue());
            if (rule == SurvivorshipRule.MOST_TRUSTED && trusted.isEmpty()) {
                throw new IllegalArgumentException(key + ": most-trusted needs " + PREFIX
                        + ".trusted-sources, the source names most trusted first (e.g. [erp, crm, webshop])");
            }
            if (IDENTIFIERS.equals(entry.getKey().strip().toLowerCase(Locale.ROOT))) {
                identifierRule = rule;
            } else {
                rules.put(GoldenAttribute.fromConfig(PREFIX + ".rules", entry.getKey()), rule);
            }
        }
        return new Survivorship(rules, identifierRule, trusted.stream().map(String::strip).toList());
    }

    /** The rule an attribute follows. */
    public SurvivorshipRule rule(GoldenAttribute attribute) {
        return rules.get(attribute);
    }

    /** A current record of the profile, and when Tessera first saw it (null when unknown). */
    public record Member(SourceRecord record, Instant firstSeen) {

        public Member {
            Objects.requireNonNull(record, "record");
        }
    }

    /** The golden record of a profile with these records; empty attributes when none holds a value. */
    public GoldenRecord build(List<Member> members) {
        Map<String, GoldenValue> attributes = new LinkedHashMap<>();
        for (GoldenAttribute attribute : GoldenAttribute.values()) {
            List<Candidate> candidates = new ArrayList<>();
            for (Member member : members) {
                List<Object> values = attribute.valuesOf(member.record());
                for (int i = 0; i < values.size(); i++) {
                    candidates.add(candidate(attribute == GoldenAttribute.PHONES, values.get(i), member, i));
                }
            }
            choose(rules.get(attribute), candidates).ifPresent(value -> attributes.put(attribute.configName(), value));
        }
        Map<String, List<Candidate>> byType = new TreeMap<>();
        for (Member member : members) {
            member.record().attributes().identifiers().forEach((type, value) -> GoldenAttribute.text(value).forEach(
                    v -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(candidate(false, v, member, 0))));
        }
        Map<String, GoldenValue> identifiers = new TreeMap<>();
        byType.forEach((type, candidates) -> choose(identifierRule, candidates)
                .ifPresent(value -> identifiers.put(type, value)));

        Instant firstSeen = members.stream().map(Member::firstSeen).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        Instant lastSeen = members.stream().map(m -> m.record().changedAt()).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        TreeMap<String, Integer> bySource = new TreeMap<>();
        TreeMap<String, Integer> byTable = new TreeMap<>();
        members.forEach(m -> {
            bySource.merge(m.record().key().source(), 1, Integer::sum);
            byTable.merge(m.record().key().source() + "/" + m.record().key().table(), 1, Integer::sum);
        });
        return new GoldenRecord(attributes, identifiers, firstSeen, lastSeen, bySource, byTable, facts(members));
    }

    /** Per fact name, what the records holding it say together. */
    private static TreeMap<String, FactSummary> facts(List<Member> members) {
        Map<String, List<Candidate>> byFact = new TreeMap<>();
        for (Member member : members) {
            member.record().facts().forEach((name, value) -> GoldenAttribute.text(value).forEach(
                    v -> byFact.computeIfAbsent(name, n -> new ArrayList<>()).add(candidate(false, v, member, 0))));
        }
        TreeMap<String, FactSummary> facts = new TreeMap<>();
        byFact.forEach((name, candidates) -> {
            List<BigDecimal> numbers = candidates.stream().map(c -> number(String.valueOf(c.value()))).toList();
            boolean numeric = numbers.stream().allMatch(Objects::nonNull);
            Candidate latest = candidates.stream().min(MOST_RECENT_FIRST).orElseThrow();
            GoldenValue latestValue = new GoldenValue(SurvivorshipRule.MOST_RECENT.configName(), latest.value(),
                    latest.lineage(), null);
            facts.put(name, numeric
                    ? new FactSummary(candidates.size(),
                            numbers.stream().reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString(),
                            numbers.stream().min(Comparator.naturalOrder()).orElseThrow().toPlainString(),
                            numbers.stream().max(Comparator.naturalOrder()).orElseThrow().toPlainString(),
                            latestValue)
                    : new FactSummary(candidates.size(), null, null, null, latestValue));
        });
        return facts;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One value one record offers, with what the rules order it by. */
    private record Candidate(Object value, String comparable, RecordKey record, Instant changedAt, Instant firstSeen,
                             int position) {

        GoldenValue.Lineage lineage() {
            return new GoldenValue.Lineage(record, record.source(), changedAt);
        }
    }

    private static Candidate candidate(boolean phone, Object value, Member member, int position) {
        SourceRecord record = member.record();
        return new Candidate(value, comparable(value, phone), record.key(), record.changedAt(), member.firstSeen(),
                position);
    }

    private Optional<GoldenValue> choose(SurvivorshipRule rule, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String name = rule.configName();
        return Optional.of(switch (rule) {
            case MOST_RECENT -> single(name, candidates.stream().min(MOST_RECENT_FIRST).orElseThrow());
            case MOST_TRUSTED -> single(name, candidates.stream()
                    .min(Comparator.comparingInt((Candidate c) -> trustRank(c.record().source()))
                            .thenComparing(MOST_RECENT_FIRST))
                    .orElseThrow());
            case NON_EMPTY -> single(name, candidates.stream()
                    .min(Comparator.comparing((Candidate c) -> c.firstSeen() == null ? Instant.MAX : c.firstSeen())
                            .thenComparing(Candidate::record)
                            .thenComparingInt(Candidate::position))
                    .orElseThrow());
            case MOST_FREQUENT -> single(name, groups(candidates).getFirst().getFirst());
            case KEEP_ALL -> new GoldenValue(name, null, null, groups(candidates).stream()
                    .map(group -> new GoldenValue.KeptValue(group.getFirst().value(),
                            group.stream().map(Candidate::lineage).distinct().toList()))
                    .toList());
        });
    }

    private static GoldenValue single(String rule, Candidate chosen) {
        return new GoldenValue(rule, chosen.value(), chosen.lineage(), null);
    }

    /**
     * Candidates grouped by comparable value, each group most recent first; groups held by most records first, then
     * the group whose latest holder changed last.
     */
    private static List<List<Candidate>> groups(List<Candidate> candidates) {
        Map<String, List<Candidate>> byValue = new LinkedHashMap<>();
        candidates.stream().sorted(MOST_RECENT_FIRST)
                .forEach(c -> byValue.computeIfAbsent(c.comparable(), k -> new ArrayList<>()).add(c));
        Comparator<List<Candidate>> mostHeld = Comparator.comparingInt(
                (List<Candidate> group) -> new TreeSet<>(group.stream().map(Candidate::record).toList()).size())
                .reversed();
        return byValue.values().stream()
                .sorted(mostHeld.thenComparing(group -> group.getFirst(), MOST_RECENT_FIRST))
                .toList();
    }

    private int trustRank(String source) {
        int rank = trustedSources.indexOf(source);
        return rank < 0 ? trustedSources.size() : rank;
    }

    /** A value as compared: without case, accents, punctuation and spacing; a phone number by its digits. */
    static String comparable(Object value, boolean phone) {
        String text = value instanceof Map<?, ?> parts ? String.join("|", parts.values().stream()
                .map(String::valueOf).toList()) : String.valueOf(value);
        if (phone) {
            // By the last nine digits: the national number, however the source wrote the country prefix.
            String digits = text.replaceAll("[^0-9]", "");
            return digits.length() > 9 ? digits.substring(digits.length() - 9) : digits;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}@|]+", " ").strip();
    }
}
