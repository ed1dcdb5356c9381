package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import io.tessera.identity.core.scoring.Features;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state as it will be once one change is applied, without writing anything to the real state until
 * {@link #commit()}: resolution decides first and writes last, so a change that fails half-way leaves the state as
 * it was. Reads see the pending writes; profile reads see the state before the change, which is what choosing ids
 * needs. Reads of the base state are cached, since exploring a component asks for the same entries many times.
 */
final class PendingState implements ResolutionState {

    private final ResolutionState base;
    private final Map<RecordKey, Optional<IndexedRecord>> storedRecords = new HashMap<>();
    private final Map<RecordKey, Optional<Features>> storedFeatures = new HashMap<>();
    private final Map<RecordKey, Optional<IndexedRecord>> records = new LinkedHashMap<>();
    private final Map<String, Map<RecordKey, Boolean>> holders = new HashMap<>();
    private final Map<String, List<RecordKey>> baseHolders = new HashMap<>();
    private final Map<String, Integer> readLimits = new HashMap<>();
    private final Map<RecordKey, Map<RecordKey, Link>> baseLinks = new HashMap<>();
    private final Map<RecordKey, Map<RecordKey, Optional<Link>>> links = new LinkedHashMap<>();
    private final Map<RecordKey, Optional<String>> assignments = new LinkedHashMap<>();
    private final Map<RecordKey, Optional<String>> profiles = new HashMap<>();
    private final Map<String, List<RecordKey>> members = new HashMap<>();

    PendingState(ResolutionState base) {
        this.base = base;
    }

    /** The record as it was before the change. */
    Optional<IndexedRecord> previousRecord(RecordKey key) {
        return storedRecords.computeIfAbsent(key, base::record);
    }

    /** Index holders as they were before the change. */
    List<RecordKey> previousHolders(String indexKey, int limit) {
        return storedHolders(indexKey, limit);
    }

    /**
     * Holders in the real state, at most {@code limit}; read once per key with the largest limit asked, since the
     * resolver asks for the same key before and after the change.
     */
    private List<RecordKey> storedHolders(String indexKey, int limit) {
        List<RecordKey> read = baseHolders.get(indexKey);
        // A read that came back short of its limit holds every holder; a full one may hold fewer than asked.
        if (read == null || read.size() < limit && read.size() == readLimits.getOrDefault(indexKey, 0)) {
            read = base.holders(indexKey, limit);
            baseHolders.put(indexKey, read);
            readLimits.put(indexKey, limit);
        }
        return read.size() <= limit ? read : read.subList(0, limit);
    }

    /** Links as they were before the change. */
    Map<RecordKey, Link> previousLinks(RecordKey key) {
        return baseLinks.computeIfAbsent(key, base::links);
    }

    @Override
    public Optional<IndexedRecord> record(RecordKey key) {
        Optional<IndexedRecord> pending = records.get(key);
        return pending != null ? pending : previousRecord(key);
    }

    @Override
    public Optional<Features> features(RecordKey key) {
        Optional<IndexedRecord> pending = records.get(key);
        if (pending != null) {
            return pending.map(IndexedRecord::effective);
        }
        Optional<IndexedRecord> stored = storedRecords.get(key);
        if (stored != null) {
            return stored.map(IndexedRecord::effective);
        }
        return storedFeatures.computeIfAbsent(key, base::features);
    }

    @Override
    public void prefetch(Collection<RecordKey> keys) {
        List<RecordKey> unread = new ArrayList<>();
        for (RecordKey key : keys) {
            if (!records.containsKey(key) && !storedRecords.containsKey(key) && !storedFeatures.containsKey(key)) {
                unread.add(key);
            }
        }
        if (!unread.isEmpty()) {
            base.prefetch(unread);
        }
    }

    @Override
    public void putRecord(IndexedRecord record) {
        records.put(record.key(), Optional.of(record));
    }

    @Override
    public void removeRecord(RecordKey key) {
        records.put(key, Optional.empty());
    }

    @Override
    public List<RecordKey> holders(String indexKey, int limit) {
        Map<RecordKey, Boolean> delta = holders.get(indexKey);
        if (delta == null) {
            return storedHolders(indexKey, limit);
        }
        long removed = delta.values().stream().filter(added -> !added).count();
        Set<RecordKey> result = new LinkedHashSet<>(storedHolders(indexKey, (int) Math.min(Integer.MAX_VALUE,
                limit + removed)));
        delta.forEach((key, added) -> {
            if (added) {
                result.add(key);
            } else {
                result.remove(key);
            }
        });
        return result.stream().limit(limit).toList();
    }

    @Override
    public void addHolder(String indexKey, RecordKey key) {
        holders.computeIfAbsent(indexKey, any -> new LinkedHashMap<>()).put(key, true);
    }

    @Override
    public void removeHolder(String indexKey, RecordKey key) {
        holders.computeIfAbsent(indexKey, any -> new LinkedHashMap<>()).put(key, false);
    }

    @Override
    public Map<RecordKey, Link> links(RecordKey key) {
        Map<RecordKey, Optional<Link>> delta = links.get(key);
        Map<RecordKey, Link> stored = previousLinks(key);
        if (delta == null) {
            return stored;
        }
        Map<RecordKey, Link> result = new HashMap<>(stored);
        delta.forEach((to, link) -> {
            if (link.isPresent()) {
                result.put(to, link.get());
            } else {
                result.remove(to);
            }
        });
        return result;
    }

    @Override
    public void putLink(RecordKey from, RecordKey to, Link link) {
        links.computeIfAbsent(from, any -> new LinkedHashMap<>()).put(to, Optional.of(link));
    }

    @Override
    public void removeLink(RecordKey from, RecordKey to) {
        links.computeIfAbsent(from, any -> new LinkedHashMap<>()).put(to, Optional.empty());
    }

    /** The profile of a record before the change. */
    @Override
    public Optional<String> profileOf(RecordKey key) {
        return profiles.computeIfAbsent(key, base::profileOf);
    }

    @Override
    public void assign(RecordKey key, String profileId) {
        assignments.put(key, Optional.of(profileId));
    }

    @Override
    public void unassign(RecordKey key) {
        assignments.put(key, Optional.empty());
    }

    /** The members of a profile before the change. */
    @Override
    public List<RecordKey> members(String profileId) {
        return members.computeIfAbsent(profileId, base::members);
    }

    /** Writes the pending changes to the real state: only what differs from it. */
    void commit() {
        records.forEach((key, record) -> {
            Optional<IndexedRecord> stored = previousRecord(key);
            if (record.isEmpty() && stored.isPresent()) {
                base.removeRecord(key);
            } else if (record.isPresent() && !record.equals(stored)) {
                base.putRecord(record.get());
            }
        });
        holders.forEach((indexKey, delta) -> delta.forEach((key, added) -> {
            if (added) {
                base.addHolder(indexKey, key);
            } else {
                base.removeHolder(indexKey, key);
            }
        }));
        links.forEach((from, delta) -> {
            Map<RecordKey, Link> stored = previousLinks(from);
            delta.forEach((to, link) -> {
                if (link.isEmpty() && stored.containsKey(to)) {
                    base.removeLink(from, to);
                } else if (link.isPresent() && !link.get().equals(stored.get(to))) {
                    base.putLink(from, to, link.get());
                }
            });
        });
        List<RecordKey> keys = new ArrayList<>(assignments.keySet());
        for (RecordKey key : keys) {
            Optional<String> profile = assignments.get(key);
            if (profile.isEmpty()) {
                base.unassign(key);
            } else if (!profile.equals(profileOf(key))) {
                base.assign(key, profile.get());
            }
        }
    }
}
