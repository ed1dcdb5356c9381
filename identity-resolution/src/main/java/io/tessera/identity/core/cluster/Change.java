package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * One change to the set of source records, as resolution applies it. Its position and time come from the input,
 * not from the clock, so that replaying the same changes yields the same decisions with the same ids.
 */
public sealed interface Change permits Change.Upsert, Change.Delete {

    /** The record that changed. */
    RecordKey key();

    /** Where the change sits in its input (a source position, or a topic partition and offset); part of ids. */
    String position();

    /** When the change happened; becomes the decisions' {@code decidedAt}. */
    Instant at();

    /** A new record, or a new version of a known one. */
    record Upsert(SourceRecord record, String position, Instant at) implements Change {
        public Upsert {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public RecordKey key() {
            return record.key();
        }
    }

    /** A record that no longer exists in its source. */
    record Delete(RecordKey key, String position, Instant at) implements Change {
        public Delete {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(at, "at");
        }
    }
}
