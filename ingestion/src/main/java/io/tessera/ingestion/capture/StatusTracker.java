package io.tessera.ingestion.capture;

import io.tessera.ingestion.capture.SourceStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mutable status of one source, updated by its capture and retry threads and read by anyone. The delivery
 * figures (counts, snapshot progress, lag) are lock-free: a few atomic updates per delivered change.
 */
final class StatusTracker {

    static final int MAX_ERROR_LENGTH = 500;

    private final String name;
    private final Clock clock;
    private final AtomicLong mapped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong ignoredLinkRows = new AtomicLong();
    private final AtomicLong snapshotRows = new AtomicLong();
    private final Set<String> snapshotTables = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean snapshotCompleted = new AtomicBoolean();
    /** When the snapshot began: the capture task started, or else the first snapshot row was delivered. */
    private final AtomicReference<Instant> snapshotStartedAt = new AtomicReference<>();
    private volatile Instant snapshotEndedAt;
    private final AtomicReference<Delivered> lastChange = new AtomicReference<>();
    // Guarded by this: a snapshot shows state, error, attempts and next attempt of one moment.
    private State state = State.STARTING;
    private String lastError;
    private int attempts;
    private Instant nextAttemptAt;

    StatusTracker(String name) {
        this(name, Clock.systemUTC());
    }

    /** A tracker that reads delivery times from {@code clock} (tests pass a fixed one). */
    StatusTracker(String name, Clock clock) {
        this.name = name;
        this.clock = Objects.requireNonNull(clock, "clock");
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
        if (snapshotRows.get() == 0) {
            // A snapshot (if any) starts with this task; a retry within a snapshot keeps its first start.
            snapshotStartedAt.set(clock.instant());
        }
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

    /** A row of a link table that relates nothing the mapping maps was read (and delivered nothing). */
    void countIgnoredLinkRow() {
        ignoredLinkRows.incrementAndGet();
    }

    /** A row of the initial snapshot from {@code table} was delivered (call {@link #countMapped()} as well). */
    void snapshotRow(String table) {
        snapshotStartedAt.compareAndSet(null, clock.instant());
        snapshotRows.incrementAndGet();
        snapshotTables.add(table);
    }

    /**
     * The snapshot is over: Debezium's last snapshot row, a streamed change or a heartbeat came through.
     *
     * @return {@code true} for the call that completed it, {@code false} when it was complete already
     */
    boolean snapshotCompleted() {
        if (!snapshotCompleted.compareAndSet(false, true)) {
            return false;
        }
        snapshotEndedAt = clock.instant();
        return true;
    }

    boolean isSnapshotCompleted() {
        return snapshotCompleted.get();
    }

    /**
     * A change committed by the source at {@code changedAt} was delivered now; {@code null} (the event did not say)
     * is skipped.
     */
    void delivered(Instant changedAt) {
        if (changedAt != null) {
            lastChange.set(new Delivered(changedAt, clock.instant()));
        }
    }

    /**
     * The snapshot's progress for a log line while it runs, or {@code null} when no snapshot row was delivered yet
     * or the snapshot completed.
     */
    SnapshotProgress snapshotProgress() {
        long rows = snapshotRows.get();
        if (rows == 0 || snapshotCompleted.get()) {
            return null;
        }
        return progress(rows, clock.instant());
    }

    /** The snapshot's figures when it completed, or {@code null} when it did not or delivered no row. */
    SnapshotProgress snapshotDone() {
        long rows = snapshotRows.get();
        Instant ended = snapshotEndedAt;
        if (rows == 0 || ended == null) {
            return null;
        }
        return progress(rows, ended);
    }

    private SnapshotProgress progress(long rows, Instant at) {
        Instant started = snapshotStartedAt.get();
        Duration elapsed = started == null || at.isBefore(started) ? Duration.ZERO : Duration.between(started, at);
        return new SnapshotProgress(rows, snapshotTables.size(), elapsed);
    }

    synchronized SourceStatus snapshot() {
        Delivered last = lastChange.get();
        return new SourceStatus(name, state, lastError, mapped.get(), rejected.get(), attempts, nextAttemptAt,
                snapshotRows.get(), snapshotTables.size(), snapshotCompleted.get(),
                last == null ? null : last.changedAt(), last == null ? null : last.lagMillis(), ignoredLinkRows.get());
    }

    static String truncate(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }

    /** The newest delivered change: when the source committed it and when it was delivered. */
    private record Delivered(Instant changedAt, Instant deliveredAt) {
        long lagMillis() {
            return Duration.between(changedAt, deliveredAt).toMillis();
        }
    }

    /**
     * How far a snapshot got, for log lines (counts only, no row values).
     *
     * @param elapsed since the capture task started (or the first snapshot row, when the task start is unknown)
     */
    record SnapshotProgress(long rows, int tables, Duration elapsed) {

        /** Rows per second over {@code elapsed}, the row count itself when no time passed. */
        long rowsPerSecond() {
            long millis = elapsed.toMillis();
            return millis <= 0 ? rows : rows * 1000 / millis;
        }
    }
}
