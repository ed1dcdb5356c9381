package io.tessera.api.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
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
    void runChecksThePortOfTheConfigFileNot8080(@TempDir Path dir) throws Exception {
        int free = freePort();
        Path config = configWithBrokenSources(dir, "server:\n  port: " + free + "\n  address: 127.0.0.1\n");
        try (ServerSocket on8080 = bindIfFree(8080)) {
            assertThat(canBind(8080)).as("8080 is busy, held by the test or by another program").isFalse();

            int code = run(Map.of("TESSERA_HOME", dir.resolve("home").toString()), "run", "--config", config.toString());

            // The port check passed: the start went on to read the sources, which fail before any server starts.
            assertThat(errors()).doesNotContain("HTTP port").contains("sources.yaml:10");
            assertThat(code).isEqualTo(1);
        }
    }

    @Test
    void aBusyPortOfTheConfigFileIsNamedWithTheSettingToChange(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            Path config = dir.resolve("tessera.yaml");
            Files.writeString(config, "server.port: " + port + "\nserver.address: 127.0.0.1\n");

            assertThat(run(Map.of("TESSERA_HOME", dir.resolve("home").toString()), "run", "--config", config.toString()))
                    .isEqualTo(2);

            assertThat(errors()).contains("HTTP port " + port + " on 127.0.0.1", "already in use",
                    "choose another port with server.port in " + config.toAbsolutePath()).doesNotContain("SERVER_PORT");
            assertThat(dir.resolve("home")).as("no server was started").doesNotExist();
        }
    }

    @Test
    void serverPortInTheEnvironmentOutranksTheConfigFileAsInSpring(@TempDir Path dir) throws Exception {
        int free = freePort();
        Path config = dir.resolve("tessera.yaml");
        Files.writeString(config, "server:\n  port: " + free + "\n");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(busy.getLocalPort());

            assertThat(run(Map.of("SERVER_PORT", port), "run", "--config", config.toString())).isEqualTo(2);

            assertThat(errors()).contains("HTTP port " + port, "already in use",
                    "SERVER_PORT, which outranks server.port " + free + " of " + config.toAbsolutePath(),
                    "SERVER_PORT=");
        }
    }

    @Test
    void portZeroInTheConfigFileMeansAnyFreePortAndIsNotChecked(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tessera.yaml");
        Files.writeString(config, "server.port: 0\n");
        try (ServerSocket on8080 = bindIfFree(8080)) {
            LaunchPlan plan = new LaunchPlan(dir, null, 0, ConfigFile.read(config), Map.of());
            assertThatCode(() -> Main.checkHttpPort(plan, Map.of(), new Properties())).doesNotThrowAnyException();
        }
    }

    @Test
    void aPlaceholderInTheConfigFileResolvesAgainstTheEnvironment(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tessera.yaml");
        Files.writeString(config, "server.port: ${TESSERA_HTTP_PORT:8080}\n");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(busy.getLocalPort());
            LaunchPlan plan = new LaunchPlan(dir, null, 0, ConfigFile.read(config), Map.of());

            assertThatThrownBy(() -> Main.checkHttpPort(plan, Map.of("TESSERA_HTTP_PORT", port), new Properties()))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageContaining("HTTP port " + port).hasMessageContaining("server.port in " + config);
        }
    }

    @Test
    void invalidSourceDefinitionsAreReportedBeforeAnyServerStarts(@TempDir Path dir) throws Exception {
        Path config = configWithBrokenSources(dir, "");
        assertThat(run(Map.of("SERVER_PORT", "0", "TESSERA_HOME", dir.resolve("home").toString()),
                "run", "--config", config.toString())).isEqualTo(1);
        assertThat(errors()).contains("sources.yaml:10").contains("full-nam").contains("did you mean 'full-name'");
        assertThat(dir.resolve("home")).as("no server was started").doesNotExist();
    }

    /** A config file with {@code settings} whose sources file is invalid, so that a start fails before any server. */
    private static Path configWithBrokenSources(Path dir, String settings) throws Exception {
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
        Files.writeString(config, settings + "tessera:\n  ingestion:\n    sources: sources.yaml\n");
        return config;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Holds {@code port} on 127.0.0.1, or returns {@code null} when something else holds it already. */
    private static ServerSocket bindIfFree(int port) throws Exception {
        try {
            return new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
        } catch (BindException e) {
            return null;
        }
    }

    private static boolean canBind(int port) throws Exception {
        try (ServerSocket socket = bindIfFree(port)) {
            return socket != null;
        }
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
