package io.tessera.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft Kafka inside this JVM on free loopback ports, without the rest of the stack: for
 * benchmarks and tests of one stage that need a real broker but no databases.
 */
public final class StandaloneKafka implements AutoCloseable {

    private final KafkaBroker broker;
    private final String bootstrapServers;

    private StandaloneKafka(KafkaBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker whose data lives under {@code home}.
     *
     * @throws IllegalStateException when it does not come up within a minute, with the cause
     */
    public static StandaloneKafka start(Path home) {
        int port = freePort();
        int controllerPort = freePort();
        try {
            KafkaBroker broker = KafkaBroker.start(home, port, controllerPort, Duration.ofMinutes(1));
            return new StandaloneKafka(broker, KafkaBroker.bootstrapServers(port));
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not start in " + home + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Kafka was starting in " + home, e);
        }
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        broker.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for Kafka", e);
        }
    }
}
