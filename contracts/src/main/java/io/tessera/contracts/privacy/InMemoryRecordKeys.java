package io.tessera.contracts.privacy;

import io.tessera.contracts.RecordKey;
import java.security.SecureRandom;
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

    private static final Optional<SecretKey> DESTROYED = Optional.empty();

    private final SecureRandom random = new SecureRandom();
    private final Map<RecordKey, Optional<SecretKey>> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<SecretKey> keyForWriting(RecordKey record) {
        return keys.computeIfAbsent(record, r -> {
            byte[] material = new byte[32];
            random.nextBytes(material);
            return Optional.of(new SecretKeySpec(material, "AES"));
        });
    }

    @Override
    public Lookup keyForReading(RecordKey record) {
        Optional<SecretKey> key = keys.get(record);
        return key == null ? new Lookup(Optional.empty(), true) : new Lookup(key, false);
    }

    /** Destroys the record's key: what was encrypted with it reads as erased from now on. */
    public void destroy(RecordKey record) {
        keys.put(record, DESTROYED);
    }
}
