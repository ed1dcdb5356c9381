package io.tessera.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.api.RunningTessera;
import io.tessera.contracts.Json;
import io.tessera.contracts.Topics;
import io.tessera.projections.profile.query.ProfileProjection;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches Tessera's event store during the bulk load, every 100 ms: its head (the highest {@code globalindex} in
 * {@code domainevententry}), the profile projection's position (the {@code index} of its GapAwareTrackingToken in
 * {@code tokenentry}, or of the {@code currentToken} inside a ReplayToken), and the decisions waiting in
 * {@code tessera.identity} for the decision consumer. Head and position are read in one statement, so the lag of a
 * sample is never negative.
 */
final class EventStoreWatch {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String DECISION_GROUP = "tessera-projections";
    private static final long SAMPLE_MS = 100;

    /** One look at the store; {@code position} is -1 when the token holds none (a replay that has not started). */
    private record Sample(Instant at, long head, long position, long decisionsWaiting) {
    }

    /**
     * What the watch measured. {@code lastEvent} is the timestamp of the bulk's last event; {@code caughtUp} the
     * first sample whose token had reached it, or null when it did not within the wait.
     */
    record Figures(long appended, long rows, Instant firstEvent, Instant lastEvent, List<Long> lag,
                   Instant caughtUp, long decisionsWaitingMax, int unknownPositions) {

        double applySeconds() {
            return Duration.between(firstEvent, lastEvent).toNanos() / 1e9;
        }

        double eventsPerSecond() {
            return rows / applySeconds();
        }

        double catchUpSeconds() {
            return Duration.between(lastEvent, caughtUp).toNanos() / 1e9;
        }
    }

    private final Connection tessera;
    private final Admin admin;
    private final PreparedStatement headAndToken;
    private final TopicPartition identity = new TopicPartition(Topics.IDENTITY.name(), 0);
    private final long base;
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private Thread thread;

    EventStoreWatch() throws Exception {
        this.tessera = RunningTessera.tessera();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RunningTessera.get().stack().endpoints().kafkaBootstrapServers()));
        this.headAndToken = tessera.prepareStatement("""
                SELECT (SELECT coalesce(max(globalindex), 0) FROM domainevententry),
                       (SELECT token FROM tokenentry WHERE processorname = ? AND segment = 0)""");
        headAndToken.setString(1, ProfileProjection.PROCESSING_GROUP);
        this.base = sample().head();
    }

    void start() {
        thread = Thread.ofPlatform().name("bench-event-store").start(() -> {
            while (running) {
                try {
                    samples.add(sample());
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("Event store sample failed: " + e);
                }
            }
        });
    }

    /**
     * Waits until the projection's token has reached the head and the head has not moved for three seconds (no
     * decision of the bulk left to apply), at most {@code timeout}; then stops sampling and works out the figures.
     */
    Figures finish(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !settled()) {
            Thread.sleep(SAMPLE_MS);
        }
        running = false;
        thread.join(Duration.ofSeconds(5));
        admin.close();
        try (tessera) {
            return figures();
        }
    }

    private boolean settled() {
        List<Sample> copy = snapshot();
        int quiet = (int) (3_000 / SAMPLE_MS);
        if (copy.size() < quiet) {
            return false;
        }
        Sample last = copy.getLast();
        return last.head() > base && last.position() >= last.head()
                && copy.get(copy.size() - quiet).head() == last.head();
    }

    private Figures figures() throws SQLException, IOException {
        List<Sample> all = snapshot();
        long head = all.getLast().head();
        List<Instant> stamps = new ArrayList<>();
        try (PreparedStatement events = tessera.prepareStatement(
                "SELECT timestamp FROM domainevententry WHERE globalindex > ? AND globalindex <= ?")) {
            events.setLong(1, base);
            events.setLong(2, head);
            try (ResultSet rs = events.executeQuery()) {
                while (rs.next()) {
                    stamps.add(Instant.parse(rs.getString(1)));
                }
            }
        }
        if (stamps.isEmpty()) {
            throw new IOException("No event was appended to the event store during the bulk load");
        }
        Collections.sort(stamps);
        // The applying phase: from the first sample that saw an event of the bulk until the token reached the head.
        List<Long> lag = new ArrayList<>();
        Instant caughtUp = null;
        long waitingMax = 0;
        int unknown = 0;
        boolean applying = false;
        for (Sample sample : all) {
            applying |= sample.head() > base;
            if (!applying) {
                continue;
            }
            waitingMax = Math.max(waitingMax, sample.decisionsWaiting());
            if (sample.position() < 0) {
                unknown++;
                continue;
            }
            lag.add(sample.head() - sample.position());
            if (sample.position() >= head) {
                caughtUp = sample.at();
                break;
            }
        }
        return new Figures(head - base, stamps.size(), stamps.getFirst(), stamps.getLast(), lag, caughtUp,
                waitingMax, unknown);
    }

    private List<Sample> snapshot() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    private Sample sample() throws Exception {
        long head;
        long position;
        try (ResultSet rs = headAndToken.executeQuery()) {
            rs.next();
            head = rs.getLong(1);
            byte[] token = rs.getBytes(2);
            position = token == null ? -1 : position(JSON.readTree(token)).orElse(-1);
        }
        // Taken after the query: a sample's time is an upper bound for what it saw.
        Instant at = Instant.now();
        return new Sample(at, head, position, decisionsWaiting());
    }

    /** The global index a token has handled up to: a GapAwareTrackingToken's, or that of the one a replay wraps. */
    static OptionalLong position(JsonNode token) {
        if (token == null || token.isNull()) {
            return OptionalLong.empty();
        }
        if (token.hasNonNull("index")) {
            return OptionalLong.of(token.get("index").asLong());
        }
        return position(token.get("currentToken"));
    }

    /** Offsets in {@code tessera.identity} the decision consumer has not committed (transaction markers included). */
    private long decisionsWaiting() throws Exception {
        long end = admin.listOffsets(Map.of(identity, OffsetSpec.latest())).partitionResult(identity).get().offset();
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(DECISION_GROUP).partitionsToOffsetAndMetadata()
                .get().get(identity);
        return committed == null ? end : Math.max(0, end - committed.offset());
    }
}
