package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectorConfigsTest {

    private static final SourceCatalog DEMO = SourceCatalogLoader.withVariables(Map.of()).loadResource("mappings/demo.yaml");

    @Test
    void thePostgresConnectorCapturesTheMappedTablesThroughPgoutputWithTheSecretFromTheEnvironment() {
        Map<String, String> config = ConnectorConfigs.forSource(DEMO.require("crm"));

        assertThat(ConnectorConfigs.connectorName(DEMO.require("crm"))).isEqualTo("tessera-crm");
        assertThat(config)
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("database.hostname", "127.0.0.1")
                .containsEntry("database.port", "15433")
                .containsEntry("database.dbname", "crm")
                .containsEntry("database.user", "tessera")
                .containsEntry("database.password", "${env:CRM_DB_PASSWORD}")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("slot.name", "tessera_crm")
                .containsEntry("publication.name", "tessera_crm")
                .containsEntry("publication.autocreate.mode", "filtered")
                .containsEntry("snapshot.mode", "initial")
                .containsEntry("topic.prefix", "crm")
                // The demo names its heartbeat table: it joins the publication, and each heartbeat writes a row.
                .containsEntry("table.include.list", "public\\.res_partner,public\\.tessera_heartbeat")
                .containsEntry("heartbeat.action.query", "INSERT INTO public.tessera_heartbeat (id, beat) VALUES "
                        + "(1, now()) ON CONFLICT (id) DO UPDATE SET beat = EXCLUDED.beat")
                .containsEntry("decimal.handling.mode", "string")
                .containsEntry("tombstones.on.delete", "false")
                .containsEntry("heartbeat.interval.ms", "10000")
                .containsEntry("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("key.converter.schemas.enable", "false")
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("value.converter.schemas.enable", "false")
                .doesNotContainKey("offset.storage");
    }

    @Test
    void rawTopicsAreCreatedToForgetRowsAfterAWeekNeverCompacted() {
        assertThat(List.of(ConnectorConfigs.forSource(DEMO.require("crm")), ConnectorConfigs.forSource(DEMO.require("erp"))))
                .allSatisfy(config -> assertThat(config)
                        .containsEntry("topic.creation.default.cleanup.policy", "delete")
                        .containsEntry("topic.creation.default.retention.ms", "604800000")
                        .containsEntry("topic.creation.default.segment.ms", "3600000")
                        .containsEntry("topic.creation.default.partitions", "1")
                        .containsEntry("topic.creation.default.replication.factor", "-1"));
    }

    @Test
    void theMariaDbConnectorKeepsItsSchemaHistoryInKafka() {
        Map<String, String> config = ConnectorConfigs.forSource(DEMO.require("erp"), "kafka:9092");

        assertThat(config)
                .containsEntry("connector.class", "io.debezium.connector.mariadb.MariaDbConnector")
                .containsEntry("database.server.id", "5401")
                .containsEntry("database.include.list", "erp")
                .containsEntry("table.include.list", "erp\\.tabCustomer,erp\\.tabContact,erp\\.tabDynamic Link")
                .containsEntry("provide.transaction.metadata", "true")
                .containsEntry("include.schema.changes", "false")
                .containsEntry("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory")
                .containsEntry("schema.history.internal.kafka.bootstrap.servers", "kafka:9092")
                .containsEntry("schema.history.internal.kafka.topic", "tessera.schema-history.erp");
    }

    @Test
    void theJsonIsTheConfigObjectForAPut() throws Exception {
        String json = ConnectorConfigs.toJson(ConnectorConfigs.forSource(DEMO.require("crm")));

        assertThat(new ObjectMapper().readTree(json).get("slot.name").asText()).isEqualTo("tessera_crm");
    }

    @Test
    void theEmbeddedEngineKeepsOffsetsAndSchemaHistoryInTheStateDirectoryOfEachSource() {
        Path state = Path.of("/var/lib/tessera/capture");

        Properties crm = EmbeddedCapture.engineProperties(DEMO.require("crm"), state);
        Properties erp = EmbeddedCapture.engineProperties(DEMO.require("erp"), state);

        assertThat(crm.getProperty("offset.storage")).isEqualTo("io.tessera.ingestion.capture.AtomicFileOffsetBackingStore");
        assertThat(crm.getProperty("offset.storage.file.filename")).isEqualTo("/var/lib/tessera/capture/crm/offsets.dat");
        assertThat(crm.getProperty("database.password")).isEqualTo("tessera");
        assertThat(crm.getProperty("converter.schemas.enable")).isEqualTo("false");
        assertThat(erp.getProperty("schema.history.internal")).isEqualTo("io.debezium.storage.file.history.FileSchemaHistory");
        assertThat(erp.getProperty("schema.history.internal.file.filename"))
                .isEqualTo("/var/lib/tessera/capture/erp/schema-history.dat");
    }

    @Test
    void debeziumOverridesFromTheMappingFileComeLast() {
        SourceCatalog catalog = DEMO.withSource("crm", s -> new io.tessera.ingestion.source.SourceDefinition(s.name(), s.kind(),
                s.connection(), s.capture(), s.tables(), Map.of("snapshot.mode", "no_data")));

        assertThat(ConnectorConfigs.forSource(catalog.require("crm"))).containsEntry("snapshot.mode", "no_data");
        assertThat(EmbeddedCapture.engineProperties(catalog.require("crm"), Path.of("s")).getProperty("snapshot.mode"))
                .isEqualTo("no_data");
    }
}
