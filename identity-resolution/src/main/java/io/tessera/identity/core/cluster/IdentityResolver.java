package io.tessera.identity.core.cluster;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.link.SharedIdentifierLinker;
import io.tessera.identity.core.normalise.Identifier;
import io.tessera.identity.core.normalise.IdentifierExtractor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one change to the resolution state and says which profiles changed: the heart of identity resolution,
 * shared by the streaming topology and the batch {@code resolve} command.
 *
 * <p>On each change it re-clusters the affected part of the graph from scratch: the records reachable, through
 * identifiers that link, from the changed record's old and new identifiers and from the members of the profiles
 * they were in. So the partition of records into profiles depends only on the current records and the settings,
 * never on the order of the changes (DESIGN invariant 1). Records are linked when they share a usable identifier
 * ({@link SharedIdentifierLinker}); an identifier held by more records than the cardinality cap links nothing.
 *
 * <p>It emits a decision for every profile whose membership changed, that holds the changed record, or whose
 * evidence changed because an identifier crossed the cap; and a decision without members for every profile id that
 * is no longer used. A decision names the profiles it absorbs ({@code mergedFrom}), the profile it was split off
 * from ({@code splitFrom}), and a retiring decision the profile it was merged into ({@code mergedInto}), all read
 * from the previous ids of the members of each new component, so they are as deterministic as the ids. Decision ids
 * derive from profile, cause and position, and {@code decidedAt} is the change's time, so a replay yields identical
 * decisions. Ids are chosen by {@link ProfileIds}.
 *
 * <p>It decides before it writes: a change that fails while deciding leaves the state untouched. Not thread-safe
 * for one state; the resolver itself holds no state.
 */
