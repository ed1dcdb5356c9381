package io.tessera.contracts.privacy;

import io.tessera.contracts.RecordKey;
import java.util.Collection;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Where the key of each source record comes from: the AES-256 key its personal data is encrypted with, on Tessera's
 * topics and in its event store ({@link SealedRecords}). Erasure destroys a record's key; from then on everything
 * encrypted with it, wherever it is stored, reads as an erased record. Implementations are thread-safe.
 */
public interface RecordKeys {

    /** The key to encrypt the record's data with, created when the record has none; empty when it was destroyed. */
    Optional<SecretKey> keyForWriting(RecordKey record);

    /**
     * The key to decrypt the record's data with: empty when it was destroyed, or when no key is kept for the record
     * at all ({@code missing} then tells the caller, which means keys were lost).
     */
    Lookup keyForReading(RecordKey record);

    /**
     * Makes sure the records have keys, and that the next {@link #keyForWriting} of each is answered without a round
     * trip to where keys are kept: a batch of new records then costs one round trip instead of one per record.
     */
    default void prepare(Collection<RecordKey> records) {
    }

    /** A key looked up for reading; {@code missing} when no key is kept for the record at all. */
    record Lookup(Optional<SecretKey> key, boolean missing) {
    }
}
