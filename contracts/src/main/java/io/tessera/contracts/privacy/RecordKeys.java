package io.tessera.contracts.privacy;

import io.tessera.contracts.RecordKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Where the key of each source record comes from: the AES-256 key its personal data is encrypted with, on Tessera's
 * topics and in its event store ({@link SealedRecords}). Erasure destroys a record's key; from then on everything
 * encrypted with it, wherever it is stored, reads as an erased record.
 *
 * <p>A record's keys are numbered in <em>generations</em>, from 1. A record has at most one live key, its latest
 * generation; a new generation is only ever created after the one before was destroyed (when a privacy officer lifts
 * the suppression of an erased record), so every generation older than the latest is destroyed. Data sealed with a
 * generation names it, and reads as erased once that generation is destroyed, whatever generation is live now.
 * Implementations are thread-safe.
 */
public interface RecordKeys {

    /**
     * The key to encrypt the record's data with: its live generation, created when the record has no key at all;
     * empty when its latest generation was destroyed.
     */
    Optional<SealingKey> keyForWriting(RecordKey record);

    /**
     * The key of one generation of the record, to decrypt data sealed with it: empty when that generation was
     * destroyed, or when no such key is kept at all ({@code missing} then tells the caller, which means keys were
     * lost).
     */
    Lookup keyForReading(RecordKey record, int generation);

    /**
     * Makes sure the records have keys, and that the next {@link #keyForWriting} of each is answered without a round
     * trip to where keys are kept: a batch of new records then costs one round trip instead of one per record.
     */
    default void prepare(Collection<RecordKey> records) {
    }

    /**
     * Makes the next {@link #keyForReading} of each record answer without a round trip to where keys are kept, as far
     * as the cache holds them, in as few round trips as possible; creates no key. For a reader about to open many
     * records' data at once, such as resolution scoring a record's candidates.
     */
    default void warm(Collection<RecordKey> records) {
    }

    /**
     * A live key to seal a record's data with.
     *
     * @param generation   which of the record's keys this is, from 1
     * @param key          the AES-256 key
     * @param erasedBefore for a key given after an erasure (generation 2 on), when the generation before was
     *                     destroyed: a version of the record that its source changed before then belongs to the erased
     *                     record and is never sealed with this key; null for generation 1
     */
    record SealingKey(int generation, SecretKey key, Instant erasedBefore) {

        public SealingKey {
            if (generation < 1) {
                throw new IllegalArgumentException("Key generations count from 1; got " + generation);
            }
            Objects.requireNonNull(key, "key");
        }

        /**
         * Whether a version of the record changed in its source at {@code changedAt} may be sealed with this key: any
         * version for a first key; for a later one, only a version changed after the erasure (one whose time is not
         * known could be older, so it may not).
         */
        public boolean admits(Instant changedAt) {
            return erasedBefore == null || changedAt != null && changedAt.isAfter(erasedBefore);
        }
    }

    /** A key looked up for reading; {@code missing} when no key is kept for the record at all. */
    record Lookup(Optional<SecretKey> key, boolean missing) {
    }
}
