package io.tessera.contracts.privacy;

import io.tessera.contracts.RecordKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Record keys held in memory only, for tests and benchmarks of one stage: they are lost when the process ends, and
 * with them everything encrypted with them. Tessera itself keeps its keys in PostgreSQL.
 */
public final class InMemoryRecordKeys implements RecordKeys {

    private final SecureRandom random = new SecureRandom();
    /** Each record's generations, oldest first; a destroyed one is an empty key. */
    private final Map<RecordKey, List<Generation>> keys = new ConcurrentHashMap<>();

    private record Generation(Optional<SecretKey> key, Instant erasedBefore) {
    }

    @Override
    public Optional<SealingKey> keyForWriting(RecordKey record) {
        List<Generation> generations = keys.computeIfAbsent(record,
                r -> new ArrayList<>(List.of(new Generation(Optional.of(fresh()), null))));
        synchronized (generations) {
            Generation latest = generations.getLast();
            return latest.key().map(key -> new SealingKey(generations.size(), key, latest.erasedBefore()));
        }
    }

    @Override
    public Lookup keyForReading(RecordKey record, int generation) {
        List<Generation> generations = keys.get(record);
        if (generations == null) {
            return new Lookup(Optional.empty(), true);
        }
        synchronized (generations) {
            return generation > generations.size() ? new Lookup(Optional.empty(), true)
                    : new Lookup(generations.get(generation - 1).key(), false);
        }
    }

    /** Destroys the record's key: what was encrypted with it reads as erased from now on. */
    public void destroy(RecordKey record) {
        List<Generation> generations = keys.computeIfAbsent(record, r -> new ArrayList<>());
        synchronized (generations) {
            if (generations.isEmpty()) {
                generations.add(new Generation(Optional.empty(), null));
            } else if (generations.getLast().key().isPresent()) {
                Generation latest = generations.removeLast();
                generations.add(new Generation(Optional.empty(), latest.erasedBefore()));
            }
        }
    }

    /**
     * Gives a record whose key was destroyed a new generation, as lifting its suppression does: what was sealed
     * before stays erased, versions changed after {@code erasedBefore} are sealed with the new key.
     */
    public void renew(RecordKey record, Instant erasedBefore) {
        List<Generation> generations = keys.computeIfAbsent(record, r -> new ArrayList<>());
        synchronized (generations) {
            if (generations.isEmpty() || generations.getLast().key().isEmpty()) {
                generations.add(new Generation(Optional.of(fresh()), erasedBefore));
            }
        }
    }

    private SecretKey fresh() {
        byte[] material = new byte[32];
        random.nextBytes(material);
        return new SecretKeySpec(material, "AES");
    }
}
