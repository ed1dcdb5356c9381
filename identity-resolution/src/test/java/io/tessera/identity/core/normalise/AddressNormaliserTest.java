package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressNormaliserTest {

    private final AddressNormaliser addresses = new AddressNormaliser();

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "C/ Mayor, 12 3ºB                  | ES | calle    | mayor                | 12    | 3 b",
            "Cl. Mayor 12                      | ES | calle    | mayor                | 12    | ''",
            "Calle de Alcalá, 45               | ES | calle    | alcala               | 45    | ''",
            "Avda. de la Constitución 5, 2º izda | ES | avenida | constitucion        | 5     | 2 izda",
            "Av. Diagonal 640                  | ES | avenida  | diagonal             | 640   | ''",
            "Pº de la Castellana 100           | ES | paseo    | castellana           | 100   | ''",
            "Pl. Mayor 1                       | ES | plaza    | mayor                | 1     | ''",
            "Calle Real nº 12                  | ES | calle    | real                 | 12    | ''",
            "R. Augusta, 274                   | PT | rua      | augusta              | 274   | ''",
            "Tv. do Carmo 3                    | PT | travessa | carmo                | 3     | ''",
            "Av. da Liberdade 110              | PT | avenida  | liberdade            | 110   | ''",
            "12 Bd Saint-Germain               | FR | boulevard | saint germain       | 12    | ''",
            "3 rue de l'Église                 | FR | rue      | eglise               | 3     | ''",
            "V. Roma 12/14                     | IT | via      | roma                 | 12-14 | ''",
            "C.so Vittorio Emanuele II 10      | IT | corso    | vittorio emanuele ii | 10    | ''",
            "P.zza Navona 5                    | IT | piazza   | navona               | 5     | ''",
            "V.le Europa 3                     | IT | viale    | europa               | 3     | ''",
            "Hauptstr. 5a                      | DE | strasse  | haupt                | 5a    | ''",
            "Hauptstraße 5 A                   | DE | strasse  | haupt                | 5a    | ''",
            "Berliner Straße 12-14             | DE | strasse  | berliner             | 12-14 | ''",
            "Marktpl. 3                        | DE | platz    | markt                | 3     | ''",
            "Birkenweg 7                       | DE | weg      | birken               | 7     | ''",
            "Kerkstraat 12 A                   | NL | straat   | kerk                 | 12a   | ''",
            "Laan van Meerdervoort 55          | NL | laan     | meerdervoort         | 55    | ''",
            "Stationsplein 1                   | NL | plein    | stations             | 1     | ''",
            "ul. Marszałkowska 12 m. 56        | PL | ulica    | marszalkowska        | 12    | 56",
            "al. Jerozolimskie 65              | PL | aleja    | jerozolimskie        | 65    | ''",
            "pl. Zbawiciela 4                  | PL | plac     | zbawiciela           | 4     | ''",
            "221B Baker St                     | GB | street   | baker                | 221b  | ''",
            "10 Downing Street                 | GB | street   | downing              | 10    | ''",
            "5 Abbey Rd                        | GB | road     | abbey                | 5     | ''",
            "7 Park Ave                        | US | avenue   | park                 | 7     | ''",
            "3 Mulholland Dr                   | US | drive    | mulholland           | 3     | ''",
            "4 Penny Ln                        | GB | lane     | penny                | 4     | ''"})
    void readsStreetTypeNameNumberAndUnit(
            String street, String country, String type, String name, String number, String unit) {
        Address address = addresses.normalise(street, null, null, country);
        assertThat(address.streetType()).isEqualTo(type);
        assertThat(address.streetName()).isEqualTo(name);
        assertThat(address.houseNumber()).isEqualTo(number);
        assertThat(address.unit()).isEqualTo(unit);
        assertThat(address.country()).isEqualTo(country);
    }

    @Test
    void theCountryPicksTheLanguageOfAnAbbreviation() {
        assertThat(addresses.normalise("Pl. Mayor 1", null, null, "Spain").streetType()).isEqualTo("plaza");
        assertThat(addresses.normalise("Pl. der Republik 1", null, null, "Deutschland").streetType())
                .isEqualTo("platz");
        assertThat(addresses.normalise("Pl. Zbawiciela 4", null, null, "Polska").streetType()).isEqualTo("plac");
        assertThat(addresses.normalise("R. Augusta 274", null, null, "PT").streetType()).isEqualTo("rua");
        assertThat(addresses.normalise("R. de Rivoli 1", null, null, "FR").streetType()).isEqualTo("rue");
    }

    @Test
    void abbreviationsMeetTheirFullForm() {
        Address full = addresses.normalise("Calle Mayor, 12", "28013", "Madrid", "ES");
        assertThat(addresses.normalise("C/Mayor 12", "28013", "MADRID", "España")).isEqualTo(full);
        assertThat(addresses.normalise("CL. MAYOR, Nº 12", "28013", " madrid ", "ESP")).isEqualTo(full);
        assertThat(full.streetKey()).isEqualTo("calle mayor 12");
    }

    @ParameterizedTest(name = "{1}: {0} -> {2}")
    @CsvSource({"28013,ES,28013", "8001,ES,08001", "E-28013,ES,28013", "1100-148,PT,1100-148",
            "1100 148,PT,1100-148", "1100148,PT,1100-148", "D-10115,DE,10115", "1067,DE,01067",
            "75001,FR,75001", "00100,IT,00100", "1234ab,NL,1234 AB", "1234 AB,NL,1234 AB", "00-950,PL,00-950",
            "00950,PL,00-950", "sw1a1aa,GB,SW1A 1AA", "SW1A 1AA,GB,SW1A 1AA", "M1 1AE,GB,M1 1AE",
            "1000,BE,1000", "1010,AT,1010", "d02x285,IE,D02 X285", "A65 F4E2,IE,A65 F4E2"})
    void normalisesPostcodesToTheirCountrysForm(String raw, String country, String canonical) {
        assertThat(Postcodes.normalise(raw, country)).hasValue(canonical);
        Address address = addresses.normalise("x 1", raw, null, country);
        assertThat(address.postcode()).isEqualTo(canonical);
        assertThat(address.postcodeValid()).isTrue();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({"99999,ES", "123,ES", "1100,PT", "123456,DE", "1234,NL", "0123 AB,NL", "00 95,PL",
            "ABC,GB", "12345,BE", "0999,AT", "XYZ 1234,IE", "28013,XX"})
    void refusesPostcodesThatDoNotFitTheCountry(String raw, String country) {
        assertThat(Postcodes.normalise(raw, country)).isEmpty();
    }

    @ParameterizedTest(name = "{2}: {0}")
    @CsvSource({"28013 Madrid,madrid,ES,28013", "1012 AB Amsterdam,amsterdam,NL,1012 AB",
            "London SW1A 1AA,london,GB,SW1A 1AA", "00-950 Warszawa,warszawa,PL,00-950",
            "1100-148 Lisboa,lisboa,PT,1100-148", "Madrid,madrid,ES,''"})
    void takesAPostcodeOutOfTheCityWhenThereIsNoPostcode(String city, String folded, String country, String code) {
        Address address = addresses.normalise("x 1", null, city, country);
        assertThat(address.city()).isEqualTo(folded);
        assertThat(address.postcode()).isEqualTo(code);
    }

    @Test
    void keepsAnInvalidPostcodeCompactedAndSaysSo() {
        Address address = addresses.normalise("Calle Mayor 1", " 99 999 ", "Madrid", "ES");
        assertThat(address.postcode()).isEqualTo("99999");
        assertThat(address.postcodeValid()).isFalse();
    }

    @Test
    void foldsTheCityAndToleratesMissingParts() {
        assertThat(addresses.normalise(null, null, "Kraków", "PL").city()).isEqualTo("krakow");
        assertThat(addresses.normalise(null, null, "A Coruña", "ES").city()).isEqualTo("a coruna");
        Address empty = addresses.normalise(null, null, null, null);
        assertThat(empty).isEqualTo(new Address("", "", "", "", "", false, "", ""));
    }

    @Test
    void anAddressNeverPrintsItsClearValue() {
        assertThat(addresses.normalise("Calle Mayor 12", "28013", "Madrid", "ES").toString())
                .doesNotContain("mayor").doesNotContain("28013").doesNotContain("madrid");
    }
}
