package io.tessera.ingestion.capture;

import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.ChangeMapper;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Ignored;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.RawChange;
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
        for (RawChange change : changes) {
            MappingResult result = mapper.map(change);
            StatusTracker tracker = trackers.apply(change);
            switch (result) {
                case Upsert upsert -> {
                    pending.add(sink.accept(upsert).toCompletableFuture());
                    counted.add(new Counted(tracker, false, phaseState(upsert)));
                }
                case Delete delete -> {
                    pending.add(sink.accept(delete).toCompletableFuture());
                    counted.add(new Counted(tracker, false, State.RUNNING));
                }
                case Rejected rejected -> {
                    // The reason names source, table and column, never a value or key: safe to log.
                    LOG.warn("Rejected a change to the dead-letter topic: {}", rejected.deadLetter().reason());
                    pending.add(sink.accept(rejected).toCompletableFuture());
                    counted.add(new Counted(tracker, true, null));
                }
                case Ignored ignored -> LOG.trace("Ignored an event of {}: {}", change.topic(), ignored.reason());
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
            if (c.tracker() == null) {
                continue;
            }
            if (c.rejected()) {
                c.tracker().countRejected();
            } else {
                c.tracker().countMapped();
            }
            if (c.state() != null) {
                c.tracker().moveTo(c.state());
            }
        }
    }

    private static State phaseState(Upsert upsert) {
        return switch (upsert.phase()) {
            case SNAPSHOT -> State.SNAPSHOT;
            case SNAPSHOT_LAST, STREAMING -> State.RUNNING;
        };
    }

    private record Counted(StatusTracker tracker, boolean rejected, State state) {
    }

    /** The sink failed to make a batch durable; the capture must stop without committing. */
    static final class SinkFailedException extends RuntimeException {
        SinkFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
