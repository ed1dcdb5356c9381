package io.tessera.projections.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.privacy.KeysUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The records' keys and Tessera's secrets are stored wrapped with a key-encryption key kept outside the database, on a
 * real PostgreSQL: what the database holds opens nothing without the file, a lost or wrong file stops the start with
 * a message naming it, and keys stored raw by an earlier version are wrapped.
 *
 * <p>Rotation: every live key and secret is re-wrapped with the new KEK and nothing opens with the old one; destroyed
 * keys stay destroyed; a rotation interrupted around its file is settled at the next start; a key stored while a
 * rotation runs is re-wrapped or wrapped with the new key, never left with the old one; and another instance sharing
 * the database stores no key until it has the new file.
 */
class KeyEncryptionKeyTest {

    private static final RecordKey ANA = new RecordKey("crm", "res_partner", "41");
    private static final RecordKey BEN = new RecordKey("crm", "res_partner", "42");
    private static final RecordKey ERASED = new RecordKey("crm", "res_partner", "43");
    private static final RecordKey LIFTED = new RecordKey("shop", "customer", "7");

    private EmbeddedPostgres postgres;
    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private Path kekFile;

    @BeforeEach
    void start() throws Exception {
        Path binaries = Files.createDirectories(Path.of("target", "pg-binaries"));
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(Files.createTempDirectory(Path.of("target"), "kek-pg"))
                .setCleanDataDirectory(true)
                .start();
        dataSource = postgres.getPostgresDatabase();
        jdbc = new JdbcTemplate(dataSource);
        kekFile = Files.createTempDirectory(Path.of("target"), "kek").resolve("state/key-encryption-key");
    }

    @AfterEach
    void stop() throws Exception {
        postgres.close();
    }

