package io.tessera.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.contracts.Json;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tessera in a JVM of its own, started the way {@code bin/tessera run --config FILE} starts it (same main class and
 * JVM options), so that a test can kill it with SIGKILL and start it again on the same configuration and state. The
 * servers the configuration names must outlive it: a killed JVM takes an embedded Kafka with it and leaves embedded
 * PostgreSQL and Elasticsearch processes behind, so the test owns them.
 */
final class TesseraProcess implements AutoCloseable {

    private static final Pattern WELCOME = Pattern.compile("Tessera is running at (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path config;
    private final Path home;
    private final Path log;
    private final String user;
    private final String password;
    private volatile Process process;
    private String baseUrl;
    private int starts;

    /**
     * @param name     for messages, e.g. {@code killed}
     * @param config   the {@code --config} file
     * @param home     {@code TESSERA_HOME} of the process
     * @param log      where its standard output and error go, appended across starts
     * @param user     an admin user of the configuration
     * @param password that user's password
     */
    TesseraProcess(String name, Path config, Path home, Path log, String user, String password) {
        this.name = name;
        this.config = config;
        this.home = home;
        this.log = log;
        this.user = user;
        this.password = password;
    }

    /** Starts the JVM and returns once it serves HTTP; fails with the end of its log when it does not. */
    void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        Files.createDirectories(log.getParent());
        long offset = Files.exists(log) ? Files.size(log) : 0;
        starts++;
        Files.writeString(log, "==== start " + starts + " of " + name + " ====" + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As bin/tessera.
                "-Daxoniq.update-checker.disabled=true", "-XX:+UseSerialGC", "-Xms256m", "-Xmx1536m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath(),
                "io.tessera.api.launch.Main", "run", "--config", config.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("TESSERA_HOME", home.toString());
        // The launcher checks SERVER_PORT (8080 when unset) before it starts, whatever port the config file names.
        env.put("SERVER_PORT", "0");
        env.remove("TESSERA_ADMIN_PASSWORD");
        process = builder.start();
        if (starts == 1) {
            // Should the test JVM end without @AfterAll (a crash, an interrupted build), Tessera ends with it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }, "stop-" + name));
        }
        baseUrl = awaitWelcome(offset);
    }

    /** The application's class path: this test JVM's, which holds the api module's classes and dependencies. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private String awaitWelcome(long offset) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = output(offset);
            Matcher welcome = WELCOME.matcher(output);
            if (welcome.find()) {
                return welcome.group(1);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; "
                        + "its log " + log + " ends with:\n" + tail(output));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not start within " + START_TIMEOUT + "; its log " + log
                + " ends with:\n" + tail(output(offset)));
    }

    private String output(long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset),
                StandardCharsets.UTF_8);
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }

    /** SIGKILL: no shutdown hook, no flush, no offset commit; waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
        baseUrl = null;
    }

    /** The exit code of the last run: 137 after a SIGKILL. */
    int exitValue() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    HttpResponse<String> get(String path) {
        if (baseUrl == null) {
            throw new IllegalStateException(name + " is not running");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " of " + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET returning JSON; fails unless the status is 200. */
    JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " of " + name + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " of " + name + " is not JSON: " + response.body(), e);
        }
    }

    /** Stops the process: SIGTERM (an orderly shutdown), then SIGKILL if it takes longer than 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
