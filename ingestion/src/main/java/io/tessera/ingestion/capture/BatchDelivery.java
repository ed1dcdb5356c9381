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

    private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

    private final ChangeMapper mapper;
    private final RecordSink sink;
    private final Function<RawChange, StatusTracker> trackers;

    BatchDelivery(ChangeMapper mapper, RecordSink sink, Function<RawChange, StatusTracker> trackers) {
        this.mapper = mapper;
        this.sink = sink;
        this.trackers = trackers;
    }

    /**
     * Maps and delivers {@code changes}.
     *
     * @throws SinkFailedException when the sink did not accept every output; nothing of the batch may be committed
     */
    void deliver(List<RawChange> changes) throws InterruptedException {
        List<CompletableFuture<Void>> pending = new ArrayList<>(changes.size());
        List<Counted> counted = new ArrayList<>(changes.size());
        List<MappingResult> results = new ArrayList<>(changes.size());
        List<Upsert> upserts = new ArrayList<>();
        for (RawChange change : changes) {
            MappingResult result = mapper.map(change);
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
        for (int i = 0; i < changes.size(); i++) {
            RawChange change = changes.get(i);
            MappingResult result = results.get(i);
            StatusTracker tracker = trackers.apply(change);
            switch (result) {
                case Upsert upsert -> {
                    pending.add(sink.accept(upsert).toCompletableFuture());
                    ReadPhase phase = upsert.phase();
                    counted.add(new Counted(tracker, Outcome.MAPPED, phaseState(phase),
                            phase == ReadPhase.STREAMING ? null : upsert.record().key().table(),
                            phase != ReadPhase.SNAPSHOT, upsert.record().changedAt()));
                }
                case Delete delete -> {
                    pending.add(sink.accept(delete).toCompletableFuture());
                    counted.add(new Counted(tracker, Outcome.MAPPED, State.RUNNING, null, true, delete.changedAt()));
                }
                case Rejected rejected -> {
                    // The reason names source, table and column, never a value or key: safe to log.
                    LOG.warn("Rejected a change to the dead-letter topic: {}", rejected.deadLetter().reason());
                    pending.add(sink.accept(rejected).toCompletableFuture());
                    counted.add(new Counted(tracker, Outcome.REJECTED, null, null, false, null));
                }
                case Ignored ignored -> {
                    LOG.trace("Ignored an event of {}: {}", change.topic(), ignored.reason());
                    ReadPhase phase = ignored.phase();
                    if (phase != null) {
                        // Delivers nothing, yet may be the snapshot's last row (the heartbeat table's) or show that
                        // the source streams: without it a snapshot would never be seen to end.
                        counted.add(new Counted(tracker, Outcome.IGNORED, phaseState(phase), null,
                                phase != ReadPhase.SNAPSHOT, null));
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
            }
            if (c.endsSnapshot() && tracker.snapshotCompleted()) {
                logSnapshotDone(tracker);
            }
            if (c.state() != null) {
                tracker.moveTo(c.state());
            }
        }
    }

    /** Once per source, when its snapshot completed: counts and duration only, no row values. */
    private static void logSnapshotDone(StatusTracker tracker) {
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
    private enum Outcome { MAPPED, REJECTED, IGNORED }

    /**
     * What one change of the batch tells its source's status, once the whole batch is durable.
     *
     * @param state         the state it shows, {@code null} when it shows none (a rejection)
     * @param snapshotTable the table of a delivered snapshot row, {@code null} for other changes
     * @param endsSnapshot  the snapshot's last row (mapped or not), a streamed change or a heartbeat: the snapshot
     *                      is over
     * @param changedAt     the source commit time of a delivered change, {@code null} when unknown or for others
     */
    private record Counted(StatusTracker tracker, Outcome outcome, State state, String snapshotTable,
            boolean endsSnapshot, Instant changedAt) {
    }

    /** The sink failed to make a batch durable; the capture must stop without committing. */
    static final class SinkFailedException extends RuntimeException {
        SinkFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
