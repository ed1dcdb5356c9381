package io.tessera.identity.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelParametersJsonTest {

    private static final ComparisonSpec SURNAME = new ComparisonSpec("surname",
            List.of(Level.exact(), Level.jaroWinkler(0.92), Level.levenshtein(2)), true);
    private static final ComparisonSpec DOB = new ComparisonSpec("dob",
            List.of(Level.exact(), Level.dateWithinYears(1)), false);
    private static final ModelParameters.Training TRAINING = new ModelParameters.Training(
            Instant.parse("2025-03-01T10:15:30Z"), 5000, List.of("crm.csv", "erp.csv"));

    private static ModelParameters sample() {
        return new ModelParameters(ModelParameters.CURRENT_VERSION, 0.0004, List.of(
                new ComparisonParameters(SURNAME, List.of(0.8, 0.1, 0.05, 0.05), List.of(0.001, 0.01, 0.02, 0.969),
                        Map.of("smith", 0.02, "jones", 0.01), 0.0002),
                new ComparisonParameters(DOB, List.of(0.9, 0.05, 0.05), List.of(0.0001, 0.02, 0.9799), Map.of(),
                        1.0)));
    }

    /** The 1-based line of the first line of {@code json} containing {@code needle}. */
    private static int lineOf(String json, String needle) {
        String[] lines = json.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + json);
    }

    @Test
    void roundTripsThroughAFileWithItsTrainingRecord(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        ModelParameters trained = sample().withTraining(TRAINING);
        ModelParametersJson.write(trained, file);

        String text = Files.readString(file);
        assertThat(text).contains("\"version\" : 1").contains("\"trainedAt\" : \"2025-03-01T10:15:30Z\"")
                .contains("\"records\" : 5000").contains("\"crm.csv\", \"erp.csv\"")
                .contains("\"configuration\" : \"" + sample().configuration() + "\"");
        assertThat(text.indexOf("\"version\"")).as("version and metadata come first, for a reviewer")
                .isLessThan(text.indexOf("\"trainedAt\"")).isLessThan(text.indexOf("\"comparisons\""));
        assertThat(ModelParametersJson.read(file)).isEqualTo(trained);
    }

    @Test
    void parametersWithoutATrainingRecordRoundTrip() {
        String json = ModelParametersJson.toJson(sample());

        assertThat(json).doesNotContain("trainedAt").contains("\"configuration\"");
        assertThat(ModelParametersJson.fromJson(json, "model.json")).isEqualTo(sample());
    }

    @Test
    void aFileWrittenBeforeTheMetadataExistedIsStillRead() {
        String old = """
                {
                  "version" : 1,
                  "lambda" : 4.0E-4,
                  "comparisons" : [ {
                    "attribute" : "dob",
                    "termFrequency" : false,
                    "levels" : [ { "type" : "EXACT", "threshold" : 0.0 },
                                 { "type" : "DATE_WITHIN_YEARS", "threshold" : 1.0 } ],
                    "m" : [ 0.9, 0.05, 0.05 ],
                    "u" : [ 1.0E-4, 0.02, 0.9799 ],
                    "termFrequencies" : { },
                    "unseenTermFrequency" : 1.0
                  } ]
                }
                """;

        ModelParameters read = ModelParametersJson.fromJson(old, "old.json");

        assertThat(read.training()).isNull();
        assertThat(read.specs()).containsExactly(DOB);
        assertThat(read.lambda()).isEqualTo(0.0004);
    }

    @Test
    void aMissingKeyIsNamedWithTheLineOfTheObjectThatShouldHoldIt() {
        String json = ModelParametersJson.toJson(sample()).replaceFirst("\"u\" : [^\\n]*\\n", "");
        int objectLine = lineOf(json, "\"attribute\" : \"surname\"") - 1;

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("model.json line " + objectLine + ": missing key 'comparisons[0].u'");
    }

    @Test
    void aWrongTypeNamesTheKeyAndItsLine() {
        String json = ModelParametersJson.toJson(sample()).replace("\"m\" : [ 0.9, 0.05, 0.05 ]", "\"m\" : \"0.9\"");

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "params.json"))
                .hasMessage("params.json line " + lineOf(json, "\"m\" : \"0.9\"")
                        + ": key 'comparisons[1].m' must be an array of numbers");
    }

    @Test
    void aMisspelledKeyIsNamedAsUnknown() {
        String json = ModelParametersJson.toJson(sample()).replaceFirst("\"m\"", "\"mm\"");

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .hasMessage("model.json line " + lineOf(json, "\"mm\"") + ": unknown key 'comparisons[0].mm'; keys "
                        + "not given here: m");
    }

    @Test
    void aWrongVersionOrLevelTypeIsNamedWithItsLine() {
        String newer = ModelParametersJson.toJson(sample()).replace("\"version\" : 1", "\"version\" : 9");
        assertThatThrownBy(() -> ModelParametersJson.fromJson(newer, "model.json"))
                .hasMessageStartingWith("model.json line 2: key 'version' is 9").hasMessageContaining("retrain");

        String badLevel = ModelParametersJson.toJson(sample()).replace("JARO_WINKLER", "JARO");
        assertThatThrownBy(() -> ModelParametersJson.fromJson(badLevel, "model.json"))
                .hasMessageStartingWith("model.json line " + lineOf(badLevel, "\"JARO\"")
                        + ": key 'comparisons[0].levels[1].type' is 'JARO'");
    }

    @Test
    void invalidJsonNamesTheLine() {
        assertThatThrownBy(() -> ModelParametersJson.fromJson("{\n  \"version\": 1,\n  \"lambda\": 0.1,,\n}",
                "model.json"))
                .hasMessageStartingWith("model.json line 3: not valid JSON: ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ModelParametersJson.fromJson("", "model.json"))
                .hasMessageStartingWith("model.json line 1: the file is empty");
    }

    @Test
    void aKeyGivenTwiceIsNamedWithBothLines() {
        String json = "{\n  \"version\": 1,\n  \"lambda\": 0.1,\n  \"lambda\": 0.2,\n  \"comparisons\": []\n}";

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .hasMessage("model.json line 4: key 'lambda' appears twice (first on line 3); keep one");
    }

    @Test
    void aProbabilityOutOfRangeIsNamedWithItsLine() {
        String json = ModelParametersJson.toJson(sample()).replace("0.969", "1.969");

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .hasMessage("model.json line " + lineOf(json, "1.969")
                        + ": key 'comparisons[0].u[3]' must be a probability in (0, 1]");
    }

    @Test
    void aBadTermFrequencyIsLocatedWithoutQuotingTheValueItBelongsTo() {
        String json = ModelParametersJson.toJson(sample()).replace("\"smith\" : 0.02", "\"smith\" : \"often\"");

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .hasMessageStartingWith("model.json line " + lineOf(json, "\"often\"")
                        + ": a value of key 'comparisons[0].termFrequencies'")
                .hasMessageNotContaining("smith");
    }

    @Test
    void editedComparisonsNoLongerMatchTheStoredConfiguration() {
        String json = ModelParametersJson.toJson(sample()).replace("\"threshold\" : 0.92", "\"threshold\" : 0.9");

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .hasMessageStartingWith("model.json line " + lineOf(json, "\"configuration\"")
                        + ": key 'configuration' is '" + sample().configuration() + "'")
                .hasMessageContaining("learn the parameters again");
    }

    @Test
    void anIncompleteTrainingRecordIsNamed() {
        String json = ModelParametersJson.toJson(sample().withTraining(TRAINING))
                .replaceFirst("\"records\" : 5000,\\n", "");

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .hasMessage("model.json line 1: missing key 'records'");

        String badTime = ModelParametersJson.toJson(sample().withTraining(TRAINING))
                .replace("2025-03-01T10:15:30Z", "yesterday");
        assertThatThrownBy(() -> ModelParametersJson.fromJson(badTime, "model.json"))
                .hasMessageStartingWith("model.json line " + lineOf(badTime, "yesterday")
                        + ": key 'trainedAt' must be an ISO-8601 instant");
    }

    @Test
    void theFingerprintDependsOnTheComparisonsOnly() {
        ComparisonSpec passport = new ComparisonSpec("id:passport", List.of(Level.exact()), false);

        assertThat(sample().configuration()).isEqualTo(ModelParameters.fingerprint(List.of(SURNAME, DOB)))
                .matches("sha256:[0-9a-f]{16}")
                // Pinned: stored files carry this value, so changing how it is computed would reject them all.
                .isEqualTo("sha256:1e20b901cc157883");
        assertThat(ModelParameters.fingerprint(List.of(SURNAME, DOB, passport)))
                .isNotEqualTo(sample().configuration());
        assertThat(sample().withTraining(TRAINING).configuration()).isEqualTo(sample().configuration());
    }

    @Test
    void aMismatchSaysWhichComparisonsDiffer() {
        ComparisonSpec passport = new ComparisonSpec("id:passport", List.of(Level.exact()), false);
        ComparisonSpec looserDob = new ComparisonSpec("dob", List.of(Level.exact(), Level.dateWithinYears(2)), false);

        assertThat(sample().mismatch(List.of(SURNAME, DOB))).isEmpty();
        assertThat(sample().mismatch(List.of(SURNAME, DOB, passport))).contains(
                "no parameters for comparison(s) 'id:passport'");
        assertThat(sample().mismatch(List.of(SURNAME))).contains(
                "parameters for comparison(s) 'dob' that the configuration does not have");
        assertThat(sample().mismatch(List.of(SURNAME, looserDob))).contains("other levels for 'dob'");
        assertThat(sample().mismatch(List.of(DOB, SURNAME))).contains("the comparisons are in another order");
    }
}
