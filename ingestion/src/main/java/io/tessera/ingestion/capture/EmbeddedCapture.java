package io.tessera.ingestion.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.tessera.ingestion.mapping.ChangeMapper;
import io.tessera.ingestion.mapping.RawChange;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.SourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures every source of a catalog with the Debezium embedded engine, one engine per source on its own thread,
 * and maps events in-process: raw rows never pass through Kafka. Offsets are committed only after the
 * {@link RecordSink} made a whole batch durable, so a failure redelivers rather than loses (at least once; records
 * carry their source position for idempotence downstream).
 *
 * <p>When an engine ends with an error (source unreachable, login refused, missing privilege, the sink failed) the
 * source is {@link SourceStatus.State#UNAVAILABLE} with the cause and a hint ({@link CaptureFailures}), and a new
 * engine with the same properties starts after a back-off (1 s, doubling, at most 60 s; back to 1 s once an engine
 * delivered a batch or ran for the longest wait, since some failures only come after the task started). It resumes
 * from the committed offsets. Other sources are never affected.
 *
 * <p>State lives in {@code stateDir/<source>/}: {@code offsets.dat} and, for MariaDB, {@code schema-history.dat}.
 * Keep the state directory with the databases it belongs to: offsets of another (or a recreated) database make the
 * connector fail or skip changes.
 */
public final class EmbeddedCapture implements AutoCloseable {

    /** The wait before the first retry of a source; it doubles with every failed attempt in a row. */
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(1);
    /** The longest wait between two attempts. */
    public static final Duration DEFAULT_MAX_RETRY = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCapture.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final List<SourceCapture> sources;
    private final ScheduledExecutorService retries;

    private EmbeddedCapture(List<SourceCapture> sources, ScheduledExecutorService retries) {
        this.sources = sources;
        this.retries = retries;
    }

    /**
     * Starts one engine per source and returns at once; the engines connect, snapshot and stream in the background.
     * Watch {@link #status()} for progress and failures. When {@code sink} is a {@link DeliveredPositions}, the streamed
     * changes it acknowledged before are skipped (a restart after a crash or a failed batch then duplicates nothing).
     */
    public static EmbeddedCapture start(SourceCatalog catalog, Path stateDir, RecordSink sink) {
        return start(catalog, stateDir, sink, DEFAULT_FIRST_RETRY, DEFAULT_MAX_RETRY);
    }

    /**
     * As {@link #start(SourceCatalog, Path, RecordSink)} with other back-off bounds (tests use short ones).
     *
     * @param firstRetry the wait after the first failure, doubled after each further failure in a row
     * @param maxRetry   the longest wait
     */
    static EmbeddedCapture start(SourceCatalog catalog, Path stateDir, RecordSink sink, Duration firstRetry,
            Duration maxRetry) {
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("Back-off needs 0 < firstRetry <= maxRetry, got " + firstRetry
                    + " and " + maxRetry);
        }
        ChangeMapper mapper = new ChangeMapper(catalog);
        ScheduledThreadPoolExecutor retries = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "tessera-capture-retry");
            thread.setDaemon(true);
            return thread;
        });
        retries.setRemoveOnCancelPolicy(true);
        List<SourceCapture> sources = new ArrayList<>();
        EmbeddedCapture capture = new EmbeddedCapture(sources, retries);
        try {
            for (SourceDefinition source : catalog.captured()) {
                SourceCapture sourceCapture = new SourceCapture(source, stateDir, mapper, sink, retries,
                        new Backoff(firstRetry, maxRetry));
                sources.add(sourceCapture);
                sourceCapture.launch();
            }
            // One check for all sources on the retry thread, not a thread per source.
            long interval = BatchDelivery.SNAPSHOT_PROGRESS_INTERVAL.toMillis();
            retries.scheduleAtFixedRate(capture::logSnapshotProgress, interval, interval, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            capture.close();
            throw e;
        }
        return capture;
    }

    /**
     * Logs the progress of every source whose snapshot runs, at INFO: counts and rate, no row values. The end of a
     * snapshot is logged once by the delivery that completed it ({@link BatchDelivery}).
     */
    private void logSnapshotProgress() {
        try {
            for (SourceCapture source : sources) {
                BatchDelivery.logSnapshotProgress(source.tracker);
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; keep logging progress.
            LOG.debug("Cannot log the snapshot progress", e);
        }
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
        // Kafka's FileOffsetBackingStore format, written atomically: Kafka's own store truncates the file before
        // writing it, and a kill in between makes the next start snapshot again and miss deletes.
        props.put("offset.storage", AtomicFileOffsetBackingStore.class.getName());
        props.put("offset.storage.file.filename", dir.resolve("offsets.dat").toString());
        // Offsets are only handed to the store after the sink accepted a batch; flush them with every batch. Changes
        // Kafka accepted but whose offsets were not flushed are delivered again after a crash (at least once).
        props.put("offset.flush.interval.ms", "0");
        props.put("converter.schemas.enable", "false");
        // Debezium would retry connection errors itself, silently and without end; an engine that ends instead
        // shows the source UNAVAILABLE with its cause while EmbeddedCapture retries it with back-off.
        props.put("errors.max.retries", "0");
        if (source.kind() == SourceKind.MARIADB) {
            props.put("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
            props.put("schema.history.internal.file.filename", dir.resolve("schema-history.dat").toString());
        }
        props.putAll(source.debezium());
        return props;
    }

    /** The status of every source, in catalog order. */
    public List<SourceStatus> status() {
        return sources.stream().map(s -> s.tracker.snapshot()).toList();
    }

    /** The status of one source. */
    public SourceStatus status(String source) {
        return sources.stream()
                .filter(s -> s.name().equals(source))
                .findFirst()
                .map(s -> s.tracker.snapshot())
                .orElseThrow(() -> new NoSuchElementException("No captured source '" + source + "'"));
    }

    /**
     * Cancels pending retries, stops every engine (each commits the offsets of what the sink accepted) and waits for
     * their threads.
     */
    @Override
    public void close() {
        for (SourceCapture source : sources) {
            source.stop();
        }
        retries.shutdownNow();
        for (SourceCapture source : sources) {
            if (!source.awaitStopped()) {
                return;
            }
        }
    }

    /** 1 s, 2 s, 4 s … up to the maximum, by the number of failed attempts in a row. */
    record Backoff(Duration first, Duration max) {

        Duration delay(int attempt) {
            Duration delay = first;
            for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(max) > 0 ? max : delay;
        }
    }

    /** One source: its current engine, its thread, its pending retry. */
    private static final class SourceCapture {

        private final SourceDefinition source;
        private final Properties properties;
        private final StatusTracker tracker;
        private final BatchDelivery delivery;
        private final ScheduledExecutorService retries;
        private final Backoff backoff;
        private final ExecutorService thread;
        // Guarded by this.
        private boolean closing;
        private int attempts;
        private Engine current;
        private ScheduledFuture<?> pendingRetry;

        SourceCapture(SourceDefinition source, Path stateDir, ChangeMapper mapper, RecordSink sink,
                ScheduledExecutorService retries, Backoff backoff) {
            try {
                Files.createDirectories(stateDir.resolve(source.name()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the capture state directory for source " + source.name(), e);
            }
            this.source = source;
            this.properties = engineProperties(source, stateDir);
            this.tracker = new StatusTracker(source.name());
            this.delivery = new BatchDelivery(mapper, sink, change -> tracker);
            this.retries = retries;
            this.backoff = backoff;
            this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "tessera-capture-" + source.name()));
        }

        String name() {
            return source.name();
        }

        /** Builds a new engine and runs it on the source's thread (after the previous engine's run returned). */
        synchronized void launch() {
            pendingRetry = null;
            if (closing) {
                return;
            }
            tracker.attempting();
            Engine engine = new Engine();
            engine.engine = build(engine);
            current = engine;
            thread.execute(() -> {
                // Skipped when close() came first while the engine waited behind the previous one.
                if (!engine.phase.compareAndSet(Engine.QUEUED, Engine.RUNNING)) {
                    return;
                }
                try {
                    engine.engine.run();
                } catch (RuntimeException e) {
                    ended(engine, false, "the engine failed", e);
                }
                // The engine reports its end through the completion callback; should it ever not, retry all the same.
                ended(engine, false, "the engine ended without saying why", null);
            });
        }

        private DebeziumEngine<ChangeEvent<String, String>> build(Engine engine) {
            return DebeziumEngine.create(Json.class)
                    .using(properties)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            started(engine);
                        }
                    })
                    .using((success, message, error) -> ended(engine, success, message, error))
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
                        if (!engine.healthy) {
                            healthy(engine);
                        }
                    })
                    .build();
        }

        /**
         * The engine connected and started its task: the source is RUNNING. The failed attempts count on until the
         * engine proved healthy ({@link #healthy(Engine)}): some failures come after the task started (a MariaDB
         * user without RELOAD fails its snapshot, a Kafka that refuses the first batch), and resetting the back-off
         * here would retry those at the shortest delay forever.
         */
        private void started(Engine engine) {
            synchronized (this) {
                if (closing || current != engine) {
                    return;
                }
                tracker.started();
                if (attempts > 0) {
                    engine.probation = retries.schedule(() -> healthy(engine), backoff.max().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            }
            LOG.info("Capture of source {} started", source.name());
        }

        /**
         * The engine delivered a batch (snapshot rows, changes or a heartbeat) or ran without failing for the longest
         * back-off: the next failure starts the back-off from the beginning.
         */
        private void healthy(Engine engine) {
            synchronized (this) {
                if (engine.healthy || engine.ended || current != engine) {
                    return;
                }
                engine.healthy = true;
                if (engine.probation != null) {
                    engine.probation.cancel(false);
                }
                if (attempts > 0) {
                    LOG.info("Capture of source {} runs again after {} failed attempt(s)", source.name(), attempts);
                }
                attempts = 0;
                tracker.healthy();
            }
        }

        /** The engine's completion callback, on the engine's thread; only its first call counts. */
        private void ended(Engine engine, boolean success, String message, Throwable error) {
            synchronized (this) {
                if (engine.ended) {
                    return;
                }
                engine.ended = true;
                if (engine.probation != null) {
                    engine.probation.cancel(false);
                }
                if (success || closing) {
                    tracker.stopped();
                    LOG.info("Capture of source {} stopped", source.name());
                    return;
                }
                attempts++;
                Duration delay = backoff.delay(attempts);
                String cause = CaptureFailures.describe(source, error, message);
                tracker.unavailable(cause, attempts, Instant.now().plus(delay));
                // Database messages name users, hosts and tables, never passwords or row values.
                LOG.warn("Capture of source {} is unavailable (attempt {}), next attempt in {} ms: {}",
                        source.name(), attempts, delay.toMillis(), cause);
                LOG.debug("Capture of source {} failed", source.name(), error);
                pendingRetry = retries.schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void retry() {
            try {
                launch();
            } catch (RuntimeException e) {
                // Building an engine from properties that built before hardly fails; count it as a failed attempt.
                ended(new Engine(), false, "cannot start a new engine", e);
            }
        }

        /** Cancels a pending retry and stops the running engine, if any. */
        void stop() {
            Engine engine;
            synchronized (this) {
                closing = true;
                if (pendingRetry != null) {
                    pendingRetry.cancel(false);
                    pendingRetry = null;
                }
                engine = current;
            }
            if (engine == null || engine.ended) {
                return;
            }
            if (engine.phase.compareAndSet(Engine.QUEUED, Engine.CANCELLED)) {
                engine.ended = true;
                return;
            }
            closeEngine(engine);
        }

        private void closeEngine(Engine engine) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_TIMEOUT_SECONDS);
            while (true) {
                try {
                    engine.engine.close();
                    return;
                } catch (IllegalStateException e) {
                    // The engine refuses to stop while its task starts (connecting): wait for it to run or fail.
                    // Otherwise it is stopping or stopped already, on its own.
                    if (engine.ended || !String.valueOf(e.getMessage()).contains("tasks are starting")
                            || System.nanoTime() > deadline) {
                        return;
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    if (!engine.ended) {
                        LOG.error("Stopping the capture of source {} failed", source.name(), e);
                    }
                    return;
                }
            }
        }

        /** Waits for the source's thread to end; {@code false} when interrupted. */
        boolean awaitStopped() {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.error("The capture thread of source {} did not end within {} s", source.name(),
                            STOP_TIMEOUT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.error("Interrupted while waiting for the capture of source {} to stop", source.name(), e);
                return false;
            }
            tracker.stopped();
            return true;
        }
    }

    /** One run of an engine for a source. */
    private static final class Engine {
        static final int QUEUED = 0;
        static final int RUNNING = 1;
        static final int CANCELLED = 2;

        final AtomicInteger phase = new AtomicInteger(QUEUED);
        DebeziumEngine<ChangeEvent<String, String>> engine;
        volatile boolean ended;
        /** Delivered a batch or ran for the longest back-off; guarded by the source. */
        volatile boolean healthy;
        /** Marks the engine healthy after the longest back-off; guarded by the source. */
        ScheduledFuture<?> probation;
    }
}
