package io.tessera.identity.core.cluster;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.batch.CanonicalResolution;
import io.tessera.identity.core.batch.FeatureExtractor;
import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.scoring.AttributeEvidence;
import io.tessera.identity.core.scoring.ConstrainedClusterer;
import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.core.scoring.PairScorer;
import io.tessera.identity.core.scoring.ResolutionConfig;
import io.tessera.identity.core.scoring.RuleConfig;
import io.tessera.identity.core.scoring.ScoredEdge;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one change to the resolution state and says which profiles changed: the heart of identity resolution,
 * incremental Fellegi-Sunter on the same core as the batch {@code resolve} command.
 *
 * <p>On each change it:
 * <ol>
 *   <li>normalises the record into features and applies the per-identifier cardinality cap
 *       ({@link CappedValues}); a value crossing the cap changes the features of all its holders;</li>
 *   <li>files the records whose features changed under their blocking keys; a block crossing the size cap adds or
 *       removes candidates for all its holders;</li>
 *   <li>re-links those records: each candidate pair (sharing a block within the size cap, or joined by a
 *       same-entity relation of either record) that breaks no cannot-link rule and shares a decisive identifier, is
 *       joined by a same-entity relation, or scores at or above the threshold becomes a {@link Link}, stored both
 *       ways;</li>
 *   <li>re-clusters, from scratch, the connected part of the link graph the change touched (including every
 *       member of the profiles met on the way), by constrained clustering, strongest links first.</li>
 * </ol>
 * Links depend only on the pair and the current records, and the clustering of a connected part depends only on
 * its records and links; so the partition of records into profiles depends only on the current records and the
 * settings, never on the order of the changes, and equals the batch resolution of the same records with the same
 * parameters (DESIGN invariant 1).
 *
 * <p>It emits a decision for every profile whose membership changed or that holds a re-linked record; and a
 * decision without members for every profile id that is no longer used. A decision names the profiles it absorbs
 * ({@code mergedFrom}), the profile it was split off from ({@code splitFrom}), and a retiring decision the profile
 * it was merged into ({@code mergedInto}), all read from the previous ids of the members of each new component, so
 * they are as deterministic as the ids. Decision ids derive from profile, cause and position, and
 * {@code decidedAt} is the change's time, so a replay yields identical decisions. Ids are chosen by
 * {@link ProfileIds}.
 *
 * <p>It decides before it writes ({@link PendingState}): a change that fails while deciding leaves the state
 * untouched. Not thread-safe for one state; the resolver itself holds no state.
 */
