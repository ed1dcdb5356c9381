package io.tessera.projections.privacy;

import io.tessera.contracts.RecordKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long a rotation of the key-encryption key takes over {@code bench.keys} record keys (default 200,000) on a
 * real PostgreSQL, and how long a key created meanwhile waits for it (capture's key creation waits for the whole
 * rotation). Run with {@code ./mvnw -pl projections -Pbench test -Dtest=KeyEncryptionKeyRotationBench
 * -Dbench.keys=200000}; appends its figures to docs/benchmarks.md. Not a test: it asserts nothing about speed.
 */
class KeyEncryptionKeyRotationBench {

    private static final int KEYS = Integer.getInteger("bench.keys", 200_000);
    private static final int BATCH = 1_000;

    @Test
    void rotation() throws Exception {
        Path binaries = Files.createDirectories(Path.of("target", "pg-binaries"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(Files.createTempDirectory(Path.of("target"), "rotation-pg"))
                .setCleanDataDirectory(true)
                .start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            Path file = Files.createTempDirectory(Path.of("target"), "rotation-kek").resolve("key-encryption-key");
            KeyEncryptionKey kek = KeyEncryptionKey.load(file, jdbc);
            RecordKeyStore keys = new RecordKeyStore(dataSource, 1_000, kek);
            keys.createSchema();
            long createStart = System.nanoTime();
            for (int from = 0; from < KEYS; from += BATCH) {
                List<RecordKey> batch = new ArrayList<>(BATCH);
                for (int i = from; i < Math.min(KEYS, from + BATCH); i++) {
                    batch.add(new RecordKey("bench", "customer", Integer.toString(i)));
                }
                keys.prepare(batch);
            }
            double createSeconds = (System.nanoTime() - createStart) / 1e9;

            long rotateStart = System.nanoTime();
            CompletableFuture<KeyEncryptionKey.Rotation> rotation = CompletableFuture.supplyAsync(
                    () -> kek.rotate(dataSource));
            // A key asked for once the rotation is under way: it waits for the rotation to end.
            while (jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                    + " AND state IN ('active', 'idle in transaction') AND query LIKE '%record_key%'",
                    Integer.class) == 0 && !rotation.isDone()) {
                Thread.onSpinWait();
            }
            long askedAt = System.nanoTime();
            keys.keyForWriting(new RecordKey("bench", "customer", "new-during-rotation"));
            double waitedSeconds = (System.nanoTime() - askedAt) / 1e9;
            KeyEncryptionKey.Rotation done = rotation.get(30, TimeUnit.MINUTES);
            double rotateSeconds = (System.nanoTime() - rotateStart) / 1e9;

            String report = String.format(Locale.ROOT, """

                    ## Rotating the key-encryption key (issue 5) (%s)
                    Command: `./mvnw -pl projections -Pbench test -Dtest=KeyEncryptionKeyRotationBench -Dbench.keys=%d`
                    (embedded PostgreSQL, zonky). Machine: %d cores, %s, JDK %s.

                    | record keys | created in | rotation (one transaction) | keys/s re-wrapped | a key created meanwhile waited |
                    |---:|---:|---:|---:|---:|
                    | %,d | %.1f s | **%.1f s** | %,.0f | %.1f s |

                    Keys created by `RecordKeyStore.prepare` in batches of %,d, as capture creates them. The rotation
                    re-wraps every key and secret in one transaction (`KeyEncryptionKey.rotate`); capture's key creation
                    waits for it (the waiting key was asked for once the re-wrapping had started). Load average (1, 5,
                    15 min) at the end: %s.
                    """, LocalDateTime.now().withNano(0), KEYS, Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getName(), Runtime.version(), done.keys(),
                    createSeconds, rotateSeconds, done.keys() / rotateSeconds, waitedSeconds, BATCH, loadAverage());
            System.out.println(report);
            Files.writeString(Path.of("..", "docs", "benchmarks.md"), report, StandardOpenOption.APPEND);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