public final class IdentityResolver {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityResolver.class);
    private static final String DECISION_NAMESPACE = "tessera-decision:";

    private final ResolverSettings settings;
    private final IdentifierExtractor extractor;
    private final SharedIdentifierLinker linker = new SharedIdentifierLinker();

    public IdentityResolver(ResolverSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.extractor = new IdentifierExtractor(settings.defaultPhoneRegion());
    }

    public ResolverSettings settings() {
        return settings;
    }

    /** The record with its usable identifiers, as resolution stores it. */
    public IndexedRecord index(SourceRecord record) {
        return new IndexedRecord(record, extractor.identifiers(record));
    }

    /**
     * Applies one change to the state.
     *
     * @return the decisions to emit, profiles with members first (in the order of their smallest record key), then
     *         retired profiles (by id); empty for the delete of an unknown record
     */
    public List<IdentityDecision> apply(ResolutionState state, Change change) {
        RecordKey changed = change.key();
        Optional<IndexedRecord> before = state.record(changed);
        Optional<IndexedRecord> after = switch (change) {
            case Change.Upsert upsert -> Optional.of(index(upsert.record()));
            case Change.Delete delete -> Optional.empty();
        };
        if (before.isEmpty() && after.isEmpty()) {
            LOG.debug("Ignored the delete of unknown record {}", changed);
            return List.of();
        }

        ChangeView view = new ChangeView(state, settings.cardinalityCap(), changed, after);
        SortedSet<RecordKey> flippedHolders = new TreeSet<>();
        SortedMap<RecordKey, IndexedRecord> affected = explore(view, changed, before, after, flippedHolders);

        SortedMap<RecordKey, List<Identifier>> identifiers = new TreeMap<>();
        affected.forEach((key, record) -> identifiers.put(key, record.identifiers()));
        SortedMap<RecordKey, List<Evidence>> links =
                linker.link(identifiers, id -> view.holders(id).linkableAfter());
        List<SortedSet<RecordKey>> components = Components.of(links);
        List<String> ids = ProfileIds.assign(
                components, view::previousProfile, id -> !view.previousMembers(id).isEmpty());

        SortedSet<String> previousIds = new TreeSet<>();
        affected.keySet().forEach(key -> view.previousProfile(key).ifPresent(previousIds::add));
        view.previousProfile(changed).ifPresent(previousIds::add);

        Set<String> kept = new HashSet<>(ids);
        List<SortedMap<String, Integer>> votes = new ArrayList<>();
        for (SortedSet<RecordKey> component : components) {
            votes.add(previousIdVotes(component, view));
        }

        List<IdentityDecision> decisions = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            SortedSet<RecordKey> component = components.get(i);
            String id = ids.get(i);
            boolean membershipChanged = !component.equals(new TreeSet<>(view.previousMembers(id)));
            if (membershipChanged
                    || component.contains(changed)
                    || !Collections.disjoint(component, flippedHolders)) {
                decisions.add(decision(id, component, affected, links, change,
                        mergedFrom(id, votes.get(i), kept), splitFrom(id, votes.get(i), kept)));
            }
        }
        for (String previousId : previousIds) {
            if (!kept.contains(previousId)) {
                decisions.add(new IdentityDecision(decisionId(previousId, change), previousId, List.of(), changed,
                        change.at(), List.of(), null, mergedInto(previousId, ids, votes)));
            }
        }

        write(state, view, changed, before, after, components, ids);
        LOG.debug("Resolved {}: {} records in {} profiles, {} decisions",
                changed, affected.size(), components.size(), decisions.size());
        return decisions;
    }

    /**
     * The records whose profile may change: reachable, once the change is applied, from the changed record, from
     * the holders of its old and new identifiers (for an identifier that crosses the cap: all its holders), and
     * from the previous members of every profile met on the way. The last rule makes the result a union of whole
     * previous profiles, so no profile is left half re-clustered.
     */
    private static SortedMap<RecordKey, IndexedRecord> explore(
            ChangeView view,
            RecordKey changed,
            Optional<IndexedRecord> before,
            Optional<IndexedRecord> after,
            SortedSet<RecordKey> flippedHolders) {
        Deque<RecordKey> queue = new ArrayDeque<>();
        after.ifPresent(record -> queue.add(changed));
        SortedSet<Identifier> touched = new TreeSet<>();
        before.ifPresent(record -> touched.addAll(record.identifiers()));
        after.ifPresent(record -> touched.addAll(record.identifiers()));
        for (Identifier id : touched) {
            ChangeView.Holders holders = view.holders(id);
            if (holders.linkableBefore() || holders.linkableAfter()) {
                queue.addAll(holders.after());
            }
            if (holders.flipped()) {
                flippedHolders.addAll(holders.after());
            }
        }
        Set<String> expandedProfiles = new HashSet<>();
        view.previousProfile(changed)
                .filter(expandedProfiles::add)
                .ifPresent(profile -> queue.addAll(view.previousMembers(profile)));

        SortedMap<RecordKey, IndexedRecord> affected = new TreeMap<>();
        Set<RecordKey> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            RecordKey key = queue.poll();
            if (!seen.add(key)) {
                continue;
            }
            Optional<IndexedRecord> record = view.record(key);
            if (record.isEmpty()) {
                if (!key.equals(changed)) {
                    // A record indexed or assigned but not stored: left out so the rest still resolves.
                    LOG.warn("Resolution state refers to record {} which it does not hold; it is skipped", key);
                }
                continue;
            }
            affected.put(key, record.get());
            for (Identifier id : record.get().identifiers()) {
                ChangeView.Holders holders = view.holders(id);
                if (holders.linkableAfter()) {
                    queue.addAll(holders.after());
                }
            }
            view.previousProfile(key)
                    .filter(expandedProfiles::add)
                    .ifPresent(profile -> queue.addAll(view.previousMembers(profile)));
        }
        return affected;
    }

    private static void write(
            ResolutionState state,
            ChangeView view,
            RecordKey changed,
            Optional<IndexedRecord> before,
            Optional<IndexedRecord> after,
            List<SortedSet<RecordKey>> components,
            List<String> ids) {
        Set<Identifier> oldIds = new HashSet<>(before.map(IndexedRecord::identifiers).orElse(List.of()));
        Set<Identifier> newIds = new HashSet<>(after.map(IndexedRecord::identifiers).orElse(List.of()));
        oldIds.stream().filter(id -> !newIds.contains(id)).forEach(id -> state.removeHolder(id, changed));
        newIds.stream().filter(id -> !oldIds.contains(id)).forEach(id -> state.addHolder(id, changed));
        if (after.isEmpty()) {
            state.removeRecord(changed);
            state.unassign(changed);
        } else if (!after.equals(before)) {
            state.putRecord(after.get());
        }
        for (int i = 0; i < components.size(); i++) {
            Optional<String> id = Optional.of(ids.get(i));
            for (RecordKey key : components.get(i)) {
                if (!view.previousProfile(key).equals(id)) {
                    state.assign(key, id.get());
                }
            }
        }
    }

    private static IdentityDecision decision(
            String profileId,
            SortedSet<RecordKey> component,
            SortedMap<RecordKey, IndexedRecord> records,
            SortedMap<RecordKey, List<Evidence>> links,
            Change change,
            List<String> mergedFrom,
            String splitFrom) {
        List<ProfileMember> members = component.stream()
                .map(key -> new ProfileMember(records.get(key).record(), links.get(key)))
                .toList();
        return new IdentityDecision(decisionId(profileId, change), profileId, members, change.key(), change.at(),
                mergedFrom, splitFrom, null);
    }

    /** How many members of a new component each previous profile id held, by id. */
    private static SortedMap<String, Integer> previousIdVotes(SortedSet<RecordKey> component, ChangeView view) {
        SortedMap<String, Integer> votes = new TreeMap<>();
        for (RecordKey key : component) {
            view.previousProfile(key).ifPresent(previous -> votes.merge(previous, 1, Integer::sum));
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
