package io.tessera.ingestion.capture;

import io.tessera.ingestion.capture.SourceStatus.State;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The mutable status of one source, updated by its capture and retry threads and read by anyone. */
final class StatusTracker {

    static final int MAX_ERROR_LENGTH = 500;

    private final String name;
    private final AtomicLong mapped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    // Guarded by this: a snapshot shows state, error, attempts and next attempt of one moment.
    private State state = State.STARTING;
    private String lastError;
    private int attempts;
    private Instant nextAttemptAt;

    StatusTracker(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized State state() {
        return state;
    }

    /** Moves to {@code next} unless the capture already ended (a late event must not revive a stopped source). */
    synchronized void moveTo(State next) {
        if (state != State.FAILED && state != State.STOPPED) {
            state = next;
        }
    }

    /** A capture of the source started (connected, task running): no longer waiting for an attempt. */
    synchronized void started() {
        if (state == State.FAILED || state == State.STOPPED) {
            return;
        }
        nextAttemptAt = null;
        // A capture whose first batch came before this callback moved on to SNAPSHOT already.
        if (state == State.STARTING || state == State.UNAVAILABLE) {
            state = State.RUNNING;
        }
    }

    /** The started capture proved healthy: failed attempts start again from zero. */
    synchronized void healthy() {
        attempts = 0;
    }

    /**
     * The source cannot be read now; the capture tries again at {@code nextAttempt}.
     *
     * @param error    what went wrong, safe to show (no secrets, no personal data)
     * @param attempt  the number of failed attempts in a row, this one included
     */
    synchronized void unavailable(String error, int attempt, Instant nextAttempt) {
        if (state == State.STOPPED) {
            return;
        }
        lastError = truncate(error);
        attempts = attempt;
        nextAttemptAt = nextAttempt;
        state = State.UNAVAILABLE;
    }

    /** The next attempt began: no longer waiting (the state stays {@link State#UNAVAILABLE} until it started). */
    synchronized void attempting() {
        nextAttemptAt = null;
    }

    /** Stopped by a failure that is not retried. */
    synchronized void failed(Throwable error, String message) {
        String text = message != null ? message : error == null ? "unknown failure" : error.toString();
        if (error != null && message != null && error.getMessage() != null && !message.contains(error.getMessage())) {
            text = message + ": " + error.getMessage();
        }
        lastError = truncate(text);
        nextAttemptAt = null;
        state = State.FAILED;
    }

    synchronized void stopped() {
        nextAttemptAt = null;
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
    }

    void countMapped() {
        mapped.incrementAndGet();
    }

    void countRejected() {
        rejected.incrementAndGet();
    }

    synchronized SourceStatus snapshot() {
        return new SourceStatus(name, state, lastError, mapped.get(), rejected.get(), attempts, nextAttemptAt);
    }

    static String truncate(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }
}
