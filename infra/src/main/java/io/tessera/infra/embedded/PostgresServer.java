package io.tessera.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A PostgreSQL server from zonky's embedded binaries, configured for logical decoding (Debezium pgoutput).
 *
 * <p>zonky runs {@code initdb} only when the data directory has no {@code postgresql.conf}
 * ({@code setCleanDataDirectory(false)}), so a restart on the same directory keeps the data. As root it runs
 * {@code initdb} and {@code pg_ctl} through {@code unshare -U}, because PostgreSQL refuses to run as root.
 *
 * <p>zonky's defaults stay, but one: it listens on {@code localhost} only, trusts local connections, runs in UTC with
 * {@code max_connections=300} and {@code synchronous_commit=off} (a crash of the machine, not of the process, may lose
 * the last commits, about the last second of them; a commit does not wait for its WAL to reach the disk, which is much
 * faster). zonky also starts PostgreSQL with {@code -F}, {@code fsync=off}, with which a crash of the machine can
 * leave the database corrupt rather than a second behind; {@code fsync} is turned back on, so the embedded default
 * is a database one can run on. Commits do not wait for it, so it costs little.
 */
final class PostgresServer implements EmbeddedServer {

    private static final String SUPERUSER = "postgres";

    private final StackComponent component;
    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private PostgresServer(StackComponent component, EmbeddedPostgres postgres, Path dataDir) {
        this.component = component;
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server on {@code port} and makes sure {@code database} exists, owned by {@code user}.
     *
     * @param replication whether {@code user} may open replication connections (a CDC source)
     */
    static PostgresServer start(StackComponent component, Path dataDir, Path binariesDir, Path logFile, int port,
                                String database, String user, String password, boolean replication)
            throws IOException, SQLException {
        Files.createDirectories(dataDir);
        Files.createDirectories(binariesDir);
        Processes.stopOrphan(component, dataDir.resolve("postmaster.pid"), dataDir.toString());
        ProcessBuilderRedirects redirects = ProcessBuilderRedirects.appendingTo(logFile);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setPort(port)
                // C collation with UTF-8 encoding: does not depend on the locales installed on the machine.
                .setLocaleConfig("locale", "C")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("max_replication_slots", "10")
                // Overrides zonky's -F (fsync off), which comes before the settings on the command line.
                .setServerConfig("fsync", "on")
                // Parallel start on two cores can take longer than zonky's 10 s default.
                .setPGStartupWait(Duration.ofSeconds(90))
                .setOutputRedirector(redirects.output())
                .setErrorRedirector(redirects.error())
                .start();
        PostgresServer server = new PostgresServer(component, postgres, dataDir);
        try {
            server.ensureDatabase(port, database, user, password, replication);
        } catch (SQLException | RuntimeException e) {
            try {
                server.stop();
            } catch (IOException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return server;
    }

    private void ensureDatabase(int port, String database, String user, String password, boolean replication)
            throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", SUPERUSER);
        String url = "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, credentials);
             Statement statement = connection.createStatement()) {
            // Idempotent, so a restart on an existing data directory is a no-op; the password is re-applied so the
            // endpoint's password is always the one that works.
            String roleOptions = "LOGIN PASSWORD " + literal(password) + (replication ? " REPLICATION" : "");
            if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
                statement.execute("ALTER ROLE " + identifier(user) + " " + roleOptions);
            } else {
                statement.execute("CREATE ROLE " + identifier(user) + " " + roleOptions);
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(user));
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public StackComponent component() {
        return component;
    }

    @Override
    public List<ServerProcess> processes() {
        return Processes.fromPidFile(dataDir.resolve("postmaster.pid"))
                .map(postmaster -> Processes.withDescendants(postmaster).stream()
                        .map(process -> new ServerProcess(component,
                                process.equals(postmaster) ? "postmaster" : "child", process))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public void stop() throws IOException {
        // pg_ctl stop -m fast, waits for the postmaster to exit; keeps the data (clean data directory is off).
        postgres.close();
    }
}