public final class IdentityResolver {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityResolver.class);
    /** The rule of a link between two records that a same-entity relation of one of them names as one entity. */
    public static final String SAME_ENTITY = RuleConfig.SAME_ENTITY;
    private static final String DECISION_NAMESPACE = "tessera-decision:";
    /** At most this many records are read as pointing at one record by same-entity relations. */
    private static final int MAX_SAME_ENTITY_HOLDERS = 1_000;
    private static final int MAX_EVIDENCE = 10;
    private static final Comparator<Map.Entry<RecordKey, Link>> STRONGEST_FIRST =
            Comparator.<Map.Entry<RecordKey, Link>>comparingDouble(e -> e.getValue().clusteringWeight())
                    .reversed()
                    .thenComparing(Map.Entry::getKey);

    private final ResolverSettings settings;
    private final ResolutionConfig config;
    private final BlockingConfig blocking;
    private final PairScorer scorer;
    private final ConstrainedClusterer clusterer;
    private final FeatureExtractor extractor;
    private final double minWeight;
    private final LongAdder unusable = new LongAdder();
    private final Map<String, Integer> blockCaps = new HashMap<>();

    public IdentityResolver(ResolverSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = settings.config();
        this.blocking = config.effectiveBlocking();
        this.scorer = new PairScorer(settings.parameters(), config.rules());
        this.clusterer = new ConstrainedClusterer(config.rules());
        this.extractor = new FeatureExtractor(settings.defaultPhoneRegion());
        this.minWeight = config.thresholdWeight();
        blocking.keys().forEach(key -> blockCaps.put(key.name(), blocking.maxBlockSize(key)));
    }

    public ResolverSettings settings() {
        return settings;
    }

    /** Upserts applied by this resolver whose record had no attribute to compare on nor a same-entity relation. */
    public long unusableRecords() {
        return unusable.sum();
    }

    /** The scorer, for explanations. */
    public PairScorer scorer() {
        return scorer;
    }

    /** The record with its features, as resolution stores it (before the cardinality cap is applied). */
    public IndexedRecord index(SourceRecord record) {
        return new IndexedRecord(record, extractor.extract(record), List.of());
    }

    /**
     * Applies one change to the state.
     *
     * @return the decisions to emit, profiles with members first (in the order of their smallest record key), then
     *         retired profiles (by id); empty for the delete of an unknown record
     */
    public List<IdentityDecision> apply(ResolutionState stored, Change change) {
        RecordKey changed = change.key();
        PendingState state = new PendingState(stored);
        Optional<IndexedRecord> before = state.previousRecord(changed);
        Optional<IndexedRecord> fresh = switch (change) {
            case Change.Upsert upsert -> Optional.of(index(upsert.record()));
            case Change.Delete delete -> Optional.empty();
        };
        if (before.isEmpty() && fresh.isEmpty()) {
            LOG.debug("Ignored the delete of unknown record {}", changed);
            return List.of();
        }

        if (fresh.isPresent() && !CanonicalResolution.usable(fresh.get().features())
                && fresh.get().record().sameEntityTargets().isEmpty()) {
            unusable.increment();
            LOG.debug("Record {} has no attribute to compare on; it is a profile of its own", changed);
        }
        SortedSet<RecordKey> refeatured = capValues(state, changed, before, fresh);
        Map<String, List<RecordKey>> blocks = new HashMap<>();
        SortedSet<RecordKey> relinked = reblock(state, refeatured, blocks);
        SortedSet<RecordKey> oldNeighbours = relink(state, relinked, blocks);

        Deque<RecordKey> start = new ArrayDeque<>(relinked);
        start.addAll(oldNeighbours);
        SortedMap<RecordKey, Affected> affected = explore(state, start);
        List<SortedSet<RecordKey>> components = cluster(affected);
        List<String> ids = ProfileIds.assign(components, state::profileOf, id -> !state.members(id).isEmpty());

        SortedSet<String> previousIds = new TreeSet<>();
        affected.keySet().forEach(key -> state.profileOf(key).ifPresent(previousIds::add));
        state.profileOf(changed).ifPresent(previousIds::add);

        Set<String> kept = new HashSet<>(ids);
        List<SortedMap<String, Integer>> votes = new ArrayList<>();
        for (SortedSet<RecordKey> component : components) {
            votes.add(previousIdVotes(component, state));
        }

        List<IdentityDecision> decisions = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            SortedSet<RecordKey> component = components.get(i);
            String id = ids.get(i);
            boolean membershipChanged = !component.equals(new TreeSet<>(state.members(id)));
            if (membershipChanged || !Collections.disjoint(component, relinked)) {
                decisions.add(decision(id, component, affected, change,
                        mergedFrom(id, votes.get(i), kept), splitFrom(id, votes.get(i), kept)));
            }
        }
        for (String previousId : previousIds) {
            if (!kept.contains(previousId)) {
                decisions.add(new IdentityDecision(decisionId(previousId, change), previousId, List.of(), changed,
                        change.at(), List.of(), null, mergedInto(previousId, ids, votes)));
            }
        }

        if (fresh.isEmpty()) {
            state.unassign(changed);
        }
        for (int i = 0; i < components.size(); i++) {
            for (RecordKey key : components.get(i)) {
                state.assign(key, ids.get(i));
            }
        }
        state.commit();
        LOG.debug("Resolved {}: {} records re-linked, {} in {} profiles, {} decisions",
                changed, relinked.size(), affected.size(), components.size(), decisions.size());
        return decisions;
    }

    /**
     * Stores the changed record and its capped values, and works out which records' features change: the changed
     * record, and every holder of a value that crosses the cardinality cap (either way), whose suppressed
     * attributes are then brought up to date.
     */
    private SortedSet<RecordKey> capValues(
            PendingState state, RecordKey changed, Optional<IndexedRecord> before, Optional<IndexedRecord> fresh) {
        Set<String> oldKeys = new HashSet<>(before.map(r -> CappedValues.indexKeys(r.features()).values())
                .orElse(List.of()));
        Set<String> newKeys = new HashSet<>(fresh.map(r -> CappedValues.indexKeys(r.features()).values())
                .orElse(List.of()));
        refile(state, changed, oldKeys, newKeys);
        fresh.ifPresentOrElse(state::putRecord, () -> state.removeRecord(changed));

        int cap = settings.cardinalityCap();
        SortedSet<RecordKey> refeatured = new TreeSet<>();
        refeatured.add(changed);
        Map<String, Integer> counts = new HashMap<>();
        Set<String> touched = new TreeSet<>(oldKeys);
        touched.addAll(newKeys);
        for (String key : touched) {
            Crossing crossing = crossing(state, key, cap);
            counts.put(key, crossing.holders().size());
            if (crossing.crossed()) {
                refeatured.addAll(crossing.holders());
            }
        }
        for (RecordKey key : refeatured) {
            Optional<IndexedRecord> record = state.record(key);
            if (record.isEmpty()) {
                continue;
            }
            List<String> suppressed = new ArrayList<>();
            CappedValues.indexKeys(record.get().features()).forEach((attribute, indexKey) -> {
                int holders = counts.computeIfAbsent(indexKey, k -> state.holders(k, cap + 1).size());
                if (holders > cap) {
                    suppressed.add(attribute);
                }
            });
            IndexedRecord updated = record.get().withSuppressed(suppressed);
            if (!updated.equals(record.get())) {
                state.putRecord(updated);
            }
        }
        return refeatured;
    }

    /**
     * Files the records whose features changed under their new blocking keys, and works out which records need
     * new links: those, and every holder of a block that crosses the size cap (either way). Leaves the holders of
     * each block within the cap in {@code blocks} for {@link #relink}.
     */
    private SortedSet<RecordKey> reblock(
            PendingState state, SortedSet<RecordKey> refeatured, Map<String, List<RecordKey>> blocks) {
        Set<String> touched = new TreeSet<>();
        for (RecordKey key : refeatured) {
            Set<String> oldBlocks = state.previousRecord(key).map(r -> blockKeys(r.effective())).orElse(Set.of());
            Set<String> newBlocks = state.record(key).map(r -> blockKeys(r.effective())).orElse(Set.of());
            refile(state, key, oldBlocks, newBlocks);
            refile(state, key, sameEntityKeys(state.previousRecord(key)), sameEntityKeys(state.record(key)));
            touched.addAll(oldBlocks);
            touched.addAll(newBlocks);
        }
        SortedSet<RecordKey> relinked = new TreeSet<>(refeatured);
        for (String block : touched) {
            Crossing crossing = crossing(state, block, capOf(block));
            blocks.put(block, crossing.over() ? null : crossing.holders());
            if (crossing.crossed()) {
                relinked.addAll(crossing.holders());
            }
        }
        return relinked;
    }

    /** Moves a record from the index keys it had to those it has now. */
    private static void refile(PendingState state, RecordKey key, Set<String> oldKeys, Set<String> newKeys) {
        oldKeys.stream().filter(k -> !newKeys.contains(k)).forEach(k -> state.removeHolder(k, key));
        newKeys.stream().filter(k -> !oldKeys.contains(k)).forEach(k -> state.addHolder(k, key));
    }

    /**
     * An index key's holders once the change is applied (at most cap + 1 of them), whether they are over the cap,
     * and whether the change made them cross it, either way. A key that crosses has at most cap + 1 holders before
     * and after, so then the list holds all of them.
     */
    private record Crossing(List<RecordKey> holders, boolean over, boolean crossed) {
    }

    private static Crossing crossing(PendingState state, String indexKey, int cap) {
        boolean overBefore = state.previousHolders(indexKey, cap + 1).size() > cap;
        List<RecordKey> after = state.holders(indexKey, cap + 1);
        boolean overAfter = after.size() > cap;
        return new Crossing(after, overAfter, overBefore != overAfter);
    }

    /**
     * Replaces the links of the records to re-link with links to their current candidates.
     *
     * @return the records they were linked to before
     */
    private SortedSet<RecordKey> relink(
            PendingState state, SortedSet<RecordKey> relinked, Map<String, List<RecordKey>> blocks) {
        SortedSet<RecordKey> oldNeighbours = new TreeSet<>();
        for (RecordKey key : relinked) {
            for (RecordKey neighbour : state.previousLinks(key).keySet()) {
                state.removeLink(key, neighbour);
                state.removeLink(neighbour, key);
                oldNeighbours.add(neighbour);
            }
        }
        for (RecordKey key : relinked) {
            Optional<IndexedRecord> record = state.record(key);
            if (record.isEmpty()) {
                continue;
            }
            Features features = record.get().effective();
            Set<RecordKey> candidates = new TreeSet<>();
            for (String block : blockKeys(features)) {
                List<RecordKey> holders = blocks.computeIfAbsent(block, b -> {
                    int max = capOf(b);
                    List<RecordKey> read = state.holders(b, max + 1);
                    return read.size() > max ? null : read;
                });
                if (holders != null) {
                    candidates.addAll(holders);
                }
            }
            Set<RecordKey> targets = record.get().record().sameEntityTargets();
            Set<RecordKey> sameEntity = new HashSet<>(targets);
            sameEntity.addAll(state.holders(sameEntityKey(key), MAX_SAME_ENTITY_HOLDERS));
            candidates.addAll(sameEntity);
            candidates.remove(key);
            state.prefetch(candidates);
            for (RecordKey candidate : candidates) {
                Optional<Features> other = state.features(candidate);
                if (other.isEmpty()) {
                    // The target of a relation may not have arrived yet; it finds this record when it does.
                    if (!targets.contains(candidate)) {
                        LOG.warn("Resolution state files record {} under a block but does not hold it; it is skipped",
                                candidate);
                    }
                    continue;
                }
                Link link = link(features, other.get(), sameEntity.contains(candidate));
                if (link != null) {
                    state.putLink(key, candidate, link);
                    state.putLink(candidate, key, link);
                }
            }
        }
        return oldNeighbours;
    }

    /**
     * The link between two records, or {@code null}: scored in id order, as the batch resolver scores pairs.
     *
     * @param sameEntity whether a same-entity relation of either record names the other
     */
    private Link link(Features a, Features b, boolean sameEntity) {
        Features first = a.id().compareTo(b.id()) <= 0 ? a : b;
        Features second = first == a ? b : a;
        String decisive = sameEntity ? SAME_ENTITY : scorer.decisiveRule(first, second);
        double weight = scorer.weight(first, second);
        // Most candidates fall below the threshold; the cannot-link rules are only asked of the others.
        if (decisive == null && weight < minWeight || scorer.cannotLinkRule(first, second, sameEntity) != null) {
            return null;
        }
        return new Link(weight, decisive == null ? Link.SCORED : decisive, detail(first, second));
    }

    /** The attributes that agreed, strongest first: names, levels and weights only. */
    private String detail(Features first, Features second) {
        return scorer.explain(first, second).attributes().stream()
                .filter(e -> e.weight() > 0)
                .sorted(Comparator.comparingDouble(AttributeEvidence::weight).reversed())
                .map(e -> String.format(Locale.ROOT, "%s %s %+.1f", e.attribute(), e.level(), e.weight()))
                .collect(Collectors.joining(", "));
    }

    /**
     * Every index key a stored record is filed under: its capped values, its blocks and its same-entity relations.
     * The state lists them with the record, so that a record whose data can no longer be read (its key destroyed)
     * can still be taken out of the index.
     */
    public Set<String> indexKeys(IndexedRecord record) {
        Set<String> keys = new TreeSet<>(CappedValues.indexKeys(record.features()).values());
        keys.addAll(blockKeys(record.effective()));
        keys.addAll(sameEntityKeys(Optional.of(record)));
        return keys;
    }

    /**
     * The index keys a record is filed under for its same-entity relations, one per target: when the target arrives
     * or changes, it finds the records that name it there.
     */
    private static Set<String> sameEntityKeys(Optional<IndexedRecord> record) {
        Set<String> keys = new TreeSet<>();
        record.ifPresent(r -> r.record().sameEntityTargets().forEach(target -> keys.add(sameEntityKey(target))));
        return keys;
    }

    private static String sameEntityKey(RecordKey target) {
        return "s\u0001" + target.asString();
    }

    /** A record whose profile may change, with its links once the change is applied (read once per change). */
    private record Affected(IndexedRecord record, Map<RecordKey, Link> links) {
    }

    /** The size cap of a block, by the name of its key (the index key is {@code b SOH name SOH values}). */
    private int capOf(String block) {
        int start = block.indexOf('\u0001') + 1;
        int end = block.indexOf('\u0001', start);
        return blockCaps.get(block.substring(start, end < 0 ? block.length() : end));
    }

    /** The index keys of the blocks a record falls in. */
    private Set<String> blockKeys(Features features) {
        Set<String> keys = new TreeSet<>();
        for (BlockingKey key : blocking.keys()) {
            String value = key.keyOf(features, blocking.blockedValues());
            if (value != null) {
                keys.add("b\u0001" + value.replace('\u0000', '\u0001'));
            }
        }
        return keys;
    }

    /**
     * The records whose profile may change: reachable over links, once the change is applied, from the records
     * re-linked and their old neighbours, and from the previous members of every profile met on the way. The last
     * rule makes the result a union of whole previous profiles, so no profile is left half re-clustered.
     */
    private static SortedMap<RecordKey, Affected> explore(PendingState state, Deque<RecordKey> queue) {
        SortedMap<RecordKey, Affected> affected = new TreeMap<>();
        Set<RecordKey> seen = new HashSet<>();
        Set<String> expandedProfiles = new HashSet<>();
        while (!queue.isEmpty()) {
            RecordKey key = queue.poll();
            if (!seen.add(key)) {
                continue;
            }
            state.profileOf(key)
                    .filter(expandedProfiles::add)
                    .ifPresent(profile -> queue.addAll(state.members(profile)));
            Optional<IndexedRecord> record = state.record(key);
            if (record.isEmpty()) {
                continue;
            }
            Map<RecordKey, Link> links = state.links(key);
            affected.put(key, new Affected(record.get(), links));
            queue.addAll(links.keySet());
        }
        return affected;
    }

    /** Constrained clustering of the affected records over their links, as the batch resolver clusters. */
    private List<SortedSet<RecordKey>> cluster(SortedMap<RecordKey, Affected> affected) {
        List<Features> features = new ArrayList<>(affected.size());
        Map<String, RecordKey> keys = new HashMap<>();
        for (Affected node : affected.values()) {
            Features f = node.record().effective();
            features.add(f);
            keys.put(f.id(), node.record().key());
        }
        features.sort(Comparator.comparing(Features::id));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            index.put(features.get(i).id(), i);
        }
        List<ScoredEdge> edges = new ArrayList<>();
        for (var entry : affected.entrySet()) {
            RecordKey key = entry.getKey();
            int i = index.get(key.asString());
            entry.getValue().links().forEach((other, link) -> {
                Integer j = index.get(other.asString());
                if (j == null) {
                    LOG.warn("Record {} links to {}, which resolution does not hold; the link is skipped",
                            key, other);
                } else if (i < j) {
                    edges.add(new ScoredEdge(i, j, link.clusteringWeight(), link.decisive() ? link.rule() : null));
                }
            });
        }
        List<SortedSet<RecordKey>> components = new ArrayList<>();
        for (List<String> cluster : clusterer.cluster(features, edges).clusters()) {
            SortedSet<RecordKey> component = new TreeSet<>();
            cluster.forEach(id -> component.add(keys.get(id)));
            components.add(component);
        }
        components.sort(Comparator.comparing(SortedSet::first));
        return components;
    }

    private static IdentityDecision decision(
            String profileId,
            SortedSet<RecordKey> component,
            SortedMap<RecordKey, Affected> affected,
            Change change,
            List<String> mergedFrom,
            String splitFrom) {
        List<ProfileMember> members = new ArrayList<>(component.size());
        for (RecordKey key : component) {
            List<Evidence> evidence = affected.get(key).links().entrySet().stream()
                    .filter(e -> component.contains(e.getKey()))
                    .sorted(STRONGEST_FIRST)
                    .limit(MAX_EVIDENCE)
                    .map(e -> new Evidence(e.getKey(), e.getValue().rule(), e.getValue().detail(),
                            e.getValue().weight()))
                    .toList();
            members.add(new ProfileMember(affected.get(key).record().record(), evidence));
        }
        return new IdentityDecision(decisionId(profileId, change), profileId, members, change.key(), change.at(),
                mergedFrom, splitFrom, null);
    }

    /** How many members of a new component each previous profile id held, by id. */
    private static SortedMap<String, Integer> previousIdVotes(SortedSet<RecordKey> component, PendingState view) {
        SortedMap<String, Integer> votes = new TreeMap<>();
        for (RecordKey key : component) {
            view.profileOf(key).ifPresent(previous -> votes.merge(previous, 1, Integer::sum));
        }
        return votes;
    }

    /**
     * The previous profiles absorbed by the component with this id: some of their records are now here and their id
     * went to no component. A profile that kept its id while losing records to this one is a move, not a merge.
     */
    private static List<String> mergedFrom(String id, SortedMap<String, Integer> votes, Set<String> kept) {
        return votes.keySet().stream().filter(previous -> !previous.equals(id) && !kept.contains(previous)).toList();
    }

    /**
     * The previous profile the component with this id was split off from: it holds records of previous profiles but
     * none of their ids, because other parts kept them; it names the one most of its records came from (on a tie,
     * the smallest id). Null for a component that kept one of its previous ids or holds only new records.
     */
    private static String splitFrom(String id, SortedMap<String, Integer> votes, Set<String> kept) {
        if (votes.containsKey(id)) {
            return null;
        }
        String from = null;
        for (var vote : votes.entrySet()) {
            if (kept.contains(vote.getKey()) && (from == null || vote.getValue() > votes.get(from))) {
                from = vote.getKey();
            }
        }
        return from;
    }

    /**
     * The surviving profile of a retired one: the component holding most of its previous records (on a tie, the
     * smallest id). Null when none of its records is left, e.g. its last record was deleted.
     */
    private static String mergedInto(String retiredId, List<String> ids, List<SortedMap<String, Integer>> votes) {
        String survivor = null;
        int most = 0;
        for (int i = 0; i < ids.size(); i++) {
            int count = votes.get(i).getOrDefault(retiredId, 0);
            if (count > most || (count == most && count > 0 && ids.get(i).compareTo(survivor) < 0)) {
                survivor = ids.get(i);
                most = count;
            }
        }
        return survivor;
    }

    private static String decisionId(String profileId, Change change) {
        String name = DECISION_NAMESPACE + profileId + "|" + change.key().asString() + "|" + change.position();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
