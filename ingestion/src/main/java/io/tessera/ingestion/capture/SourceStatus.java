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
 */
public record SourceStatus(String name, State state, String lastError, long eventsMapped, long eventsRejected,
        int attempts, Instant nextAttemptAt) {

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
