package io.tessera.projections.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.RecordKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The records' keys and Tessera's secrets are stored wrapped with a key-encryption key kept outside the database, on a
 * real PostgreSQL: what the database holds opens nothing without the file, a lost or wrong file stops the start with
 * a message naming it, and keys stored raw by an earlier version are wrapped.
 */
class KeyEncryptionKeyTest {

    private static final RecordKey RECORD = new RecordKey("crm", "res_partner", "41");

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
        SecretKey key = keys.keyForWriting(RECORD).orElseThrow().key();

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
        assertThat(new RecordKeyStore(dataSource, 10, again).keyForReading(RECORD, 1).key()).hasValue(key);
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
        assertThat(new RecordKeyStore(dataSource, 10, kek).keyForReading(RECORD, 1).key().orElseThrow().getEncoded())
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
}
