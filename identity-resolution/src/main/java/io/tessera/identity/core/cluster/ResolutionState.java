package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import io.tessera.identity.core.scoring.Features;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state identity resolution keeps between changes: the records with their features; an index from each
 * blocking key and each capped identifier value to the records holding it; the links (scored edges) between
 * records, both ways; and the assignment of records to profiles, both ways.
 *
 * <p>The store is plain: {@link IdentityResolver} keeps the parts consistent with each other. Implementations hold
 * it in memory ({@link InMemoryResolutionState}) or in Kafka Streams state stores.
 */
public interface ResolutionState {

    /** The record with this key, if resolution knows it. */
    Optional<IndexedRecord> record(RecordKey key);

    /**
     * What scoring compares of a record: its features without the suppressed ones ({@link IndexedRecord#effective()}).
     * Candidates are read this way, so a state may answer it more cheaply than the whole record.
     */
    default Optional<Features> features(RecordKey key) {
        return record(key).map(IndexedRecord::effective);
    }

    /**
     * Says that the features of these records are about to be read, so that a state that needs a round trip for
     * each (a key lookup) can make one for all; does nothing by default.
     */
    default void prefetch(Collection<RecordKey> keys) {
    }

    /** Stores or replaces a record. */
    void putRecord(IndexedRecord record);

    /** Forgets a record; no-op when unknown. */
    void removeRecord(RecordKey key);

    /**
     * Records filed under an index key (a blocking key or a capped value), at most {@code limit} of them (so a
     * value held by thousands of records costs no more than the cap needs), in no guaranteed order.
     */
    List<RecordKey> holders(String indexKey, int limit);

    /** Files a record under an index key; idempotent. */
    void addHolder(String indexKey, RecordKey key);

    /** Takes a record out of an index key; idempotent. */
    void removeHolder(String indexKey, RecordKey key);

    /** The links of a record, by the record at the other end. */
    Map<RecordKey, Link> links(RecordKey key);

    /** Stores the link from {@code from} to {@code to} (one direction; the resolver writes both). */
    void putLink(RecordKey from, RecordKey to, Link link);

    /** Removes the link from {@code from} to {@code to}; idempotent. */
    void removeLink(RecordKey from, RecordKey to);

    /** The profile a record belongs to, if it has been resolved. */
    Optional<String> profileOf(RecordKey key);

    /** Puts a record into a profile, taking it out of the profile it was in. */
    void assign(RecordKey key, String profileId);

    /** Takes a record out of its profile (it was deleted); no-op when it has none. */
    void unassign(RecordKey key);

    /** The records of a profile, in no guaranteed order; empty when the profile does not exist (any more). */
    List<RecordKey> members(String profileId);
}
