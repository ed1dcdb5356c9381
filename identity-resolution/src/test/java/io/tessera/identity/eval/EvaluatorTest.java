package io.tessera.identity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Map<String, String> TRUTH = Map.of("a", "1", "b", "1", "c", "1", "d", "2", "e", "2");

    @Test
    void perfectPartitionScoresOne() {
        PartitionMetrics metrics = Evaluator.evaluate(List.of(List.of("a", "b", "c"), List.of("d", "e")), TRUTH);

        assertThat(metrics.pairF1()).isEqualTo(1.0);
        assertThat(metrics.bcubedF1()).isEqualTo(1.0);
        assertThat(metrics.truePairs()).isEqualTo(4);
    }

    @Test
    void splitAndMergeErrorsAreCounted() {
        // {a,b} {c,d,e}: predicted pairs ab, cd, ce, de; correct ab, de.
        PartitionMetrics metrics = Evaluator.evaluate(List.of(List.of("a", "b"), List.of("c", "d", "e")), TRUTH);

        assertThat(metrics.pairPrecision()).isEqualTo(0.5);
        assertThat(metrics.pairRecall()).isEqualTo(0.5);
        // B-cubed precision: a,b 1; c 1/3; d,e 2/3 → (2 + 1/3 + 4/3) / 5.
        assertThat(metrics.bcubedPrecision()).isCloseTo((2 + 1.0 / 3 + 4.0 / 3) / 5, within(1e-12));
        // B-cubed recall: a,b 2/3; c 1/3; d,e 1 → (4/3 + 1/3 + 2) / 5.
        assertThat(metrics.bcubedRecall()).isCloseTo((4.0 / 3 + 1.0 / 3 + 2) / 5, within(1e-12));
    }

    @Test
    void csvLinesWithQuotedCommasSplitCorrectly() {
        assertThat(DatasetReaders.splitLine("q1, x ,\"bristol, city of\",\"a \"\"b\"\"\""))
                .containsExactly("q1", "x", "bristol, city of", "a \"b\"");
    }

    @Test
    void febrlValuesAreNormalised() {
        assertThat(DatasetReaders.normalise("date_of_birth", " 19560409")).isEqualTo("1956-04-09");
        assertThat(DatasetReaders.normalise("phone_number", "03 51056140")).isEqualTo("0351056140");
        assertThat(DatasetReaders.normalise("surname", " ")).isNull();
    }
}
