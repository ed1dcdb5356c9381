package io.tessera.identity.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelParametersJsonTest {

    private static ModelParameters sample() {
        ComparisonSpec surname = new ComparisonSpec("surname",
                List.of(Level.exact(), Level.jaroWinkler(0.92), Level.levenshtein(2)), true);
        ComparisonSpec dob = new ComparisonSpec("dob", List.of(Level.exact(), Level.dateWithinYears(1)), false);
        return new ModelParameters(ModelParameters.CURRENT_VERSION, 0.0004, List.of(
                new ComparisonParameters(surname, List.of(0.8, 0.1, 0.05, 0.05), List.of(0.001, 0.01, 0.02, 0.969),
                        Map.of("smith", 0.02, "jones", 0.01), 0.0002),
                new ComparisonParameters(dob, List.of(0.9, 0.05, 0.05), List.of(0.0001, 0.02, 0.9799), Map.of(),
                        1.0)));
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        ModelParametersJson.write(sample(), file);

        assertThat(Files.readString(file)).contains("\"version\" : 1");
        assertThat(ModelParametersJson.read(file)).isEqualTo(sample());
    }

    @Test
    void aMissingKeyIsNamedWithItsPath() {
        String json = ModelParametersJson.toJson(sample()).replaceFirst("\"m\"", "\"mm\"");

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("model.json: missing key 'comparisons[0].m'");
    }

    @Test
    void aWrongVersionOrLevelTypeIsNamed() {
        String newer = ModelParametersJson.toJson(sample()).replace("\"version\" : 1", "\"version\" : 9");
        assertThatThrownBy(() -> ModelParametersJson.fromJson(newer, "model.json"))
                .hasMessageContaining("key 'version' is 9").hasMessageContaining("retrain");

        String badLevel = ModelParametersJson.toJson(sample()).replace("JARO_WINKLER", "JARO");
        assertThatThrownBy(() -> ModelParametersJson.fromJson(badLevel, "model.json"))
                .hasMessageContaining("key 'comparisons[0].levels[1].type' is 'JARO'");

        assertThatThrownBy(() -> ModelParametersJson.fromJson("{\"version\": 1, ", "model.json"))
                .hasMessageStartingWith("model.json: not valid JSON at line 1");
    }

    @Test
    void aProbabilityOutOfRangeIsNamed() {
        String json = ModelParametersJson.toJson(sample()).replace("0.969", "1.969");

        assertThatThrownBy(() -> ModelParametersJson.fromJson(json, "model.json"))
                .hasMessage("model.json: key 'comparisons[0].u[3]' must be a probability in (0, 1]");
    }
}
