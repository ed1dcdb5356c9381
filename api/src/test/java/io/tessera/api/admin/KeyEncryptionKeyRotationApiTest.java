package io.tessera.api.admin;

import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.api.RunningTessera;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.projections.privacy.KeyEncryptionKey;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.projections.profile.api.RecordLinked;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rotating the key-encryption key through the API on real servers: an admin rotates, the file holds a new key, the
 * profiles still read and their events open with the new file, a new record gets a key, a start with the new file
 * would pass and one with the old file would not, a second rotation works too; other roles are refused.
 */
class KeyEncryptionKeyRotationApiTest {

    private static final String ROTATE = "/api/v1/admin/key-encryption-key/rotate";

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void anAdminRotatesTheKeyAndEverythingStillReads() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Rotunda Llave Nueva", "rotunda.llave@rotation-example.es",
                "+34 655 11 22 33", "Calle Giro 3", "28007");
        String id = RunningTessera.awaitCrmProfileId(crmId);
        Path file = Path.of(RunningTessera.get().context().getEnvironment()
                .getRequiredProperty("tessera.privacy.key-encryption-key-file"));
        String oldKey = Files.readString(file);
        DataSource dataSource = RunningTessera.get().context().getBean(DataSource.class);
        RecordKey record = new RecordKey("crm", "res_partner", String.valueOf(crmId));
        byte[] key = RunningTessera.get().context().getBean(RecordKeyStore.class).keyForReading(record, 1).key()
                .orElseThrow().getEncoded();

        assertThat(RunningTessera.post(ROTATE, "", RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(RunningTessera.post(ROTATE, "", RunningTessera.ANALYST, RunningTessera.ANALYST_PASSWORD)
                .statusCode()).isEqualTo(403);
        assertThat(Files.readString(file)).as("refused callers rotate nothing").isEqualTo(oldKey);

        HttpResponse<String> rotated = RunningTessera.post(ROTATE, "", RunningTessera.ADMIN,
                RunningTessera.ADMIN_PASSWORD);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode result = json(rotated);
        assertThat(result.get("keysRewrapped").asInt()).isPositive();
        assertThat(result.get("secretsRewrapped").asInt()).as("pseudonym and resolution keys").isEqualTo(2);
        assertThat(result.get("file").asText()).isEqualTo(file.toString());
        assertThat(result.get("fingerprint").asText()).hasSize(8);
        assertThat(rotated.body()).doesNotContain(Files.readString(file).strip());
        assertThat(Files.readString(file)).isNotEqualTo(oldKey);

        // What a restart with the rotated file does: its check passes, and the record's key opens to the same key.
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        KeyEncryptionKey restarted = KeyEncryptionKey.load(file, jdbc);
        assertThat(new RecordKeyStore(dataSource, 10, restarted).keyForReading(record, 1).key().orElseThrow()
                .getEncoded()).isEqualTo(key);
        Path oldFile = Files.createTempDirectory(RunningTessera.workDir(), "old-kek").resolve("key-encryption-key");
        Files.writeString(oldFile, oldKey);
        assertThatThrownBy(() -> KeyEncryptionKey.load(oldFile, jdbc)).hasMessageContaining("is not the one");

        assertThat(linkedRecord(id, restarted)).contains("rotunda.llave@rotation-example.es");
        assertThat(getAsAdmin("/api/v1/profiles/" + id).body()).contains("rotunda.llave@rotation-example.es");
        assertThat(getAsAdmin("/api/v1/profiles/" + id + "/history?size=200").statusCode()).isEqualTo(200);

        // A record that comes after gets its key, and a second rotation works.
        long after = RunningTessera.insertCrmPerson("Segunda Vuelta Llave", "segunda.vuelta@rotation-example.es",
                "+34 655 44 55 66", "Calle Giro 5", "28007");
        String afterId = RunningTessera.awaitCrmProfileId(after);
        HttpResponse<String> again = RunningTessera.post(ROTATE, "", RunningTessera.ADMIN,
                RunningTessera.ADMIN_PASSWORD);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("keysRewrapped").asInt()).isGreaterThan(result.get("keysRewrapped").asInt());
        assertThat(json(again).get("fingerprint").asText()).isNotEqualTo(result.get("fingerprint").asText());
        assertThat(new RecordKeyStore(dataSource, 10, KeyEncryptionKey.load(file, jdbc))
                .keyForReading(new RecordKey("crm", "res_partner", String.valueOf(after)), 1).key()).isPresent();
        assertThat(linkedRecord(afterId, KeyEncryptionKey.load(file, jdbc)))
                .contains("segunda.vuelta@rotation-example.es");
        assertThat(linkedRecord(id, KeyEncryptionKey.load(file, jdbc))).contains("rotunda.llave@rotation-example.es");
    }

    /** The record of the profile's first {@code RecordLinked} event, opened with keys unwrapped by {@code kek}. */
    private static String linkedRecord(String profileId, KeyEncryptionKey kek) throws Exception {
        DataSource dataSource = RunningTessera.get().context().getBean(DataSource.class);
        ObjectMapper sealed = SealedRecords.mapper(new RecordKeyStore(dataSource, 10, kek));
        try (Connection db = RunningTessera.tessera(); PreparedStatement select = db.prepareStatement("""
                SELECT payload FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = ? ORDER BY globalindex LIMIT 1""")) {
            select.setString(1, profileId);
            select.setString(2, RecordLinked.class.getName());
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.UTF_8)).contains("\"sealed\"");
                return sealed.readValue(rs.getBytes(1), RecordLinked.class).record().toString();
            }
        }
    }
}
