package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailProvidersTest {

    private final EmailNormaliser emails = new EmailNormaliser();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Ana.Garcia+tienda@gmail.com,   anagarcia@gmail.com",
            "a.n.a.garcia@googlemail.com,   anagarcia@gmail.com",
            "jan.kowalski+news@outlook.com, jan.kowalski@outlook.com",
            "joao.silva+promo@hotmail.pt,   joao.silva@hotmail.pt",
            "marie+shop@live.fr,            marie@live.fr",
            "hans.mueller-ebay@yahoo.de,    hans.mueller@yahoo.de",
            "luca+amazon@me.com,            luca@icloud.com",
            "luca@mac.com,                  luca@icloud.com",
            "piet+bank@fastmail.com,        piet@fastmail.com",
            "shop@piet.fastmail.com,        piet@fastmail.com",
            "anna+x@proton.me,              anna@proton.me",
            "ana.garcia+x@correo.es,        ana.garcia+x@correo.es",
            "j.kowalski@firma.pl,           j.kowalski@firma.pl"})
    void appliesTheRulesOfTheProviderOnly(String raw, String canonical) {
        assertThat(emails.forms(raw)).hasValueSatisfying(forms -> {
            assertThat(forms.asWritten()).isEqualTo(raw.toLowerCase(java.util.Locale.ROOT));
            assertThat(forms.canonicalMailbox()).isEqualTo(canonical);
        });
    }

    @Test
    void gmailSpellingsGiveOneIdentifier() {
        Normalised written = emails.normaliseCanonical(" Ana.Garcia+Tienda@GoogleMail.com ");
        assertThat(written).isEqualTo(emails.normaliseCanonical("anagarcia@gmail.com"));
        assertThat(written.usable()).hasValue(new Identifier(IdentifierKind.EMAIL, "anagarcia@gmail.com"));
    }

    @Test
    void keepsTheAsWrittenApiUnchanged() {
        assertThat(emails.normalise("Ana.Garcia+Tienda@gmail.com").usable())
                .hasValue(new Identifier(IdentifierKind.EMAIL, "ana.garcia+tienda@gmail.com"));
    }

    @Test
    void blocksAGenericMailboxHiddenBehindATag() {
        assertThat(emails.normaliseCanonical("info+web@gmail.com"))
                .isEqualTo(new Normalised.Rejected(IdentifierKind.EMAIL, Rejection.BLOCKED));
        assertThat(emails.forms("i.n.f.o@gmail.com")).isEmpty();
    }

    @Test
    void neverLeavesAnEmptyMailbox() {
        assertThat(EmailProviders.canonicalMailbox("+tag@gmail.com")).isEqualTo("+tag@gmail.com");
        assertThat(EmailProviders.canonicalMailbox("...@gmail.com")).isEqualTo("...@gmail.com");
    }

    @Test
    void reportsInvalidInputAsBefore() {
        assertThat(emails.normaliseCanonical("ana@")).isEqualTo(
                new Normalised.Rejected(IdentifierKind.EMAIL, Rejection.INVALID));
        assertThat(emails.forms(null)).isEmpty();
    }

    @Test
    void formsNeverPrintTheirClearValue() {
        assertThat(emails.forms("ana.garcia@gmail.com").orElseThrow().toString()).doesNotContain("garcia");
    }
}
