package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
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
    private final Map<String, SortedSet<RecordKey>> holders = new HashMap<>();
    private final Map<RecordKey, Map<RecordKey, Link>> links = new HashMap<>();
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
    public List<RecordKey> holders(String indexKey, int limit) {
        return holders.getOrDefault(indexKey, Collections.emptySortedSet()).stream().limit(limit).toList();
    }

    @Override
    public void addHolder(String indexKey, RecordKey key) {
        holders.computeIfAbsent(indexKey, any -> new TreeSet<>()).add(key);
    }

    @Override
    public void removeHolder(String indexKey, RecordKey key) {
        SortedSet<RecordKey> keys = holders.get(indexKey);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            holders.remove(indexKey);
        }
    }

    @Override
    public Map<RecordKey, Link> links(RecordKey key) {
        return Map.copyOf(links.getOrDefault(key, Map.of()));
    }

    @Override
    public void putLink(RecordKey from, RecordKey to, Link link) {
        links.computeIfAbsent(from, any -> new HashMap<>()).put(to, link);
    }

    @Override
    public void removeLink(RecordKey from, RecordKey to) {
        Map<RecordKey, Link> of = links.get(from);
        if (of != null && of.remove(to) != null && of.isEmpty()) {
            links.remove(from);
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
