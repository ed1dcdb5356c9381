package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import io.tessera.identity.core.normalise.Identifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Resolution state in plain maps: for the batch {@code resolve} command and for tests. Not thread-safe. */
public final class InMemoryResolutionState implements ResolutionState {

    private final Map<RecordKey, IndexedRecord> records = new HashMap<>();
    private final Map<Identifier, SortedSet<RecordKey>> holders = new HashMap<>();
    private final Map<RecordKey, String> profiles = new HashMap<>();
    private final Map<String, SortedSet<RecordKey>> members = new HashMap<>();

    @Override
    public Optional<IndexedRecord> record(RecordKey key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public void putRecord(IndexedRecord record) {
        records.put(record.key(), record);
    }

    @Override
    public void removeRecord(RecordKey key) {
        records.remove(key);
    }

    @Override
    public List<RecordKey> holders(Identifier identifier, int limit) {
        return holders.getOrDefault(identifier, Collections.emptySortedSet()).stream().limit(limit).toList();
    }

    @Override
    public void addHolder(Identifier identifier, RecordKey key) {
        holders.computeIfAbsent(identifier, any -> new TreeSet<>()).add(key);
    }

    @Override
    public void removeHolder(Identifier identifier, RecordKey key) {
        SortedSet<RecordKey> keys = holders.get(identifier);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            holders.remove(identifier);
        }
    }

    @Override
    public Optional<String> profileOf(RecordKey key) {
        return Optional.ofNullable(profiles.get(key));
    }

    @Override
    public void assign(RecordKey key, String profileId) {
        unassign(key);
        profiles.put(key, profileId);
        members.computeIfAbsent(profileId, any -> new TreeSet<>()).add(key);
    }

    @Override
    public void unassign(RecordKey key) {
        String previous = profiles.remove(key);
        if (previous != null) {
            SortedSet<RecordKey> keys = members.get(previous);
            keys.remove(key);
            if (keys.isEmpty()) {
                members.remove(previous);
            }
        }
    }

    @Override
    public List<RecordKey> members(String profileId) {
        return List.copyOf(members.getOrDefault(profileId, Collections.emptySortedSet()));
    }

    /** Every profile with its members: the partition of the records, e.g. for the batch result. */
    public SortedMap<String, SortedSet<RecordKey>> profiles() {
        SortedMap<String, SortedSet<RecordKey>> copy = new TreeMap<>();
        members.forEach((id, keys) -> copy.put(id, Collections.unmodifiableSortedSet(new TreeSet<>(keys))));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** How many records are known. */
    public int recordCount() {
        return records.size();
    }
}
