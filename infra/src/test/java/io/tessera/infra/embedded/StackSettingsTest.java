package io.tessera.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static final Path DIR = Path.of("/var/lib/tessera");

    @Test
    void defaultsUseTheProductsFixedPortsAndStartEverything() {
        StackSettings settings = StackSettings.defaults(DIR, Map.of());

        assertThat(settings.tesseraPostgresPort()).isEqualTo(15432);
        assertThat(settings.crmPostgresPort()).isEqualTo(15433);
        assertThat(settings.erpMariaDbPort()).isEqualTo(13306);
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.elasticsearchPort()).isEqualTo(19200);
        assertThat(settings.components()).containsExactly(StackComponent.values());
    }

    @Test
    void environmentVariablesMoveThePorts() {
        StackSettings settings = StackSettings.defaults(DIR, Map.of("TESSERA_PG_PORT", "25432",
                "TESSERA_ES_PORT", " 29200 "));

        assertThat(settings.tesseraPostgresPort()).isEqualTo(25432);
        assertThat(settings.elasticsearchPort()).isEqualTo(29200);
        assertThat(settings.kafkaPort()).isEqualTo(19092);
    }

    @Test
    void aPortVariableThatIsNotAPortIsRejectedByName() {
        assertThatThrownBy(() -> StackSettings.defaults(DIR, Map.of("TESSERA_KAFKA_PORT", "kafka")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TESSERA_KAFKA_PORT=kafka")
                .hasMessageContaining("Kafka");
        assertThatThrownBy(() -> StackSettings.defaults(DIR, Map.of("TESSERA_ERP_PORT", "70000")))
                .hasMessageContaining("TESSERA_ERP_PORT");
    }

    @Test
    void componentsCanBeLeftOutOrPicked() {
        StackSettings ephemeral = StackSettings.ephemeral(DIR);

        assertThat(ephemeral.without(StackComponent.CRM_POSTGRES, StackComponent.ERP_MARIADB).components())
                .containsExactly(StackComponent.TESSERA_POSTGRES, StackComponent.KAFKA, StackComponent.ELASTICSEARCH);
        assertThat(ephemeral.only(StackComponent.TESSERA_POSTGRES).enabled(StackComponent.KAFKA)).isFalse();
        assertThat(ephemeral.withPort(StackComponent.KAFKA, 29092).port(StackComponent.KAFKA)).isEqualTo(29092);
        assertThat(ephemeral.port(StackComponent.TESSERA_POSTGRES)).isZero();
    }

    @Test
    void endpointsOfServersThatWereNotStartedSaySo() {
        StackEndpoints endpoints = new StackEndpoints(null, null, null, "127.0.0.1:19092", null);

        assertThat(endpoints.has(StackComponent.KAFKA)).isTrue();
        assertThat(endpoints.has(StackComponent.ELASTICSEARCH)).isFalse();
        assertThatThrownBy(endpoints::elasticsearchUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Elasticsearch")
                .hasMessageContaining("StackComponent.ELASTICSEARCH");
    }

    @Test
    void databaseEndpointsDoNotPrintTheirPassword() {
        DatabaseEndpoint endpoint = DatabaseEndpoint.postgres("127.0.0.1", 15432, "tessera", "tessera", "s3cret");

        assertThat(endpoint.toString()).doesNotContain("s3cret").contains("jdbc:postgresql://127.0.0.1:15432/tessera");
    }
}
