package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailNormaliserTest {

    private final EmailNormaliser emails = new EmailNormaliser();

    @Test
    void trimsAndLowerCases() {
        assertThat(emails.normalise("  Ana.Garcia@Correo.ES ")).isEqualTo(usable("ana.garcia@correo.es"));
        assertThat(emails.normalise("mailto:ANA@correo.es")).isEqualTo(usable("ana@correo.es"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana", "ana@", "@correo.es", "ana@correo", "ana@@correo.es", "ana garcia@correo.es",
            "ana@correo..es", "ana@.es", "ana\u00a0garcia@correo.es", "unknown", "n/a", "-"})
    void rejectsValuesThatDoNotLookLikeAnEmail(String raw) {
        assertThat(emails.normalise(raw)).isEqualTo(rejected(Rejection.INVALID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void reportsEmptyValues(String raw) {
        assertThat(emails.normalise(raw)).isEqualTo(rejected(Rejection.EMPTY));
        assertThat(emails.normalise(null)).isEqualTo(rejected(Rejection.EMPTY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"info@acme.es", "INFO@acme.es", "contact@acme.com", "sales@acme.com",
            "noreply@shop.pt", "no-reply@shop.pt", "admin@acme.de", "office@firma.pl", "hello@startup.io",
            "support@acme.com", "info+web@acme.es", "kontakt@firma.de", "biuro@firma.pl"})
    void blocksGenericMailboxes(String raw) {
        assertThat(emails.normalise(raw)).isEqualTo(rejected(Rejection.BLOCKED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"test@test.com", "ana@example.com", "ana@example.org", "ana@sub.example.net",
            "unknown@gmail.com", "noemail@gmail.com", "ana@host.invalid", "n.a@gmail.com"})
    void blocksPlaceholders(String raw) {
        assertThat(emails.normalise(raw)).isEqualTo(rejected(Rejection.BLOCKED));
    }

    @Test
    void keepsPersonalAddressesAtCompanyDomains() {
        assertThat(emails.normalise("infante@acme.es")).isEqualTo(usable("infante@acme.es"));
        assertThat(emails.normalise("j.kowalski@firma.pl")).isEqualTo(usable("j.kowalski@firma.pl"));
    }

    private static Normalised usable(String value) {
        return new Normalised.Usable(new Identifier(IdentifierKind.EMAIL, value));
    }

    private static Normalised rejected(Rejection rejection) {
        return new Normalised.Rejected(IdentifierKind.EMAIL, rejection);
    }
}
