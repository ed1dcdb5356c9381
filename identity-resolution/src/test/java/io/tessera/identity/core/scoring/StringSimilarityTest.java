package io.tessera.identity.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StringSimilarityTest {

    @Test
    void jaroWinklerMatchesPublishedValues() {
        // Values from Winkler (1990) and the usual reference implementations.
        assertThat(StringSimilarity.jaroWinkler("martha", "marhta")).isCloseTo(0.9611, within(1e-4));
        assertThat(StringSimilarity.jaroWinkler("dwayne", "duane")).isCloseTo(0.84, within(1e-4));
        assertThat(StringSimilarity.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.8133, within(1e-4));
        assertThat(StringSimilarity.jaro("martha", "marhta")).isCloseTo(0.9444, within(1e-4));
        assertThat(StringSimilarity.jaroWinkler("abc", "abc")).isEqualTo(1.0);
        assertThat(StringSimilarity.jaroWinkler("abc", "xyz")).isEqualTo(0.0);
        assertThat(StringSimilarity.jaroWinkler("", "abc")).isEqualTo(0.0);
    }

    @Test
    void levenshteinCountsEdits() {
        assertThat(StringSimilarity.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(StringSimilarity.levenshtein("1804974", "1804947")).isEqualTo(2);
        assertThat(StringSimilarity.levenshtein("", "ab")).isEqualTo(2);
    }

    @Test
    void dateLevelsRecogniseTypicalErrors() {
        assertThat(Level.dateOnePartDiffers().matches("1956-04-09", "1957-04-09")).isTrue();
        assertThat(Level.dateOnePartDiffers().matches("1956-04-09", "1957-05-09")).isFalse();
        assertThat(Level.dateDayMonthSwapped().matches("1956-04-09", "1956-09-04")).isTrue();
        assertThat(Level.dateWithinYears(1).matches("1956-04-09", "1957-02-01")).isTrue();
        assertThat(Level.dateWithinYears(1).matches("1956-04-09", "1958-02-01")).isFalse();
        // A corrupted day still has a usable year.
        assertThat(Level.dateWithinYears(1).matches("1956-04-00", "1956-05-01")).isTrue();
    }

    @Test
    void foldingStripsAccentsAndCase() {
        assertThat(TextFolding.fold("  José  MÜLLER ")).isEqualTo("jose muller");
    }
}
