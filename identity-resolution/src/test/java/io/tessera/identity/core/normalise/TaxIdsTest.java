package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxIdsTest {

    @ParameterizedTest(name = "{1}: {0} -> {2} {3}")
    @CsvSource({
            "12345679-S,     ES, ES-NIF,       12345679S",
            "00000001R,      ES, ES-NIF,       00000001R",
            "1R,             ES, ES-NIF,       00000001R",
            "x-1234567-l,    ES, ES-NIE,       X1234567L",
            "B12345674,      ES, ES-CIF,       B12345674",
            "Q2826000H,      ES, ES-CIF,       Q2826000H",
            "A58818501,      Spain, ES-CIF,    A58818501",
            "123 456 789,    PT, PT-NIF,       123456789",
            "rssmra85t10a562s, IT, IT-CF,      RSSMRA85T10A562S",
            "07643520567,    IT, IT-PIVA,      07643520567",
            "44051401359,    PL, PL-PESEL,     44051401359",
            "123-456-32-18,  PL, PL-NIP,       1234563218",
            "111222333,      NL, NL-BSN,       111222333",
            "12345672,       NL, NL-BSN,       012345672",
            "86095742719,    DE, DE-STEUER-ID, 86095742719",
            "ESB12345674,    ES, EU-VAT,       ESB12345674",
            "PT 123 456 789, ,   EU-VAT,       PT123456789",
            "IT07643520567,  ,   EU-VAT,       IT07643520567",
            "PL1234563218,   ,   EU-VAT,       PL1234563218",
            "DE136695976,    ,   EU-VAT,       DE136695976",
            "NL123456782B01, ,   EU-VAT,       NL123456782B01",
            "NL004495445B01, ,   EU-VAT,       NL004495445B01",
            "FR40303265045,  ,   EU-VAT,       FR40303265045",
            "BE0403170701,   ,   EU-VAT,       BE0403170701",
            "BE403170701,    ,   EU-VAT,       BE0403170701"})
    void validatesWellFormedIdsWithTheirCheckDigits(String raw, String country, String type, String value) {
        TaxId id = TaxIds.parse(raw, country);
        assertThat(id.type().code()).isEqualTo(type);
        assertThat(id.value()).isEqualTo(value);
        assertThat(id.status()).isEqualTo(TaxIdStatus.VALID);
        assertThat(id.isValid()).isTrue();
    }

    @ParameterizedTest(name = "{1}: {0} -> {2}")
    @CsvSource({
            "12345679A,        ES, BAD_CHECK_DIGIT",
            "X1234567A,        ES, BAD_CHECK_DIGIT",
            "B12345675,        ES, BAD_CHECK_DIGIT",
            "1234567890,       ES, BAD_FORMAT",
            "12345678Z,        ES, PLACEHOLDER",
            "123456788,        PT, BAD_CHECK_DIGIT",
            "12345678,         PT, BAD_FORMAT",
            "RSSMRA85T10A562T, IT, BAD_CHECK_DIGIT",
            "07643520568,      IT, BAD_CHECK_DIGIT",
            "44051401358,      PL, BAD_CHECK_DIGIT",
            "1234563219,       PL, BAD_CHECK_DIGIT",
            "111222334,        NL, BAD_CHECK_DIGIT",
            "000000000,        NL, PLACEHOLDER",
            "86095742718,      DE, BAD_CHECK_DIGIT",
            "DE136695977,      DE, BAD_CHECK_DIGIT",
            "FR41303265045,    FR, BAD_CHECK_DIGIT",
            "BE0403170702,     BE, BAD_CHECK_DIGIT",
            "NL123456789B01,   NL, BAD_CHECK_DIGIT",
            "ATU1234567,       AT, BAD_FORMAT",
            "'',               ES, EMPTY",
            "123,              US, UNSUPPORTED"})
    void reportsWhyAnIdIsNotValid(String raw, String country, TaxIdStatus status) {
        TaxId id = TaxIds.parse(raw, country);
        assertThat(id.status()).isEqualTo(status);
        assertThat(id.isValid()).isFalse();
    }

    @Test
    void acceptsTheFormatOfOtherMemberStatesWithoutACheckDigit() {
        TaxId austrian = TaxIds.vat("ATU13585627");
        assertThat(austrian.status()).isEqualTo(TaxIdStatus.VALID_FORMAT_ONLY);
        assertThat(austrian.isValid()).isTrue();
        assertThat(TaxIds.vat("EL094259216").status()).isEqualTo(TaxIdStatus.VALID_FORMAT_ONLY);
        assertThat(TaxIds.vat("XX123456789").status()).isEqualTo(TaxIdStatus.UNSUPPORTED);
    }

    @Test
    void readsTheDateOfBirthAndSexOfAPesel() {
        assertThat(TaxIds.peselBirthDate("44051401359")).hasValue(LocalDate.of(1944, 5, 14));
        assertThat(TaxIds.peselSex("44051401359")).hasValue('M');
        // The month carries the century: +20 for the 2000s.
        assertThat(TaxIds.peselBirthDate("02270803624")).hasValue(LocalDate.of(2002, 7, 8));
        assertThat(TaxIds.peselSex("02270803624")).hasValue('F');
        assertThat(TaxIds.peselBirthDate("44051401358")).isEmpty();
    }

    @Test
    void aCodiceFiscaleStartingWithACountryCodeIsNoVatNumber() {
        String cf = "ESP" + "PRL80A01H501";
        TaxId id = TaxIds.parse(cf + TaxIds.codiceFiscaleCheck(cf), "IT");
        assertThat(id.type()).isEqualTo(TaxIdType.IT_CF);
        assertThat(id.status()).isEqualTo(TaxIdStatus.VALID);
    }

    @Test
    void equalIdsInAnySpellingHaveOneKey() {
        assertThat(TaxIds.parse("12.345.679-s", "ES").key()).isEqualTo(TaxIds.parse("12345679S", "Spain").key());
        assertThat(TaxIds.parse("12345679S", "ES").key()).isEqualTo("ES-NIF:12345679S");
    }

    @Test
    void aVatNumberAndTheNationalIdItIsMadeOfCompareEqual() {
        assertThat(TaxIds.parse("ESB12345674", null).comparableKey())
                .isEqualTo(TaxIds.parse("B-12345674", "ES").comparableKey())
                .isEqualTo("ES-CIF:B12345674");
        assertThat(TaxIds.vat("PT123456789").comparableKey()).isEqualTo(TaxIds.parse("123456789", "PT").key());
        assertThat(TaxIds.vat("IT07643520567").comparableKey()).isEqualTo("IT-PIVA:07643520567");
        assertThat(TaxIds.vat("PL1234563218").comparableKey()).isEqualTo("PL-NIP:1234563218");
        assertThat(TaxIds.vat("DE136695976").comparableKey()).isEqualTo("EU-VAT:DE136695976");
    }

    @Test
    void anIdNeverPrintsItsClearValue() {
        assertThat(TaxIds.parse("44051401359", "PL").toString()).doesNotContain("440514");
    }
}
