package io.tessera.api.pipeline;

import io.tessera.ingestion.capture.SourceStatus;
import io.tessera.projections.ingest.IdentityDecisionConsumer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the pipeline for operators ({@code /actuator/health}, details for admins): identity resolution must run,
 * and a captured source that failed for good makes the pipeline DOWN with its error. A source that is unavailable
 * (retried with back-off) shows in the details with its error and attempts but leaves the pipeline UP.
 */
@Component
public class PipelineHealthIndicator implements HealthIndicator {

    private final Pipeline pipeline;
    private final IdentityDecisionConsumer decisions;

    public PipelineHealthIndicator(Pipeline pipeline, IdentityDecisionConsumer decisions) {
        this.pipeline = pipeline;
        this.decisions = decisions;
    }

    @Override
    public Health health() {
        KafkaStreams.State resolution = pipeline.resolutionState();
        boolean up = resolution == KafkaStreams.State.RUNNING || resolution == KafkaStreams.State.REBALANCING;
        Map<String, Object> sources = new LinkedHashMap<>();
        for (SourceStatus source : pipeline.sources()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", source.state().name().toLowerCase());
            detail.put("mapped", source.eventsMapped());
            detail.put("rejected", source.eventsRejected());
            detail.put("snapshotRows", source.snapshotRows());
            detail.put("snapshotTables", source.snapshotTables());
            detail.put("snapshotCompleted", source.snapshotCompleted());
            if (source.lastChangeAt() != null) {
                detail.put("lastChangeAt", source.lastChangeAt().toString());
                detail.put("lagMillis", source.lagMillis());
            }
            if (source.lastError() != null) {
                detail.put("lastError", source.lastError());
            }
            if (source.state() == SourceStatus.State.UNAVAILABLE) {
                detail.put("attempts", source.attempts());
                if (source.nextAttemptAt() != null) {
                    detail.put("nextAttemptAt", source.nextAttemptAt().toString());
                }
            }
            sources.put(source.name(), detail);
            // FAILED (the Kafka Connect shape's loop stopped) needs a restart: DOWN. UNAVAILABLE does not: the capture
            // retries by itself, the other sources keep delivering and profiles stay searchable, while a DOWN health
            // would make an orchestrator restart or unroute Tessera for a database it cannot fix. Operators see the
            // source's state, cause and attempts here and on GET /api/v1/sources.
            up &= source.state() != SourceStatus.State.FAILED;
        }
        Map<String, Object> profiles = new LinkedHashMap<>();
        profiles.put("decisionsApplied", decisions.appliedCount());
        profiles.put("decisionsRejected", decisions.rejectedCount());
        if (decisions.failure() != null) {
            profiles.put("failure", decisions.failure());
            up = false;
        }
        return (up ? Health.up() : Health.down())
                .withDetail("resolution", resolution.name().toLowerCase())
                .withDetail("recordsWithoutUsableAttributes", pipeline.recordsWithoutUsableAttributes())
                .withDetail("profiles", profiles)
                .withDetail("sources", sources)
                .build();
    }
}
