package io.tessera.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person at the terminal sees when the command line or the config is wrong: one clear line, non-zero exit. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommandShowsTheUsage() {
        assertThat(run(Map.of(), "serve")).isEqualTo(2);
        assertThat(errors()).contains("Unknown command 'serve'").contains("Usage: bin/tessera").contains("demo");
    }

    @Test
    void runWithoutAConfigFileSaysHowToGiveOne() {
        assertThat(run(Map.of(), "run")).isEqualTo(2);
        assertThat(errors()).contains("run --config FILE");
    }

    @Test
    void missingConfigFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThat(run(Map.of(), "run", "--config", missing.toString())).isEqualTo(2);
        assertThat(errors()).contains(missing.toString()).contains("does not exist");
    }

    @Test
    void invalidYamlNamesTheLine(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "tessera:\n  kafka:\n    bootstrap-servers: [unclosed\n");
        assertThat(run(Map.of(), "run", "--config", config.toString())).isEqualTo(2);
        assertThat(errors()).contains("bad.yaml").contains("not valid YAML at line");
    }

    @Test
    void busyHttpPortIsReportedBeforeAnyServerStarts() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(busy.getLocalPort());
            assertThat(run(Map.of("SERVER_PORT", port, "TESSERA_DEMO_PEOPLE", "10"), "demo")).isEqualTo(2);
            assertThat(errors()).contains("HTTP port " + port).contains("already in use").contains("SERVER_PORT=");
        }
    }

    @Test
    void invalidSourceDefinitionsAreReportedBeforeAnyServerStarts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), """
                sources:
                  - name: crm
                    kind: postgres
                    connection: {host: 127.0.0.1, port: 5432, database: crm, user: capture}
                    tables:
                      - table: public.res_partner
                        key: [id]
                        entity: person
                        attributes:
                          full-nam: name
                """);
        Path config = dir.resolve("tessera.yaml");
        Files.writeString(config, "tessera:\n  ingestion:\n    sources: sources.yaml\n");
        assertThat(run(Map.of("SERVER_PORT", "0", "TESSERA_HOME", dir.resolve("home").toString()),
                "run", "--config", config.toString())).isEqualTo(1);
        assertThat(errors()).contains("sources.yaml:10").contains("full-nam").contains("did you mean 'full-name'");
        assertThat(dir.resolve("home")).as("no server was started").doesNotExist();
    }

    @Test
    void badDemoSizeIsExplained() {
        assertThat(run(Map.of("TESSERA_DEMO_PEOPLE", "many"), "demo")).isEqualTo(2);
        assertThat(errors()).contains("TESSERA_DEMO_PEOPLE").contains("'many'");
    }

    @Test
    void configFileSettingsAreReadNestedOrDotted(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tessera.yaml");
        Files.writeString(config, """
                tessera:
                  kafka: {bootstrap-servers: "broker:9092"}
                  ingestion.sources: sources/crm.yaml
                spring.datasource.url: jdbc:postgresql://db/tessera
                """);
        ConfigFile file = ConfigFile.read(config);
        assertThat(file.has("tessera.kafka.bootstrap-servers")).isTrue();
        assertThat(file.has("spring.datasource.url")).isTrue();
        assertThat(file.has("tessera.elasticsearch.url")).isFalse();
        assertThat(file.path("tessera.ingestion.sources")).isEqualTo(dir.resolve("sources/crm.yaml"));
    }
}
