package io.tessera.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole embedded stack once, on free ports in a fresh directory under {@code target/}, and talks to each
 * real server the way the product will.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStackTest.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Fresh for each run, so a cold start; kept when a test fails, for its logs. */
    @TempDir(factory = UnderTarget.class, cleanup = CleanupMode.ON_SUCCESS)
    static Path workDir;

    /** Replaced by the restart test, which runs last. */
    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start(StackSettings.ephemeral(workDir));
        LOG.info("Cold start: {} s in total, per server {}", stack.startTime().toMillis() / 1000.0,
                stack.startTimes());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void tesseraPostgresAcceptsItsUserAndDecodesLogically() throws SQLException {
        DatabaseEndpoint tessera = stack.endpoints().tesseraPostgres();

        try (Connection connection = connect(tessera)) {
            assertThat(queryString(connection, "SELECT current_database()")).isEqualTo("tessera");
            assertThat(queryString(connection, "SHOW wal_level")).isEqualTo("logical");
            assertThat(Integer.parseInt(queryString(connection, "SHOW max_replication_slots"))).isGreaterThanOrEqualTo(10);
            // A crash of the machine may lose the last second of commits, but must not leave the database corrupt.
            assertThat(queryString(connection, "SHOW fsync")).isEqualTo("on");
        }
        assertThat(tessera.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + tessera.port() + "/tessera");
    }

    @Test
    void crmPostgresIsASeparateServerWhoseUserMayReplicate() throws SQLException {
        DatabaseEndpoint crm = stack.endpoints().crmPostgres();

        assertThat(crm.port()).isNotEqualTo(stack.endpoints().tesseraPostgres().port());
        try (Connection connection = connect(crm)) {
            assertThat(queryString(connection, "SELECT current_database()")).isEqualTo("crm");
            assertThat(queryString(connection, "SHOW wal_level")).isEqualTo("logical");
            assertThat(queryString(connection, "SELECT rolreplication FROM pg_roles WHERE rolname = current_user"))
                    .isEqualTo("t");
            assertThat(queryString(connection, "SELECT count(*) FROM pg_database WHERE datname = 'tessera'"))
                    .as("the CRM server must not be Tessera's server")
                    .isEqualTo("0");
        }
    }

    @Test
    void erpMariaDbWritesARowBinlogAndItsUserHasTheGrantsDebeziumNeeds() throws SQLException {
        DatabaseEndpoint erp = stack.endpoints().erpMariaDb();

        try (Connection connection = connect(erp); Statement statement = connection.createStatement()) {
            assertThat(variable(connection, "binlog_format")).isEqualTo("ROW");
            assertThat(variable(connection, "binlog_row_image")).isEqualTo("FULL");
            assertThat(variable(connection, "log_bin")).isEqualTo("ON");
            List<String> grants = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
                while (rows.next()) {
                    grants.add(rows.getString(1));
                }
            }
            assertThat(String.join("\n", grants))
                    .contains("REPLICATION SLAVE")
                    .containsAnyOf("REPLICATION CLIENT", "BINLOG MONITOR")
                    .contains("RELOAD", "SHOW DATABASES")
                    .contains("ALL PRIVILEGES ON `erp`.*");
            // What the connector runs at its start: needs the binlog monitor privilege.
            try (ResultSet status = statement.executeQuery("SHOW MASTER STATUS")) {
                assertThat(status.next()).isTrue();
                assertThat(status.getString("File")).startsWith("mariadb-bin.");
            }
            statement.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(100))");
            statement.execute("INSERT INTO customer VALUES (1, 'Ada Lovelace')");
            assertThat(queryString(connection, "SELECT name FROM customer WHERE id = 1")).isEqualTo("Ada Lovelace");
        }
    }

    @Test
    void kafkaCreatesATopicAndRoundTripsARecordThroughAConsumerGroup() throws Exception {
        String bootstrap = stack.endpoints().kafkaBootstrapServers();
        String topic = "stack-test-" + UUID.randomUUID();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "customer-1", "Ada Lovelace")).get();
        }

        assertThat(consumeOne(bootstrap, topic).value()).isEqualTo("Ada Lovelace");
    }

    @Test
    void kafkaIsConfiguredForOneNodeAndDoesNotCreateTopicsOnFirstUse() throws Exception {
        String bootstrap = stack.endpoints().kafkaBootstrapServers();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);

            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("1");
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        }
    }

    @Test
    void elasticsearchIndexesAndFindsADocument() throws Exception {
        URI es = stack.endpoints().elasticsearchUrl();

        assertThat(send(HttpRequest.newBuilder(es.resolve("/profiles")).PUT(HttpRequest.BodyPublishers.noBody())))
                .contains("\"acknowledged\":true");
        send(HttpRequest.newBuilder(es.resolve("/profiles/_doc/p-1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada Lovelace\",\"city\":\"London\"}")));
        String hits = send(HttpRequest.newBuilder(es.resolve("/profiles/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match\":{\"name\":\"lovelace\"}}}")));

        assertThat(hits).contains("\"total\":{\"value\":1").contains("\"_id\":\"p-1\"");
    }

    @Test
    void reportsTheChildProcessesOfEveryServerThatHasOne() {
        List<ServerProcess> processes = stack.processes();

        assertThat(processes).allMatch(process -> process.process().isAlive());
        assertThat(processes).extracting(ServerProcess::component).contains(
                StackComponent.TESSERA_POSTGRES, StackComponent.CRM_POSTGRES, StackComponent.ERP_MARIADB,
                StackComponent.ELASTICSEARCH).doesNotContain(StackComponent.KAFKA);
        assertThat(processes).extracting(ServerProcess::role).contains("postmaster", "mariadbd", "server");
        assertThat(processes).allMatch(process -> process.residentSetBytes().orElse(0) > 0);
        processes.forEach(process -> LOG.info("{} {} pid {}: {} MB", process.component(), process.role(),
                process.pid(), process.residentSetBytes().orElse(0) / (1024 * 1024)));
    }

    @Test
    void aBusyPortFailsFastWithAMessageNamingTheServerThePortAndTheSetting(@TempDir Path dir)
            throws IOException {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> EmbeddedStack.start(StackSettings.ephemeral(dir)
                    .withPort(StackComponent.TESSERA_POSTGRES, port)))
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("Tessera PostgreSQL")
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("TESSERA_PG_PORT");
        }
        assertThat(dir.resolve("postgres-tessera")).as("nothing was started").doesNotExist();
    }

    @Test
    void aServerThatFailsToStartIsNamedWithItsLogAndTheServersAlreadyStartedAreStopped(@TempDir Path dir)
            throws IOException {
        // A file where the CRM's data directory should be: that server cannot start, Tessera's can.
        Files.writeString(dir.resolve("postgres-crm"), "not a directory");
        StackSettings settings = StackSettings.ephemeral(dir)
                .only(StackComponent.TESSERA_POSTGRES, StackComponent.CRM_POSTGRES);

        assertThatThrownBy(() -> EmbeddedStack.start(settings))
                .isInstanceOf(StackStartException.class)
                .hasMessageStartingWith("CRM PostgreSQL (demo source) failed to start on port")
                .hasMessageContaining(dir.resolve("logs").resolve("postgres-crm.log").toString());

        assertThat(dir.resolve("postgres-tessera").resolve("PG_VERSION")).as("Tessera's server was started").exists();
        assertThat(dir.resolve("postgres-tessera").resolve("postmaster.pid")).as("and stopped again").doesNotExist();
    }

    @Test
    void aSecondStackOnTheSameWorkingDirectoryIsRefused() {
        assertThatThrownBy(() -> EmbeddedStack.start(StackSettings.ephemeral(workDir)))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("in use by another embedded Tessera stack");
    }

    @Test
    void aMissingElasticsearchZipSaysHowToGetIt(@TempDir Path home) {
        assertThatThrownBy(() -> ElasticsearchDistribution.locateZip(name -> null, Map.of(), home))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("Elasticsearch")
                .hasMessageContaining("dependency:get")
                .hasMessageContaining("tessera.elasticsearch.zip");
        assertThatThrownBy(() -> ElasticsearchDistribution.locateZip(name -> null,
                Map.of(ElasticsearchDistribution.ZIP_ENV, home.resolve("nope.zip").toString()), home))
                .hasMessageContaining("TESSERA_ELASTICSEARCH_ZIP")
                .hasMessageContaining("nope.zip");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aRestartOnTheSameWorkingDirectoryKeepsEveryServersData() throws Exception {
        StackEndpoints before = stack.endpoints();
        for (DatabaseEndpoint database : List.of(before.tesseraPostgres(), before.crmPostgres(), before.erpMariaDb())) {
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE restart_marker (note VARCHAR(20))");
                statement.execute("INSERT INTO restart_marker VALUES ('kept')");
            }
        }
        String topic = "restart-marker";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                before.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, before.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "kept")).get();
        }
        send(HttpRequest.newBuilder(before.elasticsearchUrl().resolve("/restart-marker/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"note\":\"kept\"}")));

        stack.close();
        stack = EmbeddedStack.start(StackSettings.ephemeral(workDir));
        LOG.info("Warm restart: {} s in total, per server {}", stack.startTime().toMillis() / 1000.0,
                stack.startTimes());

        StackEndpoints after = stack.endpoints();
        for (DatabaseEndpoint database : List.of(after.tesseraPostgres(), after.crmPostgres(), after.erpMariaDb())) {
            try (Connection connection = connect(database)) {
                assertThat(queryString(connection, "SELECT note FROM restart_marker")).as(database.jdbcUrl())
                        .isEqualTo("kept");
            }
        }
        assertThat(consumeOne(after.kafkaBootstrapServers(), topic).value()).isEqualTo("kept");
        assertThat(send(HttpRequest.newBuilder(after.elasticsearchUrl().resolve("/restart-marker/_doc/1")).GET()))
                .contains("\"note\":\"kept\"");
    }

    /** Temporary directories under {@code target/}, where {@code mvn clean} finds what a failed run leaves. */
    static final class UnderTarget implements TempDirFactory {

        @Override
        public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
                throws IOException {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            return Files.createTempDirectory(target, "embedded-stack-test-");
        }
    }

    private static ConsumerRecord<String, String> consumeOne(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "stack-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            return received.get(0);
        }
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body();
    }

    private static Connection connect(DatabaseEndpoint endpoint) throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    private static String variable(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW VARIABLES LIKE '" + name + "'")) {
            assertThat(rows.next()).as(name).isTrue();
            return rows.getString(2);
        }
    }
}
