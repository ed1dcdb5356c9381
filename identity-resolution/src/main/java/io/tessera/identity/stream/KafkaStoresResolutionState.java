package io.tessera.identity.stream;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.cluster.IndexedRecord;
import io.tessera.identity.core.cluster.Link;
import io.tessera.identity.core.cluster.ResolutionState;
import io.tessera.identity.core.scoring.Features;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Resolution state in five persistent Kafka Streams key-value stores, three changelogged and two derived from them
 * ({@link IdentityTopology}, {@link DerivedStores}). The two one-to-many relations (index key to records, record to linked records, profile to records) are kept
 * as one entry per pair under a composite key {@code owner NUL record}, read with a prefix scan: adding a record to
 * a large profile or a common block then writes one small entry instead of rewriting a growing list.
 * Neither index keys, profile ids nor record key strings contain NUL, so a prefix never matches another owner.
 *
 * <p>No personal data is stored in clear ({@link ResolutionPrivacy}): record values are encrypted with each
 * record's own key, and index keys are stored as keyed hashes. A record whose key was destroyed (erased, its
 * tombstone not processed yet) reads as a <em>husk</em>: its key, no attributes, no features. Resolving its delete
 * then takes it out of its profile like any other record, and removing it removes its index entries by the hashes
 * its value lists.
 */
final class KafkaStoresResolutionState implements ResolutionState {

    private static final char SEPARATOR = '\u0000';
    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();
    private static final int RECENT_RECORDS = 20_000;

    private final KeyValueStore<String, byte[]> records;
    private final KeyValueStore<String, String> holders;
    private final KeyValueStore<String, String> recordProfiles;
    private final KeyValueStore<String, String> profileMembers;
    private final KeyValueStore<String, Link> links;
    private final ResolutionPrivacy privacy;
    private final Function<IndexedRecord, Set<String>> indexKeys;
    /** Index keys hashed lately: a record's keys are hashed to file it and again to list them in its value. */
    private final Map<String, String> recentHashes = leastRecentlyUsed(4_096);
    /**
     * Records as objects, most recently used first: scoring reads each candidate, and parsing its JSON again for
     * every change it is a candidate of costs more than the scoring. Written through, and owned by one task's
     * processor (single-threaded), so it never disagrees with the store.
     */
    private final Map<String, Optional<IndexedRecord>> recent = leastRecentlyUsed(RECENT_RECORDS);
    /**
     * What scoring compares of recently used records: candidates are read far more often than whole records, and
     * their features are small, so more of them are kept.
     */
    private final Map<String, Optional<Features>> recentFeatures;

    KafkaStoresResolutionState(
            KeyValueStore<String, byte[]> records,
            KeyValueStore<String, String> holders,
            KeyValueStore<String, Link> links,
            KeyValueStore<String, String> recordProfiles,
            KeyValueStore<String, String> profileMembers,
            ResolutionPrivacy privacy,
            Function<IndexedRecord, Set<String>> indexKeys,
            int cachedFeatures) {
        this.recentFeatures = leastRecentlyUsed(cachedFeatures);
        this.privacy = privacy;
        this.indexKeys = indexKeys;
        this.records = records;
        this.holders = holders;
        this.links = links;
        this.recordProfiles = recordProfiles;
        this.profileMembers = profileMembers;
    }

    @Override
    public Optional<IndexedRecord> record(RecordKey key) {
        String id = key.asString();
        Optional<IndexedRecord> cached = recent.get(id);
        if (cached != null) {
            return cached;
        }
        Optional<IndexedRecord> stored = stored(key).map(plain -> plain.length == 0
                ? husk(key) : IndexedRecordCodec.decode(plain));
        recent.put(id, stored);
        return stored;
    }

    @Override
    public Optional<Features> features(RecordKey key) {
        String id = key.asString();
        Optional<IndexedRecord> whole = recent.get(id);
        if (whole != null) {
            return whole.map(IndexedRecord::effective);
        }
        Optional<Features> cached = recentFeatures.get(id);
        if (cached != null) {
            return cached;
        }
        Optional<Features> stored = stored(key).map(plain -> plain.length == 0
                ? husk(key).effective() : IndexedRecordCodec.features(plain));
        recentFeatures.put(id, stored);
        return stored;
    }

    /** The keys of the candidates that are not cached here, in one lookup rather than one per candidate. */
    @Override
    public void prefetch(Collection<RecordKey> keys) {
        List<RecordKey> uncached = new ArrayList<>();
        for (RecordKey key : keys) {
            String id = key.asString();
            if (!recent.containsKey(id) && !recentFeatures.containsKey(id)) {
                uncached.add(key);
            }
        }
        if (!uncached.isEmpty()) {
            privacy.warm(uncached);
        }
    }

    @Override
    public void putRecord(IndexedRecord record) {
        String id = record.key().asString();
        List<String> hashes = new ArrayList<>();
        for (String indexKey : indexKeys.apply(record)) {
            hashes.add(hash(indexKey));
        }
        records.put(id, privacy.sealRecord(record.key(), record.record().changedAt(), hashes,
                IndexedRecordCodec.encode(record)));
        recent.put(id, Optional.of(record));
        recentFeatures.remove(id);
    }

