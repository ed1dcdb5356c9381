package io.tessera.identity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.identity.core.scoring.ModelParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityConfigTest {

    private static final Path STATE = Path.of("/var/lib/tessera/identity");

    @Test
    void producesStreamsPropertiesForLowLatencyAtLeastOnceFromTheStart() {
        IdentityConfig config = new IdentityConfig("tessera-identity", "broker:9092", "PT", 20, STATE,
                Duration.ofMillis(100));

        Properties props = config.streamsProperties();

        assertThat(props).containsEntry("application.id", "tessera-identity")
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("state.dir", STATE.toString())
                .containsEntry("commit.interval.ms", "100")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("consumer.auto.offset.reset", "earliest")
                .containsEntry("consumer.session.timeout.ms", "10000")
                .containsEntry("consumer.max.poll.interval.ms", "1800000")
                .containsEntry("rocksdb.config.setter", StateStoreOptions.class)
                .containsEntry(StateStoreOptions.BLOCK_CACHE_CONFIG, "256");
        assertThat(config.resolverSettings().defaultPhoneRegion()).isEqualTo("PT");
        assertThat(config.resolverSettings().cardinalityCap()).isEqualTo(20);
    }

    @Test
    void defaultsCapTheCardinalityAtFiftyAndCommitEvery100Ms() {
        IdentityConfig config = IdentityConfig.defaults("broker:9092", "ES", STATE);

        assertThat(config.cardinalityCap()).isEqualTo(50);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rejectsWrongSettingsNamingTheKey() {
        assertThatThrownBy(() -> new IdentityConfig("id", "broker:9092", "Spain", 50, STATE, Duration.ofMillis(100)))
                .hasMessageStartingWith("tessera.resolution.default-phone-region");
        assertThatThrownBy(() -> new IdentityConfig("id", " ", "ES", 50, STATE, Duration.ofMillis(100)))
                .hasMessageStartingWith("tessera.kafka.bootstrap-servers");
        assertThatThrownBy(() -> new IdentityConfig("id", "broker:9092", "ES", 0, STATE, Duration.ofMillis(100)))
                .hasMessageStartingWith("tessera.resolution.cardinality-cap");
        assertThatThrownBy(() -> new IdentityConfig("id", "broker:9092", "ES", 50, null, Duration.ofMillis(100)))
                .hasMessageStartingWith("tessera.state-dir");
        assertThatThrownBy(() -> new IdentityConfig("id", "broker:9092", "ES", 50, STATE, Duration.ZERO))
                .hasMessageStartingWith("The commit interval of resolution");
        assertThatThrownBy(() -> IdentityConfig.defaults("broker:9092", "ES", STATE).withBlockCacheMiB(0))
                .hasMessageStartingWith("tessera.resolution.block-cache-mb");
    }

    @Test
    void theBlockCacheSizeReachesTheStoresThroughTheStreamsProperties() {
        IdentityConfig config = IdentityConfig.defaults("broker:9092", "ES", STATE).withBlockCacheMiB(64);

        assertThat(config.streamsProperties()).containsEntry(StateStoreOptions.BLOCK_CACHE_CONFIG, "64");
    }

    @Test
    void anInvalidParameterFileStopsTheStartNamingTheKeyTheFileAndTheLine(@TempDir Path dir) throws Exception {
        IdentityConfig config = IdentityConfig.defaults("broker:9092", "ES", STATE);
        Path file = dir.resolve("params.json");
        Files.writeString(file, """
                {
                  "version": 1,
                  "lambda": "often",
                  "comparisons": []
                }
                """);

        assertThatThrownBy(() -> config.withParametersFile(file))
                .hasMessageStartingWith("tessera.resolution.parameters: ")
                .hasMessageContaining("params.json")
                .hasMessageContaining("line 3")
                .hasMessageContaining("lambda");
        assertThatThrownBy(() -> config.withParametersFile(dir.resolve("missing.json")))
                .hasMessageStartingWith("tessera.resolution.parameters: cannot read")
                .hasMessageContaining("bin/tessera learn");
        assertThatThrownBy(() -> config.withMaxBirthYearsApart(-1))
                .hasMessageStartingWith("tessera.resolution.max-birth-years-apart");
    }

    @Test
    void parametersForOtherComparisonsAreRefusedWithTheFix() throws Exception {
        IdentityConfig config = IdentityConfig.defaults("broker:9092", "ES", STATE);
        ModelParameters defaults = config.parameters();
        ModelParameters fewer = new ModelParameters(ModelParameters.CURRENT_VERSION, defaults.lambda(),
                defaults.comparisons().subList(1, defaults.comparisons().size()));

        assertThatThrownBy(() -> config.withParameters(fewer))
                .hasMessageStartingWith("tessera.resolution.parameters: ")
                .hasMessageContaining("bin/tessera learn");
    }
}
