package io.tessera.ingestion.capture;

import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.ChangeMapper;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Ignored;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.RawChange;
import io.tessera.ingestion.mapping.ReadPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-batch logic shared by both capture shapes: map every change, hand the outputs to the sink in order, and
 * return only when the sink made all of them durable. The caller commits its source offsets after that, never
 * before, so that a failure redelivers instead of losing events.
 */
final class BatchDelivery {

    /** How often a source whose snapshot runs logs its progress. */
    static final Duration SNAPSHOT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

    private final ChangeMapper mapper;
    private final RecordSink sink;
    private final Function<RawChange, StatusTracker> trackers;
    /** What the sink acknowledged before, when it keeps track; else null. */
    private final DeliveredPositions delivered;

    BatchDelivery(ChangeMapper mapper, RecordSink sink, Function<RawChange, StatusTracker> trackers) {
        this.mapper = mapper;
        this.sink = sink;
        this.trackers = trackers;
        this.delivered = sink instanceof DeliveredPositions positions ? positions : null;
    }

    /** The result, or an ignored one when the sink acknowledged the same change before (see {@link DeliveredPositions}). */
    private MappingResult skipDelivered(MappingResult result) {
        if (delivered != null && result instanceof MappingResult.Output output && delivered.delivered(output)) {
            return new Ignored("delivered before the capture restarted", ReadPhase.STREAMING);
        }
        return result;
    }

    /**
     * What a delivered change tells about its source's snapshot, applied in order once its whole batch is durable.
     */
    @FunctionalInterface
    interface PhaseListener {

        /**
         * @param index   the change's position in the delivered list
         * @param tracker its source's tracker
         * @param phase   how Debezium read it: a snapshot row, the snapshot's last row, or a streamed change or
         *                heartbeat (the snapshot is over)
         */
        void seen(int index, StatusTracker tracker, ReadPhase phase);
    }

    /**
     * Maps and delivers {@code changes}; a change that ends the snapshot (its last row, a streamed change or a
     * heartbeat) completes it at once, as it does for the embedded engine, whose batches come in Debezium's order.
     *
     * @throws SinkFailedException when the sink did not accept every output; nothing of the batch may be committed
     */
    void deliver(List<RawChange> changes) throws InterruptedException {
        deliver(changes, (index, tracker, phase) -> showAtOnce(tracker, phase));
    }

