package io.tessera.api.pipeline;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tessera.ingestion.capture.SourceStatus;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.projections.ingest.IdentityDecisionConsumer;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The pipeline's figures as Micrometer meters, for {@code /actuator/metrics} and {@code /actuator/prometheus}:
 * per captured source the changes mapped and rejected, its state (one gauge per state, 1 for the current one), the
 * rows of its initial snapshot delivered and the lag of its newest change (seconds, NaN before any), the
 * records resolution found nothing to compare on, and the identity decisions applied to profiles or rejected.
 * Meters read the live status when scraped; a source that is not running yet reads as 0 in every state.
 */
@Component
public class PipelineMetrics implements MeterBinder {

    private final Pipeline pipeline;
    private final SourceCatalog catalog;
    private final IdentityDecisionConsumer decisions;

    public PipelineMetrics(Pipeline pipeline, SourceCatalog catalog, IdentityDecisionConsumer decisions) {
        this.pipeline = pipeline;
        this.catalog = catalog;
        this.decisions = decisions;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SourceDefinition source : catalog.captured()) {
            String name = source.name();
            FunctionCounter.builder("tessera.source.changes", this,
                            m -> m.status(name).map(SourceStatus::eventsMapped).orElse(0L))
                    .description("Changes of a source mapped to records or deletes")
                    .tags("source", name, "outcome", "mapped")
                    .register(registry);
            FunctionCounter.builder("tessera.source.changes", this,
                            m -> m.status(name).map(SourceStatus::eventsRejected).orElse(0L))
                    .description("Changes of a source sent to the dead-letter topic")
                    .tags("source", name, "outcome", "rejected")
                    .register(registry);
            FunctionCounter.builder("tessera.source.snapshot.rows", this,
                            m -> m.status(name).map(SourceStatus::snapshotRows).orElse(0L))
                    .description("Rows of a source's initial snapshot delivered (0 when the capture resumed without "
                            + "a snapshot)")
                    .tags("source", name)
                    .register(registry);
            Gauge.builder("tessera.source.lag", this, m -> m.status(name)
                            .map(SourceStatus::lagMillis)
                            .map(lag -> lag / 1000.0)
                            .orElse(Double.NaN))
                    .description("For the newest change of a source delivered, delivery time minus source commit "
                            + "time; NaN before any change, not refreshed while the source is quiet")
                    .baseUnit("seconds")
                    .tags("source", name)
                    .register(registry);
            for (SourceStatus.State state : SourceStatus.State.values()) {
                Gauge.builder("tessera.source.state", this,
                                m -> m.status(name).filter(s -> s.state() == state).isPresent() ? 1 : 0)
                        .description("1 for the state the capture of a source is in, 0 for the others")
                        .tags("source", name, "state", state.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
        FunctionCounter.builder("tessera.resolution.records.unusable", pipeline,
                        Pipeline::recordsWithoutUsableAttributes)
                .description("Records resolved without any attribute to compare on; each is a profile of its own")
                .register(registry);
        FunctionCounter.builder("tessera.records.suppressed", pipeline, Pipeline::suppressedUpserts)
                .description("Changes of erased (suppressed) records that capture dropped")
                .register(registry);
        FunctionCounter.builder("tessera.profiles.decisions", decisions, IdentityDecisionConsumer::appliedCount)
                .description("Identity decisions applied to the event-sourced profiles")
                .tags("outcome", "applied")
                .register(registry);
        FunctionCounter.builder("tessera.records.suppressed", pipeline, Pipeline::suppressedUpserts)
                .description("Changes of erased (suppressed) records that capture dropped")
                .register(registry);
        FunctionCounter.builder("tessera.profiles.decisions", decisions, IdentityDecisionConsumer::rejectedCount)
                .description("Identity decisions that could not be applied (sent to the dead-letter topic)")
                .tags("outcome", "rejected")
                .register(registry);
    }

    private Optional<SourceStatus> status(String source) {
        return pipeline.sources().stream().filter(s -> s.name().equals(source)).findFirst();
    }
}
