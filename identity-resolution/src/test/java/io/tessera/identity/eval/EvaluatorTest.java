package io.tessera.identity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tessera.identity.core.blocking.Blocker;
import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.blocking.KeyPart;
import io.tessera.identity.core.scoring.Features;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Two files: a1–b1 and a2–b2 are the same person; a3 and b3 are people of their own. */
    private static final Map<String, String> LINKAGE_TRUTH = Map.of("a1", "p1", "b1", "p1", "a2", "p2", "b2", "p2",
            "a3", "p3", "b3", "p4");

    private static String file(String id) {
        return id.substring(0, 1);
    }

    @Test
    void linkageCountsOnlyPairsAcrossFiles() {
        // {a2, a3, b2}: cross pairs a2-b2 (right) and a3-b2 (wrong); a2-a3 is a same-file merge, left out.
        Evaluator.LinkageMetrics metrics = Evaluator.evaluateLinkage(
                List.of(List.of("a1", "b1"), List.of("a2", "a3", "b2"), List.of("b3")), LINKAGE_TRUTH,
                EvaluatorTest::file);

        assertThat(metrics.predictedPairs()).isEqualTo(3);
        assertThat(metrics.correctPairs()).isEqualTo(2);
        assertThat(metrics.truePairs()).isEqualTo(2);
        assertThat(metrics.withinFilePairs()).isEqualTo(1);
        assertThat(metrics.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(metrics.recall()).isEqualTo(1.0);
        assertThat(metrics.f1()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void linkageIgnoresTrueDuplicatesInsideOneFile() {
        // a1 and a2 are one person in one file: a dedupe pair, which a linkage neither needs nor is credited for.
        Map<String, String> truth = Map.of("a1", "p1", "b1", "p1", "a2", "p1");
        Evaluator.LinkageMetrics metrics = Evaluator.evaluateLinkage(List.of(List.of("a1", "b1"), List.of("a2")),
                truth, EvaluatorTest::file);

        assertThat(metrics.truePairs()).as("a1-b1 and a2-b1").isEqualTo(2);
        assertThat(metrics.correctPairs()).isEqualTo(1);
        assertThat(metrics.precision()).isEqualTo(1.0);
        assertThat(metrics.recall()).isEqualTo(0.5);
    }

    @Test
    void linkageBlockingRecallCountsCandidatesAcrossFiles() {
        // Blocking on the key puts a1, b1 and a3 together and a2, b2 apart: of the true cross-file pairs
        // (a1-b1, a2-b2) only a1-b1 is a candidate.
        List<Features> records = List.of(new Features("a1", Map.of("k", "x")), new Features("a2", Map.of("k", "y")),
                new Features("a3", Map.of("k", "x")), new Features("b1", Map.of("k", "x")),
                new Features("b2", Map.of("k", "z")), new Features("b3", Map.of("k", "w")));
        var blocking = new Blocker(new BlockingConfig(List.of(BlockingKey.of("k", KeyPart.value("k"))), 10, Set.of()))
                .candidates(records);

        assertThat(blocking.pairCount()).isEqualTo(3);
        assertThat(Evaluator.linkageBlockingRecall(records, blocking, LINKAGE_TRUTH, EvaluatorTest::file))
                .isEqualTo(0.5);
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
