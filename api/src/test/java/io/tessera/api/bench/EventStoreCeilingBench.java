package io.tessera.api.bench;

import io.tessera.api.RunningTessera;
import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.infra.bench.LoadAverage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The event store's ceiling, without resolution in front of it: {@code bench.decisions} identity decisions (each a
 * new profile of one record, sealed as resolution writes them) are put on {@code tessera.identity} at once, and the
 * store's append rate and the profile projection's lag are watched ({@link EventStoreWatch}). The end-to-end bench
 * ({@link CommitToApiLatencyBench}) measures the store at the pace resolution feeds it; this one measures how fast it
 * can go.
 *
 * <p>Run with {@code ./mvnw -pl api -Pbench verify -Dtest=EventStoreCeilingBench -Dbench.decisions=20000}; appends its
 * figures to docs/benchmarks.md. Not a test: it asserts nothing about speed.
 */
class EventStoreCeilingBench {

    private static final int DECISIONS = Integer.getInteger("bench.decisions", 20_000);
    /** The design's end-to-end target: source changes per second from CDC to updated profile. */
    private static final int TARGET_CHANGES_PER_SECOND = 5_000;

    @Test
    void eventStoreCeiling() throws Exception {
        String loadAtStart = LoadAverage.now();
        RunningTessera.get();
        CommitToApiLatencyBench.awaitDemoLoaded();
        RecordKeys keys = RunningTessera.get().context().getBean(RecordKeys.class);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<IdentityDecision> decisions = new ArrayList<>(DECISIONS);
        for (int i = 0; i < DECISIONS; i++) {
            RecordKey key = new RecordKey("benchfeed", "customer", run + "-" + i);
            SourceRecord record = new SourceRecord(key, EntityKind.PERSON, new Attributes("Bench Person " + i, null,
                    null, null, List.of("p" + i + "." + run + "@store-bench.es"), List.of("+3461" + (1_000_000 + i)),
                    new Address("Calle Banco " + i, "28001", "Madrid", null, "ES"), null), Instant.now(),
                    "lsn:" + String.format("%020d", i));
            decisions.add(new IdentityDecision("decision-" + run + "-" + i, "profile-" + run + "-" + i,
                    List.of(new ProfileMember(record, List.of())), key, Instant.now()));
        }
        // Capture creates the keys of a batch before resolution sees the records; so here, before the clock starts.
        keys.prepare(decisions.stream().map(IdentityDecision::cause).toList());
        var serializer = SealedRecords.serde(IdentityDecision.class, keys).serializer();
        List<byte[]> values = decisions.stream().map(d -> serializer.serialize(Topics.IDENTITY.name(), d)).toList();

        EventStoreWatch store = new EventStoreWatch();
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        store.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningTessera.get().stack().endpoints().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < DECISIONS; i++) {
                producer.send(new ProducerRecord<>(Topics.IDENTITY.name(), decisions.get(i).profileId(), values.get(i)));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - startNanos) / 1e9;
        EventStoreWatch.Figures figures = store.finish(Duration.ofMinutes(10));
        String loadAtEnd = LoadAverage.now();

        List<Long> lag = new ArrayList<>(figures.lag());
        Collections.sort(lag);
        double perDecision = (double) figures.appended() / DECISIONS;
        // Two events per new record (profile created, record linked), as in the end-to-end bench's bulk.
        double needed = 2.0 * TARGET_CHANGES_PER_SECOND;
        String caughtUp = figures.caughtUp() == null ? "not within 10 min"
                : String.format(Locale.ROOT, "%.1f s", figures.catchUpSeconds());
        String report = String.format(Locale.ROOT, """

                ## Event store ceiling: decisions straight onto `tessera.identity` (%s)
                Command: `./mvnw -pl api -Pbench verify -Dtest=EventStoreCeilingBench -Dbench.decisions=%d` (embedded
                stack, %d demo people loaded first). Machine: %d cores, %s, JDK %s.

                %,d decisions, each a new profile of one record (sealed with its record's key, as resolution writes
                them), produced in %.1f s, so that the decision consumer always has work; no resolution runs.

                | events appended | per decision | applying phase | events/s | projection lag p50 | p99 | max | token at the last event after |
                |---:|---:|---|---:|---:|---:|---:|---:|
                | %,d | %.2f | %.1f → %.1f s | **%,.0f** | %,d events | %,d events | %,d events | %s |

                Measured as in the end-to-end bench (`EventStoreWatch`): events/s = events between the first and last
                event's own timestamp ÷ that time; lag = store head minus the projection token's index, every 100 ms.
                The end-to-end target (%,d changes/s, about 2 events each for new people) needs about %,.0f events/s
                appended and projected: this run appended %,.0f events/s (%.0f%% of that). Load average (1, 5, 15 min) at
                the start %s, at the end %s.
                """, LocalDateTime.now().withNano(0), DECISIONS, RunningTessera.DEMO_PEOPLE,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getName(),
                Runtime.version(), DECISIONS, produceSeconds, figures.appended(), perDecision,
                Duration.between(start, figures.firstEvent()).toMillis() / 1e3,
                Duration.between(start, figures.lastEvent()).toMillis() / 1e3, figures.eventsPerSecond(),
                at(lag, 0.50), at(lag, 0.99), lag.isEmpty() ? 0 : lag.getLast(), caughtUp, TARGET_CHANGES_PER_SECOND,
                needed, figures.eventsPerSecond(), 100 * figures.eventsPerSecond() / needed, loadAtStart, loadAtEnd);
        System.out.println(report);
        Path file = Path.of("..", "docs", "benchmarks.md");
        Files.writeString(file, report, StandardOpenOption.APPEND);
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
