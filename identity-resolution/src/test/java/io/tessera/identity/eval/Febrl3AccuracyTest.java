package io.tessera.identity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelTrainer;
import io.tessera.identity.core.scoring.PairExplanation;
import io.tessera.identity.core.scoring.Resolution;
import io.tessera.identity.core.scoring.ResolutionConfig;
import io.tessera.identity.core.scoring.Resolver;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * FEBRL3 dedupe: EM-trained on the records themselves (the truth is only read to evaluate), resolved at match
 * probability 0.5. The target is pairwise F1 ≥ 0.993 (Splink's batch figure).
 */
class Febrl3AccuracyTest {

    @Test
    void febrl3PairwiseF1IsAtLeastSplinks() {
        LabelledDataset dataset = DatasetReaders.febrl(Datasets.file("febrl/dataset3.csv"));
        ResolutionConfig config = DatasetConfigs.febrl();

        ModelParameters parameters = ModelTrainer.train(dataset.records(), config);
        Resolver resolver = new Resolver(config, parameters);
        Resolution resolution = resolver.resolve(dataset.records());
        PartitionMetrics metrics = Evaluator.evaluate(resolution.clusters(), dataset.truth());

        System.out.printf(Locale.ROOT, "FEBRL3: pairwise P %.4f R %.4f F1 %.4f; B-cubed F1 %.4f; %d candidate pairs;"
                + " blocking recall %.4f%n", metrics.pairPrecision(), metrics.pairRecall(), metrics.pairF1(),
                metrics.bcubedF1(), resolution.blocking().pairCount(),
                Evaluator.blockingRecall(resolution.records(), resolution.blocking(), dataset.truth()));
        assertThat(dataset.records()).hasSize(5000);
        assertThat(metrics.truePairs()).isEqualTo(6538);
        assertThat(metrics.pairF1()).isGreaterThanOrEqualTo(0.993);
        assertThat(metrics.pairPrecision()).isGreaterThanOrEqualTo(0.99);

        PairExplanation explanation = resolver.explain(resolution.records().get(0), resolution.records().get(1));
        assertThat(explanation.attributes()).hasSize(config.comparisons().size());
    }
}
