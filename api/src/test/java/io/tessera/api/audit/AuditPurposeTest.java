package io.tessera.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The purpose a caller states in X-Purpose, as the audit log keeps it. */
class AuditPurposeTest {

    @Test
    void withoutAPurposeTheLogSaysUnspecified() {
        assertThat(AuditFilter.purpose(null)).isEqualTo("unspecified");
        assertThat(AuditFilter.purpose("   ")).isEqualTo("unspecified");
    }

    @Test
    void aPurposeIsKeptTrimmedWithoutControlCharacters() {
        assertThat(AuditFilter.purpose("  support ticket 4711 ")).isEqualTo("support ticket 4711");
        assertThat(AuditFilter.purpose("line one\r\nforged line")).isEqualTo("line one forged line");
        // Header bytes arrive as ISO-8859-1: a purpose sent in UTF-8 is read back as written.
        String sentAsUtf8 = new String("campaña de otoño".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        assertThat(AuditFilter.purpose(sentAsUtf8)).isEqualTo("campaña de otoño");
    }

    @Test
    void aPurposeLongerThan200CharactersIsRefusedNamingTheHeader() {
        assertThat(AuditFilter.purpose("x".repeat(200))).hasSize(200);
        assertThatThrownBy(() -> AuditFilter.purpose("x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Purpose").hasMessageContaining("200").hasMessageContaining("201");
    }
}