    @Test
    void theFirstStartCreatesTheFileForItsOwnerAndTheTableHoldsNoKeyInClear() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.load(kekFile, jdbc);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kekFile))).isEqualTo("rw-------");

        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, kek);
        keys.createSchema();
        SecretKey key = keys.keyForWriting(ANA).orElseThrow().key();

        byte[] stored = jdbc.queryForObject("SELECT key_material FROM record_key", byte[].class);
        assertThat(stored).hasSize(KeyEncryptionKey.WRAPPED_KEY_BYTES);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(key.getEncoded(), StandardCharsets.ISO_8859_1));
        byte[] secret = TesseraSecrets.stored(jdbc, "resolution-key", kek);
        String storedSecret = jdbc.queryForObject("SELECT value FROM tessera_secret WHERE name = 'resolution-key'",
                String.class);
        assertThat(storedSecret).startsWith("wrapped:").doesNotContain(Base64.getEncoder().encodeToString(secret));

        // Restarted with the same file: the same keys.
        KeyEncryptionKey again = KeyEncryptionKey.load(kekFile, jdbc);
        assertThat(new RecordKeyStore(dataSource, 10, again).keyForReading(ANA, 1).key()).hasValue(key);
        assertThat(TesseraSecrets.stored(jdbc, "resolution-key", again)).isEqualTo(secret);
    }

    @Test
    void aMissingOrForeignFileStopsTheStartNamingIt() throws Exception {
        KeyEncryptionKey.load(kekFile, jdbc);
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        Files.writeString(kekFile, Base64.getEncoder().encodeToString(other));

        assertThatThrownBy(() -> KeyEncryptionKey.load(kekFile, jdbc))
                .hasMessageContaining(kekFile.toString()).hasMessageContaining("is not the one");

        Files.delete(kekFile);
        assertThatThrownBy(() -> KeyEncryptionKey.load(kekFile, jdbc))
                .hasMessageContaining(kekFile.toString()).hasMessageContaining("is missing")
                .hasMessageContaining("tessera.privacy.key-encryption-key-file");
        assertThat(kekFile).as("no new key replaces the lost one").doesNotExist();

        Files.writeString(kekFile, "not base64 at all!");
        assertThatThrownBy(() -> KeyEncryptionKey.load(kekFile, jdbc)).hasMessageContaining("32 bytes in Base64");
    }

    @Test
    void keysAndSecretsStoredRawByAnEarlierVersionAreWrappedAndStillOpen() {
        RecordKeyStore schema = new RecordKeyStore(dataSource, 10, KeyEncryptionKey.of(new byte[32]));
        schema.createSchema();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        jdbc.update("INSERT INTO record_key (source, source_table, source_pk, generation, key_material) "
                + "VALUES ('crm', 'res_partner', '41', 1, ?)", (Object) raw);
        TesseraSecrets.createTable(jdbc);
        jdbc.update("INSERT INTO tessera_secret (name, value) VALUES ('pseudonym-key', ?)",
                Base64.getEncoder().encodeToString(raw));

        KeyEncryptionKey kek = KeyEncryptionKey.load(kekFile, jdbc);
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, kek);
        assertThat(keys.wrapRawKeys()).isEqualTo(1);
        assertThat(keys.wrapRawKeys()).as("nothing left to wrap").isZero();

        assertThat(jdbc.queryForObject("SELECT key_material FROM record_key", byte[].class))
                .hasSize(KeyEncryptionKey.WRAPPED_KEY_BYTES);
        assertThat(new RecordKeyStore(dataSource, 10, kek).keyForReading(ANA, 1).key().orElseThrow().getEncoded())
                .isEqualTo(raw);
        assertThat(TesseraSecrets.stored(jdbc, "pseudonym-key", kek)).isEqualTo(raw);
        assertThat(jdbc.queryForObject("SELECT value FROM tessera_secret WHERE name = 'pseudonym-key'", String.class))
                .startsWith("wrapped:");
        assertThat(TesseraSecrets.stored(jdbc, "pseudonym-key", kek)).isEqualTo(raw);
    }

    @Test
    void aWrappedKeyMovedToAnotherRecordDoesNotOpen() {
        KeyEncryptionKey kek = KeyEncryptionKey.of(new byte[32]);
        byte[] wrapped = kek.wrap(new byte[32], "crm/res_partner/41");

        assertThat(kek.unwrap(wrapped, "crm/res_partner/41")).isEqualTo(new byte[32]);
        assertThatThrownBy(() -> kek.unwrap(wrapped, "crm/res_partner/42")).hasMessageContaining("does not unwrap");
    }

    @Test
    void rotationRewrapsEveryLiveKeyAndSecretAndTheOldFileNoLongerLoads() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.load(kekFile, jdbc);
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, kek);
        keys.createSchema();
        keys.prepare(List.of(ANA, BEN, ERASED, LIFTED));
        keys.destroy(ERASED, "erasure-1");
        keys.destroy(LIFTED, "erasure-2");
        keys.renew(LIFTED);
        byte[] pseudonymKey = TesseraSecrets.stored(jdbc, "pseudonym-key", kek);
        byte[] resolutionKey = TesseraSecrets.stored(jdbc, "resolution-key", kek);
        byte[] oldBytes = fileKey(kekFile);
        KeyEncryptionKey oldKek = KeyEncryptionKey.of(oldBytes);
        Map<String, byte[]> before = liveKeys(oldKek);
        assertThat(before).hasSize(3).containsKeys("crm/res_partner/41#1", "shop/customer/7#2");

        KeyEncryptionKey.Rotation rotation = kek.rotate(dataSource);

        assertThat(rotation.keys()).as("live keys only").isEqualTo(3);
        assertThat(rotation.secrets()).isEqualTo(2);
        assertThat(rotation.file()).isEqualTo(kekFile);
        assertThat(rotation.fingerprint()).hasSize(8).isEqualTo(kek.check().substring(0, 8));
        assertThat(KeyEncryptionKey.next(kekFile)).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kekFile))).isEqualTo("rw-------");
        KeyEncryptionKey newKek = KeyEncryptionKey.of(fileKey(kekFile));
        assertThat(newKek.check()).isEqualTo(kek.check()).isNotEqualTo(oldKek.check());

        // Every live key opens with the new KEK to the same key, and none with the old one.
        assertThat(liveKeys(newKek)).containsExactlyInAnyOrderEntriesOf(before);
        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT source, source_table, source_pk, key_material FROM record_key "
                        + "WHERE key_material IS NOT NULL")) {
            String context = row.get("source") + "/" + row.get("source_table") + "/" + row.get("source_pk");
            assertThatThrownBy(() -> oldKek.unwrap((byte[]) row.get("key_material"), context))
                    .hasMessageContaining("does not unwrap");
        }
        // Destroyed keys stay destroyed: generation 1 of the lifted record and the erased record's only key.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_key WHERE key_material IS NULL "
                + "AND destroyed_at IS NOT NULL", Integer.class)).isEqualTo(2);
        RecordKeyStore fresh = new RecordKeyStore(dataSource, 10, newKek);
        assertThat(fresh.isDestroyed(ERASED)).isTrue();
        assertThat(fresh.keyForReading(LIFTED, 1).key()).isEmpty();
        assertThat(fresh.keyForReading(LIFTED, 2).key().orElseThrow().getEncoded())
                .isEqualTo(before.get("shop/customer/7#2"));

        // The secrets too.
        assertThat(TesseraSecrets.stored(jdbc, "pseudonym-key", newKek)).isEqualTo(pseudonymKey);
        assertThat(TesseraSecrets.stored(jdbc, "resolution-key", newKek)).isEqualTo(resolutionKey);
        String storedSecret = jdbc.queryForObject("SELECT value FROM tessera_secret WHERE name = 'pseudonym-key'",
                String.class);
        assertThatThrownBy(() -> oldKek.unwrap(Base64.getDecoder().decode(storedSecret.substring("wrapped:".length())),
                "tessera_secret/pseudonym-key")).hasMessageContaining("does not unwrap");

        // The rotating instance goes on with the new KEK; a restart with the new file works, with the old one not.
        assertThat(new RecordKeyStore(dataSource, 10, kek).keyForReading(ANA, 1).key().orElseThrow().getEncoded())
                .isEqualTo(before.get("crm/res_partner/41#1"));
        keys.keyForWriting(new RecordKey("crm", "res_partner", "99"));
        assertThat(liveKeys(newKek)).hasSize(4);
        assertThat(KeyEncryptionKey.load(kekFile, jdbc).check()).isEqualTo(newKek.check());
        Path oldFile = kekFile.resolveSibling("old-key-encryption-key");
        Files.writeString(oldFile, Base64.getEncoder().encodeToString(oldBytes));
        assertThatThrownBy(() -> KeyEncryptionKey.load(oldFile, jdbc))
                .hasMessageContaining(oldFile.toString()).hasMessageContaining("is not the one");

        // And again.
        KeyEncryptionKey.Rotation second = kek.rotate(dataSource);
        assertThat(second.keys()).isEqualTo(4);
        assertThat(second.fingerprint()).isNotEqualTo(rotation.fingerprint());
        assertThat(liveKeys(KeyEncryptionKey.of(fileKey(kekFile)))).hasSize(4);
    }

    @Test
    void aStartAfterTheRotationCommittedButBeforeTheMoveFinishesTheMove() throws Exception {
        KeyEncryptionKey kek = loadedWithAKeyOfAna();
        String oldKey = Files.readString(kekFile);
        kek.rotate(dataSource);
        // As if it had stopped between the commit and the move: the new key still in .next, the old one in the file.
        Files.move(kekFile, KeyEncryptionKey.next(kekFile));
        Files.writeString(kekFile, oldKey);

        KeyEncryptionKey restarted = KeyEncryptionKey.load(kekFile, jdbc);

        assertThat(restarted.check()).isEqualTo(kek.check());
        assertThat(KeyEncryptionKey.next(kekFile)).doesNotExist();
        assertThat(KeyEncryptionKey.of(fileKey(kekFile)).check()).isEqualTo(kek.check());
        assertThat(new RecordKeyStore(dataSource, 10, restarted).keyForReading(ANA, 1).key()).isPresent();
    }

    @Test
    void aStartAfterARotationThatNeverCommittedDeletesItsNextFile() throws Exception {
        KeyEncryptionKey kek = loadedWithAKeyOfAna();
        // As if it had stopped after writing .next, before its transaction committed.
        Files.writeString(KeyEncryptionKey.next(kekFile), Base64.getEncoder().encodeToString(new byte[32]));

        KeyEncryptionKey restarted = KeyEncryptionKey.load(kekFile, jdbc);

        assertThat(restarted.check()).isEqualTo(kek.check());
        assertThat(KeyEncryptionKey.next(kekFile)).doesNotExist();
        assertThat(new RecordKeyStore(dataSource, 10, restarted).keyForReading(ANA, 1).key()).isPresent();

        // A .next written in part (stopped while writing it) is deleted all the same.
        Files.writeString(KeyEncryptionKey.next(kekFile), "c29tZXRoaW5n");
        KeyEncryptionKey.load(kekFile, jdbc);
        assertThat(KeyEncryptionKey.next(kekFile)).doesNotExist();
    }

    @Test
    void aKeyBeingStoredWhenTheRotationStartsIsRewrappedByIt() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.load(kekFile, jdbc);
        new RecordKeyStore(dataSource, 10, kek).createSchema();
        byte[] material = new byte[32];
        material[0] = 7;
        CountDownLatch wrapped = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Wrapped with the old KEK; its transaction commits only after the rotation asked for the table.
        CompletableFuture<Void> store = CompletableFuture.runAsync(() -> {
            try {
                kek.storing(dataSource, connection -> {
                    byte[] stored = kek.wrap(material, ANA.asString());
                    wrapped.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new JdbcTemplate(new SingleConnectionDataSource(connection, true)).update("""
                            INSERT INTO record_key (source, source_table, source_pk, generation, key_material)
                            VALUES (?, ?, ?, 1, ?)""", ANA.source(), ANA.table(), ANA.pk(), stored);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(wrapped.await(10, TimeUnit.SECONDS)).isTrue();
        FutureTask<KeyEncryptionKey.Rotation> rotation = runUntilItWaits(() -> kek.rotate(dataSource));
        assertThat((Future<?>) rotation).as("the rotation waits for the store under way").isNotDone();

        release.countDown();
        store.get(10, TimeUnit.SECONDS);
        assertThat(rotation.get(10, TimeUnit.SECONDS).keys()).isEqualTo(1);

        assertThat(new RecordKeyStore(dataSource, 10, KeyEncryptionKey.of(fileKey(kekFile))).keyForReading(ANA, 1)
                .key().orElseThrow().getEncoded()).isEqualTo(material);
    }

    @Test
    void aKeyCreatedWhileTheRotationRunsIsWrappedWithTheNewKeyAndReadsGoOn() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.load(kekFile, jdbc);
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, kek);
        keys.createSchema();
        byte[] ana = keys.keyForWriting(ANA).orElseThrow().key().getEncoded();
        try (Connection reader = dataSource.getConnection()) {
            // A read-model writer holds Ana's key row: the rotation stops there, in the middle of its transaction.
            reader.setAutoCommit(false);
            reader.createStatement().execute("SELECT 1 FROM record_key FOR SHARE");
            CompletableFuture<KeyEncryptionKey.Rotation> rotation = CompletableFuture.supplyAsync(
                    () -> kek.rotate(dataSource));
            awaitLockWait();

            FutureTask<?> created = runUntilItWaits(() -> keys.keyForWriting(BEN));
            assertThat((Future<?>) created).as("keys are created after the rotation").isNotDone();
            assertThat(new RecordKeyStore(dataSource, 10, kek).keyForReading(ANA, 1).key().orElseThrow()
                    .getEncoded()).as("reads go on meanwhile").isEqualTo(ana);

            reader.commit();
            rotation.get(10, TimeUnit.SECONDS);
            created.get(10, TimeUnit.SECONDS);
        }

        RecordKeyStore afterwards = new RecordKeyStore(dataSource, 10, KeyEncryptionKey.of(fileKey(kekFile)));
        assertThat(afterwards.keyForReading(ANA, 1).key().orElseThrow().getEncoded()).isEqualTo(ana);
        assertThat(afterwards.keyForReading(BEN, 1).key().orElseThrow().getEncoded())
                .isEqualTo(keys.keyForWriting(BEN).orElseThrow().key().getEncoded());
    }

    @Test
    void anotherInstanceCreatesNoKeyUntilItHasTheNewFileThenTakesIt() throws Exception {
        KeyEncryptionKey first = KeyEncryptionKey.load(kekFile, jdbc);
        new RecordKeyStore(dataSource, 10, first).createSchema();
        Path otherFile = Files.createDirectories(kekFile.resolveSibling("other")).resolve("key-encryption-key");
        Files.copy(kekFile, otherFile);
        KeyEncryptionKey second = KeyEncryptionKey.load(otherFile, jdbc);
        RecordKeyStore secondKeys = new RecordKeyStore(dataSource, 10, second);
        byte[] ana = new RecordKeyStore(dataSource, 10, first).keyForWriting(ANA).orElseThrow().key().getEncoded();

        first.rotate(dataSource);

        assertThat(secondKeys.followKeyEncryptionKey()).isFalse();
        assertThatThrownBy(() -> secondKeys.keyForWriting(BEN))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining(otherFile.toString())
                .hasMessageContaining("rotated")
                .hasMessageContaining("docs/privacy.md");
        assertThatThrownBy(() -> second.rotate(dataSource)).hasMessageContaining("Rotate on an instance that has");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_key", Integer.class))
                .as("nothing stored with the old key").isEqualTo(1);

        // The operator copies the new file over: the next key refresh takes it.
        Files.copy(kekFile, otherFile, StandardCopyOption.REPLACE_EXISTING);
        try (DestroyedKeysRefresh refresh = new DestroyedKeysRefresh(secondKeys, Duration.ofMillis(100))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> second.check().equals(first.check()));
        }
        assertThat(second.check()).isEqualTo(first.check());
        assertThat(secondKeys.followKeyEncryptionKey()).isTrue();
        assertThat(secondKeys.keyForReading(ANA, 1).key().orElseThrow().getEncoded()).isEqualTo(ana);
        byte[] ben = secondKeys.keyForWriting(BEN).orElseThrow().key().getEncoded();
        assertThat(new RecordKeyStore(dataSource, 10, first).keyForReading(BEN, 1).key().orElseThrow().getEncoded())
                .isEqualTo(ben);

        // Rotated again, and the file copied before the next refresh: storing a key looks at the file by itself.
        first.rotate(dataSource);
        Files.copy(kekFile, otherFile, StandardCopyOption.REPLACE_EXISTING);
        byte[] erased = secondKeys.keyForWriting(ERASED).orElseThrow().key().getEncoded();
        assertThat(second.check()).isEqualTo(first.check());
        assertThat(new RecordKeyStore(dataSource, 10, first).keyForReading(ERASED, 1).key().orElseThrow()
                .getEncoded()).isEqualTo(erased);
    }

    /** The KEK loaded from {@link #kekFile}, after Ana got a key wrapped with it. */
    private KeyEncryptionKey loadedWithAKeyOfAna() {
        KeyEncryptionKey kek = KeyEncryptionKey.load(kekFile, jdbc);
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, kek);
        keys.createSchema();
        keys.keyForWriting(ANA);
        return kek;
    }

    /** Waits until a statement waits for a lock. */
    private void awaitLockWait() {
        await().alias("a statement waiting for a lock").atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted",
                        Integer.class) > 0);
    }

    /**
     * Runs {@code work} on a thread of its own and returns once that thread waits (for the KEK's lock), or is done:
     * what follows can then say whether it is still waiting, without guessing how long to give it.
     */
    private static <T> FutureTask<T> runUntilItWaits(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "kek-test-waiter");
        thread.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> task.isDone() || thread.getState() == Thread.State.WAITING);
        return task;
    }

    /** Every live key in the table, unwrapped with {@code kek}, by {@code source/table/pk#generation}. */
    private Map<String, byte[]> liveKeys(KeyEncryptionKey kek) {
        Map<String, byte[]> keys = new HashMap<>();
        jdbc.query("SELECT source, source_table, source_pk, generation, key_material FROM record_key "
                + "WHERE key_material IS NOT NULL", rs -> {
            String context = rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3);
            keys.put(context + "#" + rs.getInt(4), kek.unwrap(rs.getBytes(5), context));
        });
        return keys;
    }

    private static byte[] fileKey(Path file) throws Exception {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }
}
