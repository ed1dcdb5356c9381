package io.tessera.infra.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Elasticsearch from the {@code integ-test-zip} distribution, run as a child process on the JDK that
 * runs this JVM.
 *
 * <p>Elasticsearch refuses to run as root. As root it is started inside a user namespace that maps root to
 * {@code nobody} ({@code unshare -U --map-user=65534}): the server sees itself as an unprivileged user that still
 * owns the root-owned files. Plain {@code unshare -U} (as zonky does for PostgreSQL) is not enough: Elasticsearch then
 * cannot attach its entitlement agent to itself. Where user namespaces are blocked it falls back to
 * {@code setpriv} as {@code nobody}, after handing its folders to {@code nobody}.
 */
final class ElasticsearchServer implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchServer.class);
    static final String HEAP = "512m";
    private static final List<String> UNSHARE =
            List.of("unshare", "-U", "--map-user=65534", "--map-group=65534");
    private static final List<String> SETPRIV =
            List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");

    private final Process launcher;

    private ElasticsearchServer(Process launcher) {
        this.launcher = launcher;
    }

    static URI url(int httpPort) {
        return URI.create("http://" + Ports.LOOPBACK + ":" + httpPort);
    }

    /**
     * Starts Elasticsearch with HTTP on {@code httpPort} and waits until the cluster is at least yellow.
     *
     * @param workDir     holds the unpacked distribution and {@code elasticsearch/} (data, temp files, pid file)
     * @param logFile     receives the process's console output
     * @param logsDir     receives Elasticsearch's own log files
     */
    static ElasticsearchServer start(Path workDir, Path logFile, Path logsDir, int httpPort, int transportPort,
                                     Duration timeout) throws IOException, InterruptedException {
        Path home = ElasticsearchDistribution.unpackOnce(ElasticsearchDistribution.locateZip(), workDir);
        Path state = workDir.resolve("elasticsearch");
        Path dataDir = state.resolve("data");
        Path tmpDir = state.resolve("tmp");
        Path pidFile = state.resolve("elasticsearch.pid");
        for (Path dir : List.of(dataDir, tmpDir, logsDir, logFile.getParent())) {
            Files.createDirectories(dir);
        }
        // The server's command line carries -Des.path.home=<home>.
        Processes.stopOrphan(StackComponent.ELASTICSEARCH, pidFile, home.toString());
        Files.deleteIfExists(pidFile);
        writeConfig(home, dataDir, logsDir, httpPort, transportPort);

        List<String> command = new ArrayList<>(unprivilegedPrefix(List.of(home, state, logsDir)));
        command.add(home.resolve("bin").resolve("elasticsearch").toString());
        command.add("-p");
        command.add(pidFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        // The launch script warns about or ignores these; the heap and JDK are ours to choose.
        List.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS", "ES_PATH_CONF").forEach(env::remove);
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms" + HEAP + " -Xmx" + HEAP);
        env.put("ES_TMPDIR", tmpDir.toString());
        ProcessBuilderRedirects redirects = ProcessBuilderRedirects.appendingTo(logFile);
        builder.redirectErrorStream(true).redirectOutput(redirects.output());

        Process launcher = builder.start();
        // Nothing is ever typed into it (the keystore has no password).
        launcher.getOutputStream().close();
        ElasticsearchServer server = new ElasticsearchServer(launcher);
        try {
            server.awaitHealthy(url(httpPort), timeout, logFile, logsDir);
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        } catch (InterruptedException e) {
            server.stop();
            Thread.currentThread().interrupt();
            throw e;
        }
        return server;
    }

    private static void writeConfig(Path home, Path dataDir, Path logsDir, int httpPort, int transportPort)
            throws IOException {
        String yaml = """
                # Written by the embedded Tessera stack at each start; edits are overwritten.
                cluster.name: tessera
                node.name: tessera
                discovery.type: single-node
                xpack.security.enabled: false
                network.host: %s
                http.port: %d
                transport.port: %d
                path.data: %s
                path.logs: %s
                # A development machine with a full disk should not turn the indices read-only.
                cluster.routing.allocation.disk.threshold_enabled: false
                """.formatted(Ports.LOOPBACK, httpPort, transportPort, quoted(dataDir), quoted(logsDir));
        Files.writeString(home.resolve("config").resolve("elasticsearch.yml"), yaml, StandardCharsets.UTF_8);
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** How to run Elasticsearch as a user it accepts: directly unless this JVM runs as root. */
    private static List<String> unprivilegedPrefix(List<Path> ownedByServer) throws IOException, InterruptedException {
        if (!Processes.runningAsRoot()) {
            return List.of();
        }
        if (succeeds(concat(UNSHARE, "true"))) {
            return UNSHARE;
        }
        if (succeeds(List.of("setpriv", "--version"))) {
            LOG.info("Elasticsearch: user namespaces are not available, running it as nobody through setpriv");
            for (Path dir : ownedByServer) {
                giveToNobody(dir);
            }
            return SETPRIV;
        }
        throw new StackStartException(StackComponent.ELASTICSEARCH, "Elasticsearch refuses to run as root, and"
                + " neither `unshare -U --map-user=65534` (user namespaces) nor `setpriv` (util-linux) works here"
                + " to run it as another user. Run Tessera as an unprivileged user.");
    }

    private static List<String> concat(List<String> prefix, String last) {
        List<String> command = new ArrayList<>(prefix);
        command.add(last);
        return command;
    }

    private static boolean succeeds(List<String> command) throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            LOG.debug("{} cannot run", command, e);
            return false;
        }
    }

    private static void giveToNobody(Path dir) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                PosixFileAttributeView view =
                        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                view.setOwner(nobody);
                view.setGroup(nogroup);
            }
        }
    }

    private void awaitHealthy(URI url, Duration timeout, Path logFile, Path logsDir)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        // The integ-test distribution answers no `GET /`; cluster health is the readiness probe.
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IOException("the process exited with status " + launcher.exitValue()
                        + " before it was ready. Read " + logFile + " and " + logsDir.resolve("tessera.log"));
            }
            try {
                HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("not healthy after " + timeout.toSeconds() + " s (last answer: " + last + "). Read "
                + logFile + " and " + logsDir.resolve("tessera.log"));
    }

    @Override
    public StackComponent component() {
        return StackComponent.ELASTICSEARCH;
    }

    @Override
    public List<ServerProcess> processes() {
        ProcessHandle root = launcher.toHandle();
        if (!root.isAlive()) {
            return List.of();
        }
        return Processes.withDescendants(root).stream()
                .map(process -> new ServerProcess(component(), process.equals(root) ? "launcher" : "server", process))
                .toList();
    }

    @Override
    public void stop() {
        // SIGTERM to the launcher stops the server JVM too; one that outlives the grace period is killed with it.
        Processes.terminate(launcher.toHandle(), Duration.ofSeconds(60));
    }
}
