package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import io.tessera.identity.core.normalise.Identifier;
import java.util.List;
import java.util.Optional;

/**
 * The state identity resolution keeps between changes: the records with their identifiers, an index from each
 * identifier to the records holding it, and the assignment of records to profiles (both ways).
 *
 * <p>The store is plain: {@link IdentityResolver} keeps the four parts consistent with each other. Implementations
 * hold it in memory ({@link InMemoryResolutionState}) or in Kafka Streams state stores.
 */
public interface ResolutionState {

    /** The record with this key, if resolution knows it. */
    Optional<IndexedRecord> record(RecordKey key);

    /** Stores or replaces a record. */
    void putRecord(IndexedRecord record);

    /** Forgets a record; no-op when unknown. */
    void removeRecord(RecordKey key);

    /**
     * Records holding an identifier, at most {@code limit} of them (so that a value held by thousands of records
     * costs no more than the cap needs), in no guaranteed order.
     */
    List<RecordKey> holders(Identifier identifier, int limit);

    /** Notes that a record holds an identifier; idempotent. */
    void addHolder(Identifier identifier, RecordKey key);

    /** Notes that a record no longer holds an identifier; idempotent. */
    void removeHolder(Identifier identifier, RecordKey key);

    /** The profile a record belongs to, if it has been resolved. */
    Optional<String> profileOf(RecordKey key);

    /** Puts a record into a profile, taking it out of the profile it was in. */
    void assign(RecordKey key, String profileId);

    /** Takes a record out of its profile (it was deleted); no-op when it has none. */
    void unassign(RecordKey key);

    /** The records of a profile, in no guaranteed order; empty when the profile does not exist (any more). */
    List<RecordKey> members(String profileId);
}
