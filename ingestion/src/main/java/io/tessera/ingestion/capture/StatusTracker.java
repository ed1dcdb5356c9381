package io.tessera.ingestion.capture;

import io.tessera.ingestion.capture.SourceStatus.State;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The mutable status of one source, updated by its capture thread and read by anyone. */
final class StatusTracker {

    private static final int MAX_ERROR_LENGTH = 500;

    private final String name;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private volatile String lastError;
    private final AtomicLong mapped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    StatusTracker(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    State state() {
        return state.get();
    }

    /** Moves to {@code next} unless the capture already ended (a late event must not revive a stopped source). */
    void moveTo(State next) {
        state.updateAndGet(current -> current == State.FAILED || current == State.STOPPED ? current : next);
    }

    void failed(Throwable error, String message) {
        String text = message != null ? message : error == null ? "unknown failure" : error.toString();
        if (error != null && message != null && error.getMessage() != null && !message.contains(error.getMessage())) {
            text = message + ": " + error.getMessage();
        }
        lastError = text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
        state.set(State.FAILED);
    }

    void stopped() {
        state.updateAndGet(current -> current == State.FAILED ? current : State.STOPPED);
    }

    void countMapped() {
        mapped.incrementAndGet();
    }

    void countRejected() {
        rejected.incrementAndGet();
    }

    SourceStatus snapshot() {
        return new SourceStatus(name, state.get(), lastError, mapped.get(), rejected.get());
    }
}