    /**
     * Maps and delivers {@code changes}, counting them, and hands the phase of each (if it has one) to
     * {@code phases}, which decides the source's state and when its snapshot completed.
     *
     * @throws SinkFailedException when the sink did not accept every output; nothing of the batch may be committed
     */
    void deliver(List<RawChange> changes, PhaseListener phases) throws InterruptedException {
        List<CompletableFuture<Void>> pending = new ArrayList<>(changes.size());
        List<Counted> counted = new ArrayList<>(changes.size());
        List<MappingResult> results = new ArrayList<>(changes.size());
        List<Upsert> upserts = new ArrayList<>();
        for (RawChange change : changes) {
            MappingResult result = skipDelivered(mapper.map(change));
            results.add(result);
            if (result instanceof Upsert upsert) {
                upserts.add(upsert);
            }
        }
        try {
            sink.prepare(upserts);
        } catch (RuntimeException e) {
            throw new SinkFailedException("The sink could not prepare a batch of " + upserts.size() + " records: "
                    + e.getMessage(), e);
        }
        for (int index = 0; index < changes.size(); index++) {
            RawChange change = changes.get(index);
            MappingResult result = results.get(index);
            StatusTracker tracker = trackers.apply(change);
            switch (result) {
                case Upsert upsert -> {
                    pending.add(sink.accept(upsert).toCompletableFuture());
                    ReadPhase phase = upsert.phase();
                    counted.add(new Counted(index, tracker, Outcome.MAPPED, phase,
                            phase == ReadPhase.STREAMING ? null : upsert.record().key().table(),
                            upsert.record().changedAt()));
                }
                case Delete delete -> {
                    pending.add(sink.accept(delete).toCompletableFuture());
                    counted.add(new Counted(index, tracker, Outcome.MAPPED, ReadPhase.STREAMING, null,
                            delete.changedAt()));
                }
                case Rejected rejected -> {
                    // The reason names source, table and column, never a value or key: safe to log.
                    LOG.warn("Rejected a change to the dead-letter topic: {}", rejected.deadLetter().reason());
                    pending.add(sink.accept(rejected).toCompletableFuture());
                    counted.add(new Counted(index, tracker, Outcome.REJECTED, null, null, null));
                }
                case Ignored ignored -> {
                    LOG.trace("Ignored an event of {}: {}", change.topic(), ignored.reason());
                    ReadPhase phase = ignored.phase();
                    if (ignored.linkRow()) {
                        // The reason names table and column, never a value: safe to log.
                        LOG.debug("A link row relates nothing mapped: {}", ignored.reason());
                        counted.add(new Counted(index, tracker, Outcome.IGNORED_LINK, phase, null, null));
                    } else if (phase != null) {
                        // Delivers nothing, yet may be the snapshot's last row (the heartbeat table's) or show that
                        // the source streams: without it a snapshot would never be seen to end.
                        counted.add(new Counted(index, tracker, Outcome.IGNORED, phase, null, null));
                    }
                }
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SinkFailedException("The sink did not accept a batch of " + pending.size() + " results: "
                    + cause.getMessage(), cause);
        }
        for (Counted c : counted) {
            StatusTracker tracker = c.tracker();
            if (tracker == null) {
                continue;
            }
            switch (c.outcome()) {
                case REJECTED -> tracker.countRejected();
                case MAPPED -> {
                    tracker.countMapped();
                    if (c.snapshotTable() != null) {
                        tracker.snapshotRow(c.snapshotTable());
                    }
                    tracker.delivered(c.changedAt());
                }
                case IGNORED -> {
                    // Neither counted nor a change: the phase below is all it tells.
                }
                case IGNORED_LINK -> tracker.countIgnoredLinkRow();
            }
            if (c.phase() != null) {
                phases.seen(c.index(), tracker, c.phase());
            }
        }
    }

    /** The embedded engine's rule: a change that ends the snapshot completes it; each change shows its phase. */
    static void showAtOnce(StatusTracker tracker, ReadPhase phase) {
        if (phase != ReadPhase.SNAPSHOT && tracker.snapshotCompleted()) {
            logSnapshotDone(tracker);
        }
        tracker.moveTo(phaseState(phase));
    }

    /**
     * Logs the progress of a source whose snapshot runs, at INFO: counts and rate, no row values. Both capture shapes
     * call it every {@link #SNAPSHOT_PROGRESS_INTERVAL} for each source.
     */
    static void logSnapshotProgress(StatusTracker tracker) {
        StatusTracker.SnapshotProgress progress = tracker.snapshotProgress();
        if (progress != null && tracker.state() == State.SNAPSHOT) {
            LOG.info("Snapshot of source {}: {} rows from {} table{} so far ({} rows/s)", tracker.name(),
                    progress.rows(), progress.tables(), progress.tables() == 1 ? "" : "s", progress.rowsPerSecond());
        }
    }

    /** Once per source, when its snapshot completed: counts and duration only, no row values. */
    static void logSnapshotDone(StatusTracker tracker) {
        StatusTracker.SnapshotProgress done = tracker.snapshotDone();
        if (done != null) {
            LOG.info("Snapshot of source {} done: {} rows from {} table{} in {} s", tracker.name(), done.rows(),
                    done.tables(), done.tables() == 1 ? "" : "s", done.elapsed().toSeconds());
        }
    }

    private static State phaseState(ReadPhase phase) {
        return switch (phase) {
            case SNAPSHOT -> State.SNAPSHOT;
            case SNAPSHOT_LAST, STREAMING -> State.RUNNING;
        };
    }

    /** What became of a change: delivered as a record or delete, as a dead letter, or nothing. */
    private enum Outcome { MAPPED, REJECTED, IGNORED, IGNORED_LINK }

    /**
     * What one change of the batch tells its source's status, once the whole batch is durable.
     *
     * @param index         the change's position in the batch
     * @param phase         how Debezium read it, {@code null} when it tells nothing (a rejection, a schema change)
     * @param snapshotTable the table of a delivered snapshot row, {@code null} for other changes
     * @param changedAt     the source commit time of a delivered change, {@code null} when unknown or for others
     */
    private record Counted(int index, StatusTracker tracker, Outcome outcome, ReadPhase phase, String snapshotTable,
            Instant changedAt) {
    }

    /** The sink failed to make a batch durable; the capture must stop without committing. */
    static final class SinkFailedException extends RuntimeException {
        SinkFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
