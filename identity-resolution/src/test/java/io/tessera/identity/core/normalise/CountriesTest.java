package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountriesTest {

    @ParameterizedTest
    @CsvSource({"ES,ES", "es,ES", "Spain,ES", "SPAIN,ES", "España,ES", "ESP,ES", "Germany,DE", "Deutschland,DE",
            "Portugal,PT", "Poland,PL", "United Kingdom,GB", "UK,GB", "U.K.,GB", "The Netherlands,NL",
            "Netherlands,NL", "United States,US", "USA,US", "Czech Republic,CZ"})
    void readsCodesAndCommonNames(String country, String region) {
        assertThat(Countries.region(country)).hasValue(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Atlantis", "XX", "42"})
    void leavesUnknownCountriesEmpty(String country) {
        assertThat(Countries.region(country)).isEmpty();
    }
}
