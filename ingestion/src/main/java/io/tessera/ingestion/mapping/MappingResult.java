package io.tessera.ingestion.mapping;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.Objects;

/** What one Debezium change event becomes. A {@code switch} over it must handle every case. */
public sealed interface MappingResult {

    /** The results that a {@link io.tessera.ingestion.capture.RecordSink} delivers; {@link Ignored} is dropped. */
    sealed interface Output extends MappingResult permits Upsert, Delete, Rejected {
    }

    /** The row exists with these attributes: the value of its key on {@code tessera.records}. */
    record Upsert(SourceRecord record, ReadPhase phase) implements Output {
        public Upsert {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(phase, "phase");
        }
    }

    /**
     * The row was deleted: a tombstone for its key on {@code tessera.records}.
     *
     * @param key       the deleted row
     * @param changedAt when the source committed the delete, or {@code null} when the event does not say
     * @param position  the source position of the delete, or {@code null}
     */
    record Delete(RecordKey key, Instant changedAt, String position) implements Output {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The event could not be mapped: a dead letter with the reason and the event as received. */
    record Rejected(DeadLetter deadLetter) implements Output {
        public Rejected {
            Objects.requireNonNull(deadLetter, "deadLetter");
        }
    }

    /**
     * Nothing to deliver: a tombstone, heartbeat, schema change, or a table without a mapping.
     *
     * @param reason what the event was, for trace logs
     * @param phase  where the source's capture stands, when the event tells although it maps to nothing (a row of a
     *               table without a mapping, such as the heartbeat table, which Debezium may mark as the snapshot's
     *               last; a heartbeat, which Debezium sends only once the snapshot is done), otherwise {@code null}
     * @param linkRow whether it is a row of a mapped link table that relates nothing mapped (an ERPNext link to a
     *               supplier): counted, so that such rows are not dropped unseen
     */
    record Ignored(String reason, ReadPhase phase, boolean linkRow) implements MappingResult {

        /** An ignored event that is not a link row. */
        public Ignored(String reason, ReadPhase phase) {
            this(reason, phase, false);
        }

        /** An ignored event that says nothing about the snapshot. */
        public Ignored(String reason) {
            this(reason, null);
        }
    }
}
