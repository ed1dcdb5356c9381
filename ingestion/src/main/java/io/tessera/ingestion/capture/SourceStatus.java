package io.tessera.ingestion.capture;

/**
 * The health of one captured source, safe to show to operators: no secrets, no personal data.
 *
 * @param name           the source name
 * @param state          what the capture is doing
 * @param lastError      the message of the last failure, or {@code null}
 * @param eventsMapped   upserts and deletes delivered to the sink
 * @param eventsRejected dead letters delivered to the sink
 */
public record SourceStatus(String name, State state, String lastError, long eventsMapped, long eventsRejected) {

    /** What a capture is doing. */
    public enum State {
        /** Started, not yet connected to the source. */
        STARTING,
        /** Reading the initial snapshot. */
        SNAPSHOT,
        /** Streaming changes. */
        RUNNING,
        /** Stopped by a failure; see {@link SourceStatus#lastError()}. Offsets of undelivered events were not committed. */
        FAILED,
        /** Stopped on request. */
        STOPPED
    }
}
