package io.tessera.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack: real servers started from Maven artifacts on loopback ports, all data under
 * {@link StackSettings#workDir()}, used when no external servers are configured and by integration tests.
 *
 * <p>{@link #start(StackSettings)} starts the selected servers in parallel and returns when all of them serve
 * clients; if one fails, the others are stopped and a {@link StackStartException} explains which one failed and where
 * to read why. {@link #close()} stops them in reverse order and keeps their data; a JVM shutdown hook calls it too,
 * so no child process outlives a normal JVM exit.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start(StackSettings.ephemeral(dir))) {
 *     String jdbcUrl = stack.endpoints().tesseraPostgres().jdbcUrl();
 * }
 * }</pre>
 *
 * <p>Working directory layout: {@code postgres-tessera/}, {@code postgres-crm/} (PostgreSQL data),
 * {@code mariadb/} (MariaDB binaries, data and socket), {@code kafka/} (config, cluster id and log dir),
 * {@code elasticsearch-9.5.4/} (the unpacked distribution and its config), {@code elasticsearch/} (data),
 * {@code bin/} (PostgreSQL binaries) and {@code logs/} (one log per server).
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    // Fixed credentials: the servers listen on loopback only and exist for development and tests.
    private static final String TESSERA_DATABASE = "tessera";
    private static final String TESSERA_USER = "tessera";
    private static final String TESSERA_PASSWORD = "tessera";
    private static final String CRM_DATABASE = "crm";
    private static final String CRM_USER = "crm";
    private static final String CRM_PASSWORD = "crm";
    private static final String ERP_DATABASE = "erp";
    private static final String ERP_USER = "erp";
    private static final String ERP_PASSWORD = "erp";

    private final StackSettings settings;
    private final StackEndpoints endpoints;
    /** In {@link StackComponent} order; stopped in reverse. */
    private final List<EmbeddedServer> servers;
    private final Map<StackComponent, Duration> startTimes;
    private final Duration startTime;
    private final WorkDirLock lock;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedStack(StackSettings settings, StackEndpoints endpoints, List<EmbeddedServer> servers,
                          Map<StackComponent, Duration> startTimes, Duration startTime, WorkDirLock lock) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.servers = List.copyOf(servers);
        this.startTimes = Collections.unmodifiableMap(new EnumMap<>(startTimes));
        this.startTime = startTime;
        this.lock = lock;
        this.shutdownHook = new Thread(this::close, "tessera-stack-shutdown");
    }

    /**
     * Starts the servers selected by {@code settings} in parallel and waits until each serves clients.
     *
     * @throws StackStartException if a port is busy, the working directory is in use, or a server fails to start;
     *                             the servers already started are stopped first
     */
    public static EmbeddedStack start(StackSettings settings) {
        long begin = System.nanoTime();
        Path workDir = settings.workDir();
        try {
            Files.createDirectories(logsDir(workDir));
        } catch (IOException e) {
            throw new StackStartException(null, "Cannot create the working directory " + workDir + ": " + e
                    + ". Choose a writable directory.", e);
        }
        WorkDirLock lock = WorkDirLock.acquire(workDir);
        try {
            Plan plan = Plan.of(settings);
            LOG.info("Starting the embedded stack in {}: {}", workDir, plan.describe());
            Map<StackComponent, Duration> startTimes = new EnumMap<>(StackComponent.class);
            List<EmbeddedServer> servers = startInParallel(plan, startTimes);
            EmbeddedStack stack = new EmbeddedStack(settings, plan.endpoints(), servers, startTimes,
                    Duration.ofNanos(System.nanoTime() - begin), lock);
            Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
            LOG.info("Embedded stack ready in {} s", seconds(stack.startTime));
            return stack;
        } catch (RuntimeException e) {
            release(lock, e);
            throw e;
        }
    }

    /** Where each started server listens, with credentials. */
    public StackEndpoints endpoints() {
        return endpoints;
    }

    /** The settings this stack was started with (ports as requested; {@link #endpoints()} has the actual ones). */
    public StackSettings settings() {
        return settings;
    }

    /** Time from {@link #start(StackSettings)} until every server was ready. */
    public Duration startTime() {
        return startTime;
    }

    /** Time each server took to become ready (they start in parallel, so these overlap). */
    public Map<StackComponent, Duration> startTimes() {
        return startTimes;
    }

    /**
     * The operating-system processes of the running servers (PostgreSQL postmasters and their children, mariadbd,
     * the Elasticsearch launcher and server), so an operator can measure their memory. Kafka runs inside this JVM
     * and is not listed.
     */
    public List<ServerProcess> processes() {
        return servers.stream().flatMap(server -> server.processes().stream()).toList();
    }

    /**
     * Hands the duty of closing the stack at JVM exit to the caller, who must then close it itself, typically after
     * the application that uses the servers has stopped (JVM shutdown hooks run concurrently, so two hooks cannot
     * order themselves).
     */
    public synchronized void closeOnShutdownByCaller() {
        if (!closed) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                LOG.debug("The JVM is already shutting down; the stack's own hook stays", e);
            }
        }
    }

    /** Stops every server in reverse order and keeps their data. Idempotent; also run by a JVM shutdown hook. */
    @Override
    public synchronized void close() {
        // synchronized: the shutdown hook waits for a close() already under way instead of letting the JVM exit.
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                LOG.debug("The JVM is already shutting down; the hook will find the stack closed", e);
            }
        }
        long begin = System.nanoTime();
        stopAll(servers);
        release(lock, null);
        LOG.info("Embedded stack stopped in {} s", seconds(Duration.ofNanos(System.nanoTime() - begin)));
    }

    private static List<EmbeddedServer> startInParallel(Plan plan, Map<StackComponent, Duration> startTimes) {
        Map<StackComponent, Future<EmbeddedServer>> futures = new EnumMap<>(StackComponent.class);
        List<EmbeddedServer> started = new ArrayList<>();
        List<StackStartException> failures = new ArrayList<>();
        boolean interrupted = false;
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("tessera-stack-start-", 1).daemon(true).factory())) {
            for (StackComponent component : plan.components()) {
                futures.put(component, pool.submit(() -> {
                    long begin = System.nanoTime();
                    EmbeddedServer server = startOne(component, plan);
                    Duration took = Duration.ofNanos(System.nanoTime() - begin);
                    synchronized (startTimes) {
                        startTimes.put(component, took);
                    }
                    LOG.info("{} ready on {}:{} in {} s", component.displayName(), Ports.LOOPBACK,
                            plan.port(component), seconds(took));
                    return server;
                }));
            }
            // Every start has its own deadline, so waiting for all of them ends; a server that comes up after a
            // sibling failed must still be collected, or it would be left running.
            for (Map.Entry<StackComponent, Future<EmbeddedServer>> entry : futures.entrySet()) {
                while (true) {
                    try {
                        started.add(entry.getValue().get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        failures.add(failure(entry.getKey(), plan, e.getCause()));
                        break;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            failures.add(new StackStartException(null, "Interrupted while starting the embedded stack."));
        }
        if (!failures.isEmpty()) {
            stopAll(started);
            StackStartException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
        return started;
    }

    private static EmbeddedServer startOne(StackComponent component, Plan plan) throws Exception {
        Path workDir = plan.workDir();
        Path logs = logsDir(workDir);
        int port = plan.port(component);
        return switch (component) {
            case TESSERA_POSTGRES -> PostgresServer.start(component, workDir.resolve("postgres-tessera"),
                    postgresBinaries(workDir), logs.resolve("postgres-tessera.log"), port,
                    TESSERA_DATABASE, TESSERA_USER, TESSERA_PASSWORD, false);
            case CRM_POSTGRES -> PostgresServer.start(component, workDir.resolve("postgres-crm"),
                    postgresBinaries(workDir), logs.resolve("postgres-crm.log"), port,
                    CRM_DATABASE, CRM_USER, CRM_PASSWORD, true);
            case ERP_MARIADB -> MariaDbServer.start(workDir.resolve("mariadb"), logs.resolve("mariadb.log"), port,
                    ERP_DATABASE, ERP_USER, ERP_PASSWORD);
            case KAFKA -> KafkaBroker.start(workDir.resolve("kafka"), port, plan.kafkaControllerPort(),
                    START_TIMEOUT);
            case ELASTICSEARCH -> ElasticsearchServer.start(workDir, logs.resolve("elasticsearch.log"),
                    logs.resolve("elasticsearch"), port, plan.elasticsearchTransportPort(), START_TIMEOUT);
        };
    }

    private static StackStartException failure(StackComponent component, Plan plan, Throwable cause) {
        if (cause instanceof StackStartException clear) {
            return clear;
        }
        return new StackStartException(component, component.displayName() + " failed to start on port "
                + plan.port(component) + ": " + summary(cause) + ". Read " + logHint(component, plan.workDir())
                + " for details.", cause);
    }

    /** The message of the failure and, when it says more, of its root cause. */
    private static String summary(Throwable failure) {
        String top = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != failure && root.getMessage() != null && !top.contains(root.getMessage())) {
            return top + " (" + root.getMessage() + ")";
        }
        return top;
    }

    private static String logHint(StackComponent component, Path workDir) {
        Path logs = logsDir(workDir);
        return switch (component) {
            case TESSERA_POSTGRES -> logs.resolve("postgres-tessera.log").toString();
            case CRM_POSTGRES -> logs.resolve("postgres-crm.log").toString();
            case ERP_MARIADB -> logs.resolve("mariadb.log").toString();
            case KAFKA -> "the application log (the broker runs in this JVM and logs through it)";
            case ELASTICSEARCH -> logs.resolve("elasticsearch.log") + " and "
                    + logs.resolve("elasticsearch").resolve("tessera.log");
        };
    }

    private static void stopAll(List<EmbeddedServer> servers) {
        List<EmbeddedServer> reversed = new ArrayList<>(servers);
        Collections.reverse(reversed);
        for (EmbeddedServer server : reversed) {
            long begin = System.nanoTime();
            try {
                server.stop();
                LOG.info("{} stopped in {} s", server.component().displayName(),
                        seconds(Duration.ofNanos(System.nanoTime() - begin)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Interrupted while stopping {}", server.component().displayName(), e);
            } catch (Exception e) {
                // Keep going: one server that does not stop cleanly must not leave the others running.
                LOG.warn("{} did not stop cleanly", server.component().displayName(), e);
            }
        }
    }

    private static void release(WorkDirLock lock, Exception failure) {
        try {
            lock.close();
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.warn("Cannot release the working directory lock", e);
            }
        }
    }

    private static Path logsDir(Path workDir) {
        return workDir.resolve("logs");
    }

    private static Path postgresBinaries(Path workDir) {
        return workDir.resolve("bin").resolve("postgres");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    /** The ports of one start, resolved (and checked) before any server starts. */
    private record Plan(Path workDir, Map<StackComponent, Integer> ports, int kafkaControllerPort,
                        int elasticsearchTransportPort) {

        static Plan of(StackSettings settings) {
            Ports ports = new Ports();
            Map<StackComponent, Integer> resolved = new EnumMap<>(StackComponent.class);
            for (StackComponent component : settings.components()) {
                resolved.put(component, ports.resolve(component, settings.port(component)));
            }
            int controller = settings.enabled(StackComponent.KAFKA) ? ports.freePort() : 0;
            int transport = settings.enabled(StackComponent.ELASTICSEARCH) ? ports.freePort() : 0;
            return new Plan(settings.workDir(), resolved, controller, transport);
        }

        List<StackComponent> components() {
            return List.copyOf(ports.keySet());
        }

        int port(StackComponent component) {
            return ports.get(component);
        }

        String describe() {
            return ports.entrySet().stream()
                    .map(entry -> entry.getKey().displayName() + " :" + entry.getValue())
                    .collect(Collectors.joining(", "));
        }

        StackEndpoints endpoints() {
            String host = Ports.LOOPBACK;
            return new StackEndpoints(
                    ports.containsKey(StackComponent.TESSERA_POSTGRES) ? DatabaseEndpoint.postgres(host,
                            port(StackComponent.TESSERA_POSTGRES), TESSERA_DATABASE, TESSERA_USER, TESSERA_PASSWORD)
                            : null,
                    ports.containsKey(StackComponent.CRM_POSTGRES) ? DatabaseEndpoint.postgres(host,
                            port(StackComponent.CRM_POSTGRES), CRM_DATABASE, CRM_USER, CRM_PASSWORD) : null,
                    ports.containsKey(StackComponent.ERP_MARIADB) ? DatabaseEndpoint.mariaDb(host,
                            port(StackComponent.ERP_MARIADB), ERP_DATABASE, ERP_USER, ERP_PASSWORD) : null,
                    ports.containsKey(StackComponent.KAFKA)
                            ? KafkaBroker.bootstrapServers(port(StackComponent.KAFKA)) : null,
                    ports.containsKey(StackComponent.ELASTICSEARCH)
                            ? ElasticsearchServer.url(port(StackComponent.ELASTICSEARCH)) : null);
        }
    }
}
