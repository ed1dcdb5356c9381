package io.tessera.ingestion.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.ChangeMapper;
import io.tessera.ingestion.mapping.RawChange;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.SourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures every source of a catalog with the Debezium embedded engine, one engine per source on its own thread,
 * and maps events in-process: raw rows never pass through Kafka. Offsets are committed only after the
 * {@link RecordSink} made a whole batch durable, so a failure redelivers rather than loses (at least once; records
 * carry their source position for idempotence downstream).
 *
 * <p>State lives in {@code stateDir/<source>/}: {@code offsets.dat} and, for MariaDB, {@code schema-history.dat}.
 * Keep the state directory with the databases it belongs to: offsets of another (or a recreated) database make the
 * connector fail or skip changes.
 */
public final class EmbeddedCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCapture.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final List<Running> running;

    private EmbeddedCapture(List<Running> running) {
        this.running = running;
    }

    /**
     * Starts one engine per source and returns at once; the engines connect, snapshot and stream in the background.
     * Watch {@link #status()} for progress and failures.
     */
    public static EmbeddedCapture start(SourceCatalog catalog, Path stateDir, RecordSink sink) {
        ChangeMapper mapper = new ChangeMapper(catalog);
        List<Running> running = new ArrayList<>();
        try {
            for (SourceDefinition source : catalog.captured()) {
                running.add(startSource(source, stateDir, mapper, sink));
            }
        } catch (RuntimeException e) {
            new EmbeddedCapture(running).close();
            throw e;
        }
        return new EmbeddedCapture(running);
    }

    /**
     * The engine properties of one source: the shared connector properties plus file offsets (and, for MariaDB, a
     * file schema history) under {@code stateDir/<source>/}, and the source's own {@code debezium:} overrides.
     */
    public static Properties engineProperties(SourceDefinition source, Path stateDir) {
        Path dir = stateDir.resolve(source.name());
        Properties props = new Properties();
        props.put("name", ConnectorConfigs.connectorName(source));
        props.putAll(DebeziumProperties.connector(source, source.connection().password()));
        props.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.put("offset.storage.file.filename", dir.resolve("offsets.dat").toString());
        // Offsets are only handed to the store after the sink accepted a batch; flush them soon after.
        props.put("offset.flush.interval.ms", "1000");
        props.put("converter.schemas.enable", "false");
        if (source.kind() == SourceKind.MARIADB) {
            props.put("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
            props.put("schema.history.internal.file.filename", dir.resolve("schema-history.dat").toString());
        }
        props.putAll(source.debezium());
        return props;
    }

    private static Running startSource(SourceDefinition source, Path stateDir, ChangeMapper mapper, RecordSink sink) {
        try {
            Files.createDirectories(stateDir.resolve(source.name()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the capture state directory for source " + source.name(), e);
        }
        StatusTracker tracker = new StatusTracker(source.name());
        AtomicBoolean ended = new AtomicBoolean();
        BatchDelivery delivery = new BatchDelivery(mapper, sink, change -> tracker);
        DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class)
                .using(engineProperties(source, stateDir))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        tracker.moveTo(State.RUNNING);
                        LOG.info("Capture of source {} started", source.name());
                    }
                })
                .using((success, message, error) -> {
                    ended.set(true);
                    if (success) {
                        tracker.stopped();
                        LOG.info("Capture of source {} stopped", source.name());
                    } else {
                        tracker.failed(error, message);
                        LOG.error("Capture of source {} failed: {}", source.name(), message, error);
                    }
                })
                .notifying((List<ChangeEvent<String, String>> events,
                        DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) -> {
                    List<RawChange> changes = new ArrayList<>(events.size());
                    for (ChangeEvent<String, String> event : events) {
                        changes.add(new RawChange(event.destination(), event.key(), event.value()));
                    }
                    // Throws when the sink failed: the engine stops and nothing of this batch is committed.
                    delivery.deliver(changes);
                    for (ChangeEvent<String, String> event : events) {
                        committer.markProcessed(event);
                    }
                    committer.markBatchFinished();
                })
                .build();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "tessera-capture-" + source.name()));
        executor.execute(engine);
        return new Running(source.name(), engine, executor, tracker, ended);
    }

    /** The status of every source, in catalog order. */
    public List<SourceStatus> status() {
        return running.stream().map(r -> r.tracker().snapshot()).toList();
    }

    /** The status of one source. */
    public SourceStatus status(String source) {
        return running.stream()
                .filter(r -> r.name().equals(source))
                .findFirst()
                .map(r -> r.tracker().snapshot())
                .orElseThrow(() -> new NoSuchElementException("No captured source '" + source + "'"));
    }

    /** Stops every engine (each commits the offsets of what the sink accepted) and waits for their threads. */
    @Override
    public void close() {
        for (Running r : running) {
            // An engine that already ended (it failed) refuses a second shutdown; its status says why it ended.
            if (r.ended().get()) {
                continue;
            }
            try {
                r.engine().close();
            } catch (IOException | RuntimeException e) {
                if (!r.ended().get()) {
                    r.tracker().failed(e, "stopping the engine failed");
                    LOG.error("Stopping the capture of source {} failed", r.name(), e);
                }
            }
        }
        for (Running r : running) {
            r.executor().shutdown();
            try {
                if (!r.executor().awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.error("The capture thread of source {} did not end within {} s", r.name(), STOP_TIMEOUT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.error("Interrupted while waiting for the capture of source {} to stop", r.name(), e);
                return;
            }
            r.tracker().stopped();
        }
    }

    private record Running(String name, DebeziumEngine<ChangeEvent<String, String>> engine, ExecutorService executor,
            StatusTracker tracker, AtomicBoolean ended) {
    }
}
