package io.tessera.identity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.privacy.InMemoryRecordKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.junit.jupiter.api.Test;

class ResolutionPrivacyTest {

    private static final byte[] KEY = filled(7);
    private final ResolutionPrivacy privacy = new ResolutionPrivacy(new InMemoryRecordKeys(), KEY);

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    @Test
    void stateIsStoredEncryptedAndOpensForItsOwnRecordOnly() {
        byte[] plain = "ana.garcia@correo.es".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = privacy.seal("crm/res_partner/1", plain);

        assertThat(ResolutionPrivacy.isSealed(sealed)).isTrue();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("garcia");
        assertThat(privacy.open("crm/res_partner/1", sealed)).isEqualTo(plain);
        assertThatThrownBy(() -> privacy.open("crm/res_partner/2", sealed))
                .isInstanceOf(ProcessorStateException.class);
    }

    @Test
    void aChangedResolutionKeyFailsTheTaskNamingTheKeyTable() {
        byte[] sealed = privacy.seal("crm/res_partner/1", new byte[] {1, 2, 3});
        ResolutionPrivacy other = new ResolutionPrivacy(new InMemoryRecordKeys(), filled(8));

        assertThatThrownBy(() -> other.open("crm/res_partner/1", sealed))
                .isInstanceOf(ProcessorStateException.class)
                .hasMessageContaining("tessera_secret");
    }

    @Test
    void indexKeysAreKeyedHashesThatMatchOnlyEqualValues() {
        String hashed = privacy.indexKey("email:ana.garcia@correo.es");

        assertThat(hashed).hasSize(22).doesNotContain("garcia").doesNotContain("\u0000");
        assertThat(privacy.indexKey("email:ana.garcia@correo.es")).isEqualTo(hashed);
        assertThat(privacy.indexKey("email:ana.garcia@correo.pt")).isNotEqualTo(hashed);
        assertThat(new ResolutionPrivacy(new InMemoryRecordKeys(), filled(8)).indexKey("email:ana.garcia@correo.es"))
                .as("another installation's key gives other hashes").isNotEqualTo(hashed);
    }

    @Test
    void aResolutionKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new ResolutionPrivacy(new InMemoryRecordKeys(), new byte[16]))
                .hasMessageContaining("32 bytes");
    }
}