    /**
     * The plain stored value of a record: empty when it is not stored, an empty array when its key was destroyed;
     * values encrypted with the resolution key, or written in clear, by earlier versions read as they are.
     */
    private Optional<byte[]> stored(RecordKey key) {
        String id = key.asString();
        byte[] bytes = records.get(id);
        if (bytes == null) {
            return Optional.empty();
        }
        if (ResolutionPrivacy.isRecordSealed(bytes)) {
            return Optional.of(privacy.openRecord(key, bytes).orElse(new byte[0]));
        }
        return Optional.of(ResolutionPrivacy.isSealed(bytes) ? privacy.open(id, bytes) : bytes);
    }

    /**
     * The hashes of the index keys a stored value is filed under: listed in clear by values sealed with their
     * record's key (readable or not), worked out from the record for values written by earlier versions.
     */
    List<String> indexHashes(String recordKey, byte[] stored) {
        if (ResolutionPrivacy.isRecordSealed(stored)) {
            return ResolutionPrivacy.indexHashes(stored);
        }
        byte[] plain = ResolutionPrivacy.isSealed(stored) ? privacy.open(recordKey, stored) : stored;
        return indexKeys.apply(IndexedRecordCodec.decode(plain)).stream().map(this::hash).toList();
    }

    /** What is left of a record whose key was destroyed. */
    private static IndexedRecord husk(RecordKey key) {
        SourceRecord erased = new SourceRecord(key, null, Attributes.NONE, null, null, List.of()).erasedCopy();
        return new IndexedRecord(erased, new Features(key.asString(), Map.of()), List.of());
    }

    @Override
    public void removeRecord(RecordKey key) {
        String id = key.asString();
        byte[] bytes = records.delete(id);
        if (bytes != null && ResolutionPrivacy.isRecordSealed(bytes) && privacy.openRecord(key, bytes).isEmpty()) {
            // The resolver takes a readable record out of the index itself, by its features; a husk has none, so it
            // leaves its entries behind, and they go here.
            for (String hash : ResolutionPrivacy.indexHashes(bytes)) {
                holders.delete(pair(hash, id));
            }
        }
        recent.put(id, Optional.empty());
        recentFeatures.remove(id);
    }

    @Override
    public List<RecordKey> holders(String indexKey, int limit) {
        return scan(holders, hash(indexKey), limit);
    }

    @Override
    public void addHolder(String indexKey, RecordKey key) {
        holders.put(pair(hash(indexKey), key), key.asString());
    }

    @Override
    public void removeHolder(String indexKey, RecordKey key) {
        holders.delete(pair(hash(indexKey), key));
    }

    private String hash(String indexKey) {
        return recentHashes.computeIfAbsent(indexKey, privacy::indexKey);
    }

    @Override
    public Map<RecordKey, Link> links(RecordKey key) {
        Map<RecordKey, Link> result = new HashMap<>();
        String prefix = key.asString() + SEPARATOR;
        try (KeyValueIterator<String, Link> entries = links.prefixScan(prefix, PREFIX_SERIALIZER)) {
            while (entries.hasNext()) {
                KeyValue<String, Link> entry = entries.next();
                result.put(RecordKey.parse(entry.key.substring(prefix.length())), entry.value);
            }
        }
        return result;
    }

    @Override
    public void putLink(RecordKey from, RecordKey to, Link link) {
        links.put(pair(from.asString(), to), link);
    }

    @Override
    public void removeLink(RecordKey from, RecordKey to) {
        links.delete(pair(from.asString(), to));
    }

    @Override
    public Optional<String> profileOf(RecordKey key) {
        return Optional.ofNullable(recordProfiles.get(key.asString()));
    }

    @Override
    public void assign(RecordKey key, String profileId) {
        String previous = recordProfiles.get(key.asString());
        if (profileId.equals(previous)) {
            return;
        }
        if (previous != null) {
            profileMembers.delete(pair(previous, key));
        }
        recordProfiles.put(key.asString(), profileId);
        profileMembers.put(pair(profileId, key), key.asString());
    }

    @Override
    public void unassign(RecordKey key) {
        String previous = recordProfiles.delete(key.asString());
        if (previous != null) {
            profileMembers.delete(pair(previous, key));
        }
    }

    @Override
    public List<RecordKey> members(String profileId) {
        return scan(profileMembers, profileId, Integer.MAX_VALUE);
    }

    /** A map that forgets its least recently used entry beyond {@code capacity} entries. */
    private static <V> Map<String, V> leastRecentlyUsed(int capacity) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private static String pair(String owner, RecordKey key) {
        return pair(owner, key.asString());
    }

    /** The composite key {@code owner NUL record}. */
    static String pair(String owner, String recordKey) {
        return owner + SEPARATOR + recordKey;
    }

    private static List<RecordKey> scan(KeyValueStore<String, String> store, String owner, int limit) {
        List<RecordKey> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = store.prefixScan(owner + SEPARATOR, PREFIX_SERIALIZER)) {
            while (entries.hasNext() && keys.size() < limit) {
                KeyValue<String, String> entry = entries.next();
                keys.add(RecordKey.parse(entry.value));
            }
        }
        return keys;
    }
}
