package io.tessera.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.ConflictException;
import io.tessera.projections.profile.query.ProfileProjection;
import io.tessera.projections.profile.query.ReadModelDigest;
import io.tessera.projections.search.ProfileSearchIndex;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read models are disposable: rebuild them from the event store, and compare digests to show that the rebuilt
 * state equals the live one (issue 5, replay). Admins only.
 */
@RestController
@RequestMapping("/api/v1/admin/read-models")
public class ReadModelController {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelController.class);
    private static final long MAX_WAIT_SECONDS = 3_600;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ProfileSearchIndex searchIndex;
    private final Object rebuilding = new Object();

    public ReadModelController(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                               ProfileSearchIndex searchIndex) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.searchIndex = searchIndex;
    }

    /** The outcome of a rebuild. */
    public record Rebuild(boolean complete, double seconds, ReadModelDigest.Digest digest) {
    }

    @Operation(summary = "A SHA-256 digest of every read-model table (rows in key order) with row counts: equal "
            + "digests, equal read models")
    @GetMapping("/digest")
    public ReadModelDigest.Digest digest() {
        return ReadModelDigest.of(jdbc);
    }

    @Operation(summary = "Rebuild the profile read models and search index from the event store: stops the "
            + "projection, empties its tables and index, replays every event, and answers with the digest once "
            + "caught up (202 without a digest if that takes longer than waitSeconds, default 600). Compare with "
            + "GET …/digest taken before, on a quiet system")
    @PostMapping("/rebuild")
    public ResponseEntity<Rebuild> rebuild(@RequestParam(defaultValue = "600") long waitSeconds) {
        if (waitSeconds < 1 || waitSeconds > MAX_WAIT_SECONDS) {
            throw new BadRequestException("Parameter 'waitSeconds' must be between 1 and " + MAX_WAIT_SECONDS
                    + ", got " + waitSeconds);
        }
        StreamingEventProcessor processor = processing
                .eventProcessor(ProfileProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor named "
                        + ProfileProjection.PROCESSING_GROUP));
        Instant start = Instant.now();
        synchronized (rebuilding) {
            if (!processor.supportsReset()) {
                throw new ConflictException("The profile projection cannot be reset");
            }
            LOG.info("Rebuilding the profile read models from the event store");
            processor.shutDown();
            try {
                processor.resetTokens();
            } finally {
                // Also after a failed reset: the projection must keep applying new events.
                processor.start();
            }
            Instant deadline = start.plusSeconds(waitSeconds);
            while (!caughtUp(processor)) {
                if (Instant.now().isAfter(deadline)) {
                    return ResponseEntity.status(HttpStatus.ACCEPTED)
                            .body(new Rebuild(false, seconds(start), null));
                }
                sleep();
            }
        }
        // Caught up means written; searches see the last batch's documents once the index refreshes.
        searchIndex.refresh();
        ReadModelDigest.Digest digest = ReadModelDigest.of(jdbc);
        LOG.info("Rebuilt the profile read models in {} s: {} records", seconds(start),
                digest.rows().get("profile_record"));
        return ResponseEntity.ok(new Rebuild(true, seconds(start), digest));
    }

    /**
     * Every segment is claimed, at the head of the event store, and has replayed up to where the store was at the
     * reset. (Axon reports a segment as replaying until it handles an event beyond that point, which on a quiet
     * system may never come.)
     */
    private static boolean caughtUp(StreamingEventProcessor processor) {
        var status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(ReadModelController::caughtUp);
    }

    private static boolean caughtUp(EventTrackerStatus segment) {
        if (segment.isErrorState() || !segment.isCaughtUp()) {
            return false;
        }
        return !segment.isReplaying() || segment.getCurrentPosition().orElse(-1)
                >= segment.getResetPosition().orElse(Long.MAX_VALUE);
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the rebuild", e);
        }
    }
}
