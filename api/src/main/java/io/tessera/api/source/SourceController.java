package io.tessera.api.source;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.pipeline.Pipeline;
import io.tessera.ingestion.capture.SourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The captured source systems and how their capture is doing, for operators. */
@RestController
@RequestMapping("/api/v1/sources")
public class SourceController {

    private final Pipeline pipeline;

    public SourceController(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * One source's capture: its state, the last error if any (what is wrong and the fix when known, then the original
     * message), how many changes were mapped or rejected, and while {@code unavailable} the failed attempts in a row
     * and when the next one starts ({@code null} when not waiting). Then the initial snapshot's progress: rows
     * delivered, the distinct tables they came from, and whether it completed (Debezium's last snapshot row or a
     * streamed change arrived; after a restart without snapshot, with the first streamed change). Then the newest
     * delivered change: when the source committed it and its lag, delivery time minus commit time in milliseconds
     * ({@code null} before any change; not refreshed while the source is quiet). Last, the rows of link tables that
     * relate nothing the mapping maps (an ERPNext link to a supplier), which give no record.
     */
    public record SourceView(String name, String state, String lastError, long mapped, long rejected, int attempts,
            Instant nextAttemptAt, long snapshotRows, int snapshotTables, boolean snapshotCompleted,
            Instant lastChangeAt, Long lagMillis, long linkRowsIgnored) {

        static SourceView of(SourceStatus status) {
            return new SourceView(status.name(), status.state().name().toLowerCase(Locale.ROOT), status.lastError(),
                    status.eventsMapped(), status.eventsRejected(), status.attempts(), status.nextAttemptAt(),
                    status.snapshotRows(), status.snapshotTables(), status.snapshotCompleted(), status.lastChangeAt(),
                    status.lagMillis(), status.linkRowsIgnored());
        }
    }

    @Operation(summary = "Each captured source with its state (starting, snapshot, running, unavailable, failed, "
            + "stopped), last error, failed attempts in a row, next attempt, counts, snapshot progress (rows, "
            + "tables, completed) and the newest change with its lag")
    @GetMapping
    public List<SourceView> sources() {
        return pipeline.sources().stream().map(SourceView::of).toList();
    }
}
