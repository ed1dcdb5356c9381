package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompanyNamesTest {

    @Test
    void legalFormsAndPunctuationDoNotMakeTwoCompanies() {
        assertThat(CompanyNames.normalise("Transportes Levante, S.L.")).isEqualTo("transportes levante");
        assertThat(CompanyNames.normalise("TRANSPORTES LEVANTE SL")).isEqualTo("transportes levante");
        assertThat(CompanyNames.normalise("Müller & Söhne GmbH & Co. KG")).isEqualTo("muller and sohne");
        assertThat(CompanyNames.normalise("Kowalski Sp. z o.o.")).isEqualTo("kowalski");
        assertThat(CompanyNames.normalise("Acme Ltd")).isEqualTo("acme");
    }

    @Test
    void aNameThatIsOnlyALegalFormIsKeptAndABlankOneIsNothing() {
        assertThat(CompanyNames.normalise("S.A.")).isEqualTo("sa");
        assertThat(CompanyNames.normalise("  ")).isNull();
    }
}
