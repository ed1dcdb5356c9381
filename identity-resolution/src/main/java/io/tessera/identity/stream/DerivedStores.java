package io.tessera.identity.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two resolution stores that are worked out from the others instead of being changelogged: the index
 * ({@value IdentityTopology#HOLDERS_STORE}, from the index hashes each stored record lists) and the profiles' members
 * ({@value IdentityTopology#PROFILE_MEMBERS_STORE}, the inverse of {@value IdentityTopology#RECORD_PROFILES_STORE}).
 * They were most of the changelog records resolution wrote, about seven of the ten or so per record.
 *
 * <p>A store without a changelog is not restored by Kafka Streams, so the processor makes sure, when its task
 * starts, that they agree with the changelogged stores, and rebuilds them when they may not:
 * <ul>
 *   <li>Under exactly-once (the only guarantee resolution runs with), a task that did not close cleanly has its
 *       whole state directory wiped, these stores included: they start empty and are rebuilt.</li>
 *   <li>A task that closed cleanly and starts again on the same machine finds them as it left them. But another
 *       instance may have run the task meanwhile, and the changelogged stores then caught up with its writes while
 *       these did not. So each start that rebuilds writes a new <em>generation</em> to the changelogged
 *       {@value IdentityTopology#GENERATION_STORE} and the same one beside the derived stores. They are reused only
 *       when the two are equal: no other instance started the task since (its start would have written its own
 *       generation, committed with its first changes).</li>
 * </ul>
 * Rebuilding reads every stored record once without decrypting it (sealed values list their index hashes in
 * clear; only values written by earlier versions are opened with the resolution key).
 */
final class DerivedStores {

    /** The key of the generation in {@value IdentityTopology#GENERATION_STORE}. */
    static final String GENERATION = "derived-stores";
    /** The key of the generation the derived stores were built for; no profile id starts with SOH. */
    static final String MARKER = "\u0001generation";
    private static final Logger LOG = LoggerFactory.getLogger(DerivedStores.class);
    private static final int BATCH = 10_000;
    private static final int PROGRESS_EVERY = 250_000;

    private DerivedStores() {
    }

    /**
     * Rebuilds the index and the profiles' members unless they were built for the generation the changelogged
     * state holds.
     *
     * @param hashes the index hashes a stored record value is filed under, given its record key
     * @return whether they were rebuilt
     */
    static boolean ensure(
            KeyValueStore<String, byte[]> records,
            KeyValueStore<String, String> recordProfiles,
            KeyValueStore<String, String> holders,
            KeyValueStore<String, String> profileMembers,
            KeyValueStore<String, String> generations,
            BiFunction<String, byte[], List<String>> hashes) {
        String generation = generations.get(GENERATION);
        if (generation != null && generation.equals(profileMembers.get(MARKER))) {
            return false;
        }
        long start = System.nanoTime();
        clear(profileMembers);
        clear(holders);
        long members = rebuild(recordProfiles, profileMembers,
                (record, profile) -> List.of(KafkaStoresResolutionState.pair(profile, record)));
        long entries = rebuild(records, holders, (record, value) -> hashes.apply(record, value).stream()
                .map(hash -> KafkaStoresResolutionState.pair(hash, record)).toList());
        String next = UUID.randomUUID().toString();
        generations.put(GENERATION, next);
        profileMembers.put(MARKER, next);
        LOG.info("Rebuilt the resolution index ({} entries) and the profiles' members ({} records) in {} ms",
                entries, members, (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /** What a source entry files in a derived store: the derived keys; each maps to the source's key. */
    @FunctionalInterface
    private interface Derivation<V> {
        List<String> keys(String sourceKey, V sourceValue);
    }

    private static <V> long rebuild(KeyValueStore<String, V> source, KeyValueStore<String, String> derived,
            Derivation<V> derivation) {
        List<KeyValue<String, String>> batch = new ArrayList<>(BATCH);
        long sources = 0;
        long written = 0;
        try (KeyValueIterator<String, V> all = source.all()) {
            while (all.hasNext()) {
                KeyValue<String, V> entry = all.next();
                for (String key : derivation.keys(entry.key, entry.value)) {
                    batch.add(KeyValue.pair(key, entry.key));
                }
                if (batch.size() >= BATCH) {
                    written += flush(derived, batch);
                }
                if (++sources % PROGRESS_EVERY == 0) {
                    LOG.info("Rebuilding {}: {} entries of {} read", derived.name(), sources, source.name());
                }
            }
        }
        return written + flush(derived, batch);
    }

    private static int flush(KeyValueStore<String, String> store, List<KeyValue<String, String>> batch) {
        int size = batch.size();
        if (size > 0) {
            store.putAll(batch);
            batch.clear();
        }
        return size;
    }

    /** Deletes every entry; Kafka Streams' RocksDB and in-memory stores both iterate a snapshot. */
    private static void clear(KeyValueStore<String, String> store) {
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                store.delete(all.next().key);
            }
        }
    }
}
