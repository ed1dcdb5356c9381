package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateNormaliserTest {

    private final DateNormaliser dates = new DateNormaliser(DateNormaliser.Order.DAY_FIRST, 2026);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1956-04-12,1956-04-12", "1956/4/12,1956-04-12", "1956-04-12T00:00:00Z,1956-04-12",
            "19560412,1956-04-12", "12/04/1956,1956-04-12", "12.04.1956,1956-04-12", "12-4-56,1956-04-12",
            "1-2-05,2005-02-01", "01/02/26,2026-02-01", "01/02/27,1927-02-01", "12/25/1980,1980-12-25",
            " 29.02.2000 ,2000-02-29", "31 12 1999,1999-12-31"})
    void readsCommonFormats(String raw, String expected) {
        assertThat(dates.normalise(raw).date()).hasValue(LocalDate.parse(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"12 de abril de 1956|1956-04-12", "12. März 1956|1956-03-12",
            "12-Apr-56|1956-04-12", "April 12th, 1956|1956-04-12", "1er juillet 1980|1980-07-01",
            "3 juin 1980|1980-06-03", "15 października 1975|1975-10-15", "7 set 1990|1990-09-07",
            "25 dicembre 1960|1960-12-25", "1 mei 2001|2001-05-01", "31 Nov 1980|INVALID", "12 Foo 1980|INVALID"})
    void readsMonthNamesInOurLanguages(String raw, String expected) {
        if (expected.equals("INVALID")) {
            assertThat(dates.normalise(raw).rejection()).isEqualTo(Rejection.INVALID);
        } else {
            assertThat(dates.normalise(raw).date()).hasValue(LocalDate.parse(expected));
        }
    }

    @Test
    void readsMonthFirstWhenTheSourceSaysSo() {
        DateNormaliser us = new DateNormaliser(DateNormaliser.Order.MONTH_FIRST, 2026);
        assertThat(us.normalise("04/12/1956").date()).hasValue(LocalDate.of(1956, 4, 12));
        assertThat(us.normalise("25/12/1980").date()).hasValue(LocalDate.of(1980, 12, 25));
        assertThat(dates.normalise("04/12/1956").date()).hasValue(LocalDate.of(1956, 12, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30/02/1980", "29.02.1900", "1980-13-01", "32/01/1980", "13/13/1980", "1980-02-30",
            "19801301", "hello", "12/04", "1700-01-01"})
    void rejectsImpossibleDates(String raw) {
        assertThat(dates.normalise(raw).rejection()).isEqualTo(Rejection.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1900-01-01", "01/01/1900", "19000101", "0000-00-00", "00/00/0000", "0000",
            "9999-12-31", "31.12.9999", "1899-12-31"})
    void blocksPlaceholders(String raw) {
        assertThat(dates.normalise(raw).rejection()).isEqualTo(Rejection.BLOCKED);
    }

    @Test
    void reportsEmptyValues() {
        assertThat(dates.normalise(null).rejection()).isEqualTo(Rejection.EMPTY);
        assertThat(dates.normalise("  ").rejection()).isEqualTo(Rejection.EMPTY);
    }

    @Test
    void measuresDistanceInDays() {
        assertThat(DateNormaliser.distance(LocalDate.of(1980, 4, 12), LocalDate.of(1980, 4, 15))).isEqualTo(3);
        assertThat(DateNormaliser.distance(LocalDate.of(1981, 4, 12), LocalDate.of(1980, 4, 12))).isEqualTo(365);
    }

    @Test
    void tellsTransposedDayAndMonth() {
        assertThat(DateNormaliser.transposedDayMonth(LocalDate.of(1980, 4, 12), LocalDate.of(1980, 12, 4))).isTrue();
        assertThat(DateNormaliser.transposedDayMonth(LocalDate.of(1980, 4, 4), LocalDate.of(1980, 4, 4))).isFalse();
        assertThat(DateNormaliser.transposedDayMonth(LocalDate.of(1980, 4, 12), LocalDate.of(1981, 12, 4)))
                .isFalse();
        assertThat(DateNormaliser.transposedDayMonth(LocalDate.of(1980, 4, 12), LocalDate.of(1980, 4, 13)))
                .isFalse();
    }

    @Test
    void aDateNeverPrintsItsClearValue() {
        assertThat(dates.normalise("1956-04-12").toString()).doesNotContain("1956");
    }
}
