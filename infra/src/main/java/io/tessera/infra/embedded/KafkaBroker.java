package io.tessera.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one node) running inside this JVM.
 *
 * <p>The storage is formatted once with a cluster id kept in {@code kafka/cluster.id}; later starts reuse the log
 * directory. The quorum is static ({@code controller.quorum.voters}), so the controller port may change between runs.
 */
final class KafkaBroker implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;

    private KafkaBroker(KafkaRaftServer server) {
        this.server = server;
    }

    /** Starts the broker with its client listener on {@code port} and its controller on {@code controllerPort}. */
    static KafkaBroker start(Path home, int port, int controllerPort, Duration timeout)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Path logDir = home.resolve("data");
        Files.createDirectories(logDir);
        Properties config = config(logDir, port, controllerPort);
        Path configFile = home.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "Written by the embedded Tessera stack at each start; edits are overwritten.");
        }
        format(configFile, clusterId(home));

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        KafkaBroker broker = new KafkaBroker(server);
        try {
            server.startup();
            awaitBroker(bootstrapServers(port), timeout);
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            broker.stop();
            throw e;
        } catch (InterruptedException e) {
            broker.stop();
            Thread.currentThread().interrupt();
            throw e;
        }
        return broker;
    }

    static String bootstrapServers(int port) {
        return Ports.LOOPBACK + ":" + port;
    }

    private static Properties config(Path logDir, int port, int controllerPort) {
        Properties config = new Properties();
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", Integer.toString(NODE_ID));
        config.setProperty("controller.quorum.voters", NODE_ID + "@" + Ports.LOOPBACK + ":" + controllerPort);
        config.setProperty("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port
                + ",CONTROLLER://" + Ports.LOOPBACK + ":" + controllerPort);
        config.setProperty("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
        config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("inter.broker.listener.name", "PLAINTEXT");
        config.setProperty("log.dirs", logDir.toString());
        config.setProperty("metadata.log.dir", logDir.toString());
        // One node: every internal topic with one replica.
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        config.setProperty("default.replication.factor", "1");
        config.setProperty("min.insync.replicas", "1");
        // Fewer internal partitions than the defaults (50): faster first consumer group on a small machine.
        config.setProperty("offsets.topic.num.partitions", "10");
        config.setProperty("transaction.state.log.num.partitions", "10");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are declared by the application (each once, with its settings), never created by a typo.
        config.setProperty("auto.create.topics.enable", "false");
        // The log cleaner's default 128 MB dedupe buffer would live in the application's heap.
        config.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return config;
    }

    /** The cluster id of this working directory: created once, then reused so the formatted log dir stays valid. */
    private static String clusterId(Path home) throws IOException {
        Path file = home.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }

    private static void format(Path configFile, String clusterId) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // --ignore-formatted: a log dir formatted by an earlier run is kept as it is.
            status = StorageTool.execute(new String[] {"format", "--config", configFile.toString(),
                "--cluster-id", clusterId, "--ignore-formatted"}, out);
        } catch (RuntimeException e) {
            throw new IOException("Formatting the Kafka log dir failed: " + e.getMessage() + " "
                    + output.toString(StandardCharsets.UTF_8), e);
        }
        String text = output.toString(StandardCharsets.UTF_8).trim();
        if (status != 0) {
            throw new IOException("Formatting the Kafka log dir failed (exit status " + status + "): " + text);
        }
        LOG.debug("kafka-storage format: {}", text);
    }

    /** {@code startup()} returns before the broker serves clients; wait until a client sees it. */
    private static void awaitBroker(String bootstrapServers, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "tessera-stack-readiness");
        try (Admin admin = Admin.create(config)) {
            int nodes = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes == 0) {
                throw new ExecutionException(new IllegalStateException("the broker reports no live node"));
            }
        }
    }

    @Override
    public StackComponent component() {
        return StackComponent.KAFKA;
    }

    @Override
    public List<ServerProcess> processes() {
        return List.of();
    }

    @Override
    public void stop() {
        server.shutdown();
        server.awaitShutdown();
    }
}
