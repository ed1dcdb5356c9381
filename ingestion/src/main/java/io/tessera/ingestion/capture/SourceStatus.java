package io.tessera.ingestion.capture;

import java.time.Instant;

/**
 * The health of one captured source, safe to show to operators: no secrets, no personal data.
 *
 * @param name           the source name
 * @param state          what the capture is doing
 * @param lastError      the last failure: what is wrong and how to fix it when known, then the original message;
 *                       kept after the source recovered, {@code null} if it never failed
 * @param eventsMapped   upserts and deletes delivered to the sink
 * @param eventsRejected dead letters delivered to the sink
 * @param attempts       failed attempts in a row to read the source; 0 once a capture started again
 * @param nextAttemptAt  when the next attempt starts while {@link State#UNAVAILABLE}, otherwise {@code null}
 * @param snapshotRows   rows of the initial snapshot delivered to the sink (upserts read by the snapshot; rows that a
 *                       snapshot repeated after a failure count again); 0 when this capture resumed without one
 * @param snapshotTables the distinct tables those rows came from so far
 * @param snapshotCompleted {@code true} once a batch the sink accepted held the row Debezium marks as the last of
 *                       the snapshot ({@code snapshot=last}, of any captured table: often the heartbeat table's row,
 *                       which maps to nothing), a streamed change of any captured table, or a Debezium heartbeat
 *                       (sent right after the snapshot, then while streaming). The Kafka Connect shape reads a
 *                       source's topics side by side, so there it turns {@code true} only once, in addition, every
 *                       partition of the source's topics showed such an end or had nothing left to read
 *                       ({@link ConnectSnapshots}). After a restart that resumed without a snapshot it turns
 *                       {@code true} with the first heartbeat or streamed change
 * @param lastChangeAt   when the source committed the newest delivered change (Debezium's {@code source.ts_ms}; for
 *                       snapshot rows the time of the snapshot), {@code null} before any
 * @param lagMillis      for that change, the delivery time minus {@code lastChangeAt} in milliseconds (negative only
 *                       when the source's clock runs ahead), {@code null} before any change. It is not refreshed
 *                       while the source has no changes: read it with {@code lastChangeAt}
 * @param linkRowsIgnored rows of link tables that relate nothing the mapping maps (an ERPNext link to a supplier):
 *                       no record and no dead letter, only this count
 */
public record SourceStatus(String name, State state, String lastError, long eventsMapped, long eventsRejected,
        int attempts, Instant nextAttemptAt, long snapshotRows, int snapshotTables, boolean snapshotCompleted,
        Instant lastChangeAt, Long lagMillis, long linkRowsIgnored) {

    /** What a capture is doing. */
    public enum State {
        /** Started, not yet connected to the source. */
        STARTING,
        /** Reading the initial snapshot. */
        SNAPSHOT,
        /** Streaming changes. */
        RUNNING,
        /**
         * The source cannot be read now: unreachable, login refused, a missing privilege, or Tessera's own Kafka
         * did not accept a batch. See {@link SourceStatus#lastError()}; the capture tries again at
         * {@link SourceStatus#nextAttemptAt()} and resumes from the last committed offset. Other sources are not
         * affected.
         */
        UNAVAILABLE,
        /**
         * Stopped by a failure that is not retried; see {@link SourceStatus#lastError()}. Offsets of undelivered
         * events were not committed, so a restart reads them again. The embedded capture ({@link EmbeddedCapture})
         * never ends here: it retries every failure ({@link #UNAVAILABLE}). The Kafka Connect shape
         * ({@link ConnectTopicsCapture}) does when its sink fails.
         */
        FAILED,
        /** Stopped on request. */
        STOPPED
    }
}
