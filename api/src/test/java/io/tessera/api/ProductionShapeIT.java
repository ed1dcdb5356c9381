package io.tessera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.launch.ConfigFile;
import io.tessera.api.launch.LaunchPlan;
import io.tessera.api.launch.Launcher;
import io.tessera.contracts.Json;
import io.tessera.infra.demo.DemoSchemas;
import io.tessera.infra.embedded.StackSettings;
import io.tessera.ingestion.capture.ConnectorConfigs;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.tessera.ingestion.source.SourceDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The production shape: external Kafka, Kafka Connect with Debezium, PostgreSQL and Elasticsearch in containers, the
 * same jar configured to use them ({@code tessera.ingestion.mode: connect}). Skipped where no Docker engine runs; the
 * default test run covers the same pipeline on the embedded servers ({@link EndToEndTest}).
 */
@Testcontainers(disabledWithoutDocker = true)
class ProductionShapeIT {

    private static final Network NETWORK = Network.newNetwork();
    private static final String PASSWORD = "it-secret";

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1")
            .withNetwork(NETWORK).withNetworkAliases("kafka").withListener("kafka:19092");

    @Container
    static final PostgreSQLContainer TESSERA_DB = new PostgreSQLContainer("postgres:18").withNetwork(NETWORK);

    @Container
    static final PostgreSQLContainer CRM_DB = new PostgreSQLContainer("postgres:18")
            .withNetwork(NETWORK).withNetworkAliases("crm-db").withDatabaseName("crm")
            .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=10");

    @Container
    static final GenericContainer<?> ERP_DB = new GenericContainer<>("mariadb:11.4")
            .withNetwork(NETWORK).withNetworkAliases("erp-db")
            .withEnv("MARIADB_ROOT_PASSWORD", "root").withEnv("MARIADB_DATABASE", "erp")
            .withCommand("--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL", "--server-id=1")
            .withExposedPorts(3306)
            .waitingFor(Wait.forLogMessage(".*ready for connections.*", 2));

    @Container
    static final ElasticsearchContainer ELASTICSEARCH = new ElasticsearchContainer(
            "docker.elastic.co/elasticsearch/elasticsearch:9.5.4")
            .withEnv("xpack.security.enabled", "false").withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");

    @Container
    static final GenericContainer<?> CONNECT = new GenericContainer<>("quay.io/debezium/connect:3.5.0.Final")
            .withNetwork(NETWORK).dependsOn(KAFKA)
            .withEnv("BOOTSTRAP_SERVERS", "kafka:19092").withEnv("GROUP_ID", "tessera-connect")
            .withEnv("CONFIG_STORAGE_TOPIC", "connect.configs").withEnv("OFFSET_STORAGE_TOPIC", "connect.offsets")
            .withEnv("STATUS_STORAGE_TOPIC", "connect.status")
            .withEnv("CONNECT_CONFIG_PROVIDERS", "env")
            .withEnv("CONNECT_CONFIG_PROVIDERS_ENV_CLASS",
                    "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
            .withEnv("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
            .withExposedPorts(8083)
            .waitingFor(Wait.forHttp("/connectors").forPort(8083));

    private static Launcher.Running tessera;

    @BeforeAll
    static void startTessera() throws Exception {
        try (Connection crm = crm()) {
            DemoSchemas.applyCrm(crm);
            crm.createStatement().execute("CREATE ROLE tessera WITH LOGIN REPLICATION PASSWORD 'tessera'");
            crm.createStatement().execute("ALTER TABLE res_partner OWNER TO tessera");
        }
        try (Connection erp = erp("root", "root")) {
            DemoSchemas.applyErp(erp);
            erp.createStatement().execute("CREATE USER 'tessera'@'%' IDENTIFIED BY 'tessera'");
            erp.createStatement().execute("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT "
                    + "ON *.* TO 'tessera'@'%'");
        }
        SourceCatalog catalog = SourceCatalogLoader.withVariables(Map.of(
                "CRM_DB_HOST", "crm-db", "CRM_DB_PORT", "5432", "ERP_DB_HOST", "erp-db", "ERP_DB_PORT", "3306"))
                .loadResource("mappings/demo.yaml");
        HttpClient http = HttpClient.newHttpClient();
        for (SourceDefinition source : catalog.sources()) {
            String url = "http://" + CONNECT.getHost() + ":" + CONNECT.getMappedPort(8083) + "/connectors/"
                    + ConnectorConfigs.connectorName(source) + "/config";
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            ConnectorConfigs.toJson(ConnectorConfigs.forSource(source, "kafka:19092"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isBetween(200, 201);
        }
        Path workDir = Files.createTempDirectory("tessera-production-shape");
        Path config = workDir.resolve("tessera.yaml");
        Files.writeString(config, """
                spring:
                  datasource: {url: "%s", username: "%s", password: "%s"}
                tessera:
                  kafka: {bootstrap-servers: "%s"}
                  elasticsearch: {url: "http://%s"}
                  ingestion: {mode: connect, sources: "classpath:mappings/demo.yaml"}
                """.formatted(TESSERA_DB.getJdbcUrl(), TESSERA_DB.getUsername(), TESSERA_DB.getPassword(),
                KAFKA.getBootstrapServers(), ELASTICSEARCH.getHttpHostAddress()));
        tessera = Launcher.launch(new LaunchPlan(workDir, StackSettings.ephemeral(workDir), 0,
                ConfigFile.read(config), Map.of("server.port", "0", "tessera.security.admin-password", PASSWORD)));
        assertThat(tessera.stack()).as("every server is external: nothing embedded starts").isNull();
    }

    @AfterAll
    static void stopTessera() {
        if (tessera != null) {
            tessera.close();
        }
    }

    @Test
    void crmAndErpRowsWithTheSameEmailBecomeOneProfileThroughKafkaConnect() throws Exception {
        long crmId;
        try (Connection crm = crm()) {
            ResultSet rs = crm.createStatement().executeQuery("INSERT INTO res_partner (name, email, country_id) "
                    + "VALUES ('Inês Carvalho', 'ines.carvalho@exemplo-it.pt', 2) RETURNING id");
            rs.next();
            crmId = rs.getLong(1);
        }
        try (Connection erp = erp("root", "root")) {
            erp.createStatement().executeUpdate("INSERT INTO `tabCustomer` (name, creation, modified, customer_name, "
                    + "customer_type, email_id, territory) VALUES ('CUST-IT-1', NOW(6), NOW(6), 'INES CARVALHO', "
                    + "'Individual', 'Ines.Carvalho@exemplo-it.pt', 'Portugal')");
        }
        String url = "http://127.0.0.1:" + tessera.context().getEnvironment().getProperty("local.server.port")
                + "/api/v1/records/crm/res_partner/" + crmId + "/profile";
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode profile = Json.mapper().readTree(response.body());
            return profile.get("records").size() == 2;
        });
    }

    private static Connection crm() throws Exception {
        return DriverManager.getConnection(CRM_DB.getJdbcUrl(), CRM_DB.getUsername(), CRM_DB.getPassword());
    }

    private static Connection erp(String user, String password) throws Exception {
        return DriverManager.getConnection("jdbc:mariadb://" + ERP_DB.getHost() + ":" + ERP_DB.getMappedPort(3306)
                + "/erp", user, password);
    }
}
