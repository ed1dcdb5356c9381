package io.tessera.identity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.junit.jupiter.api.Test;

class ResolutionPrivacyTest {

    private static final byte[] KEY = filled(7);
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
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
    void aRecordIsSealedWithItsOwnKeyAndReadsAsErasedOnceTheKeyIsDestroyed() {
        InMemoryRecordKeys keys = new InMemoryRecordKeys();
        ResolutionPrivacy withKeys = new ResolutionPrivacy(keys, KEY);
        RecordKey ana = RecordKey.parse("crm/res_partner/1");
        byte[] plain = "ana.garcia@correo.es".getBytes(StandardCharsets.UTF_8);
        List<String> hashes = List.of(withKeys.indexKey("v\u0001email\u0001ana.garcia@correo.es"),
                withKeys.indexKey("b\u0001ga"));

        byte[] sealed = withKeys.sealRecord(ana, T, hashes, plain);

        assertThat(ResolutionPrivacy.isRecordSealed(sealed)).isTrue();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("garcia");
        assertThat(withKeys.openRecord(ana, sealed)).hasValue(plain);
        assertThat(ResolutionPrivacy.indexHashes(sealed)).isEqualTo(hashes);
        assertThatThrownBy(() -> withKeys.openRecord(RecordKey.parse("crm/res_partner/2"), sealed))
                .as("bound to its record").isInstanceOf(ProcessorStateException.class);
        byte[] tampered = sealed.clone();
        tampered[4] ^= 1;
        assertThatThrownBy(() -> withKeys.openRecord(ana, tampered))
                .as("the listed hashes are authenticated").isInstanceOf(ProcessorStateException.class);

        keys.destroy(ana);

        assertThat(withKeys.openRecord(ana, sealed)).isEmpty();
        assertThat(ResolutionPrivacy.indexHashes(sealed)).as("still readable, to take it out of the index")
                .isEqualTo(hashes);
        byte[] afterErasure = withKeys.sealRecord(ana, T, hashes, plain);
        assertThat(withKeys.openRecord(ana, afterErasure)).isEmpty();
        assertThat(afterErasure).hasSize(1 + 2 + 2 * 22 + 4);

        keys.renew(ana, T.plusSeconds(60));
        assertThat(withKeys.openRecord(ana, withKeys.sealRecord(ana, T, hashes, plain)))
                .as("a version from before the erasure is not sealed with the key its lift gave").isEmpty();
        assertThat(withKeys.openRecord(ana, withKeys.sealRecord(ana, T.plusSeconds(120), hashes, plain)))
                .as("a version from after it is").hasValue(plain);
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
