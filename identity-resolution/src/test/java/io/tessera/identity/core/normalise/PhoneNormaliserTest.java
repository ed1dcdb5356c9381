package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormaliserTest {

    private final PhoneNormaliser phones = new PhoneNormaliser("ES");

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "+34 612 345 678   | ES       | +34612345678",
            "0034612345678     | ES       | +34612345678",
            "612 34 56 78      | ES       | +34612345678",
            "(+34) 612-345-678 | DE       | +34612345678",
            "612345678         | Spain    | +34612345678",
            "612345678         | España   | +34612345678",
            "612345678         | ESP      | +34612345678",
            "612345678         | null     | +34612345678",
            "0151 23456789     | DE       | +4915123456789",
            "030 901820        | Germany  | +4930901820",
            "+49 30 90182012   | ES       | +493090182012",
            "912 345 678       | PT       | +351912345678",
            "21 234 5678       | Portugal | +351212345678",
            "512 345 678       | PL       | +48512345678",
            "22 123 45 67      | Poland   | +48221234567",
            "020 7946 0958     | UK       | +442079460958",
            "0034 612 345 678  | US       | +34612345678"})
    void normalisesNationalAndInternationalFormatsToE164(String raw, String country, String e164) {
        assertThat(phones.normalise(raw, country))
                .isEqualTo(new Normalised.Usable(new Identifier(IdentifierKind.PHONE, e164)));
    }

    @Test
    void readsNationalNumbersInTheDefaultRegionWhenTheCountryIsUnknown() {
        PhoneNormaliser german = new PhoneNormaliser("DE");
        assertThat(german.normalise("0151 23456789", "Atlantis").usable())
                .hasValue(new Identifier(IdentifierKind.PHONE, "+4915123456789"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "+34 123", "abc", "n/a", "unknown", "612 34 56", "+99 123456789"})
    void rejectsInvalidNumbers(String raw) {
        assertThat(phones.normalise(raw, "ES")).isEqualTo(rejected(Rejection.INVALID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"666 666 666", "+34 600 000 000", "+49 30 0000000", "+48 987 654 321",
            "+44 1234 567890"})
    void neverUsesPlaceholderNumbers(String raw) {
        assertThat(phones.normalise(raw, "ES").usable()).isEmpty();
    }

    @Test
    void blocksValidNumbersThatArePlaceholders() {
        assertThat(phones.normalise("666666666", "ES")).isEqualTo(rejected(Rejection.BLOCKED));
        assertThat(phones.normalise("600 000 000", "ES")).isEqualTo(rejected(Rejection.BLOCKED));
        assertThat(PhoneNormaliser.isPlaceholder("000000000")).isTrue();
        assertThat(PhoneNormaliser.isPlaceholder("123456789")).isTrue();
        assertThat(PhoneNormaliser.isPlaceholder("1234567890")).isTrue();
        assertThat(PhoneNormaliser.isPlaceholder("612345678")).isFalse();
    }

    @Test
    void refusesAnUnknownDefaultRegionWithAClearMessage() {
        assertThatThrownBy(() -> new PhoneNormaliser("Spain"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Spain'")
                .hasMessageContaining("ES");
    }

    private static Normalised rejected(Rejection rejection) {
        return new Normalised.Rejected(IdentifierKind.PHONE, rejection);
    }
}
