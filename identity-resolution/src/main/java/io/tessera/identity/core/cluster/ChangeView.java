package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import io.tessera.identity.core.normalise.Identifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads the state as it will be once one change is applied, without writing anything: resolution decides first
 * and writes last, so a change that fails half-way leaves the state as it was. Reads are cached because the
 * exploration of a component asks for the same identifiers and profiles many times.
 */
final class ChangeView {

    /**
     * The holders of an identifier once the change is applied, and whether it links before and after the change.
     * An identifier held by more records than the cap does not link.
     */
    record Holders(SortedSet<RecordKey> after, boolean linkableBefore, boolean linkableAfter) {

        boolean flipped() {
            return linkableBefore != linkableAfter;
        }
    }

    private final ResolutionState state;
    private final int cap;
    private final RecordKey changed;
    private final Optional<IndexedRecord> after;
    private final Map<Identifier, Holders> holders = new HashMap<>();
    private final Map<RecordKey, Optional<String>> profiles = new HashMap<>();
    private final Map<String, List<RecordKey>> members = new HashMap<>();

    ChangeView(ResolutionState state, int cap, RecordKey changed, Optional<IndexedRecord> after) {
        this.state = state;
        this.cap = cap;
        this.changed = changed;
        this.after = after;
    }

    /** The record as it will be: the new version of the changed record, the stored one of any other. */
    Optional<IndexedRecord> record(RecordKey key) {
        return key.equals(changed) ? after : state.record(key);
    }

    Holders holders(Identifier identifier) {
        return holders.computeIfAbsent(identifier, this::loadHolders);
    }

    /** The profile of a record before the change. */
    Optional<String> previousProfile(RecordKey key) {
        return profiles.computeIfAbsent(key, state::profileOf);
    }

    /** The members of a profile before the change. */
    List<RecordKey> previousMembers(String profileId) {
        return members.computeIfAbsent(profileId, state::members);
    }

    private Holders loadHolders(Identifier identifier) {
        // Reading cap + 2 tells "over the cap" apart before and after, whatever the change did to this identifier.
        int limit = cap + 2;
        List<RecordKey> stored = state.holders(identifier, limit);
        boolean overLimit = stored.size() >= limit;
        SortedSet<RecordKey> now = new TreeSet<>(stored);
        now.remove(changed);
        if (after.isPresent() && after.get().identifiers().contains(identifier)) {
            now.add(changed);
        }
        return new Holders(now, !overLimit && stored.size() <= cap, !overLimit && now.size() <= cap);
    }
}
