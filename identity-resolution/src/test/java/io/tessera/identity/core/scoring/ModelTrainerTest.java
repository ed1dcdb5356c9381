package io.tessera.identity.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModelTrainerTest {

    @Test
    void emRecoversMAndUWithoutLabels() {
        double[] corruption = {0.05, 0.2, 0.4};
        SyntheticPeople people = new SyntheticPeople(600, corruption, 7);

        ModelParameters parameters = ModelTrainer.train(people.records, SyntheticPeople.config(RuleConfig.none()));

        for (int k = 0; k < corruption.length; k++) {
            ComparisonParameters c = parameters.comparisons().get(k);
            // Exact agreement among matches is 1 - corruption; random 8-letter words almost never agree.
            assertThat(c.m().get(0)).as("m exact of %s", c.spec().attribute())
                    .isCloseTo(1 - corruption[k], within(0.05));
            assertThat(c.u().get(0)).as("u exact of %s", c.spec().attribute()).isLessThan(0.001);
        }
        double truePrior = 600.0 / (1200.0 * 1199 / 2);
        assertThat(parameters.lambda()).isCloseTo(truePrior, within(truePrior * 0.1));
    }

    @Test
    void trainedModelSeparatesTheSyntheticEntities() {
        SyntheticPeople people = new SyntheticPeople(300, new double[] {0.05, 0.2, 0.4}, 11);
        ResolutionConfig config = SyntheticPeople.config(RuleConfig.none());
        ModelParameters parameters = ModelTrainer.train(people.records, config);

        Resolution resolution = new Resolver(config, parameters).resolve(people.records);

        long correct = resolution.clusters().stream()
                .filter(cluster -> cluster.size() == 2
                        && people.truth.get(cluster.get(0)).equals(people.truth.get(cluster.get(1))))
                .count();
        // One agreement alone does not beat the prior of a random pair; two do. P(at least two of three agree)
        // = 0.95*0.8*0.6 + 0.95*0.8*0.4 + 0.95*0.2*0.6 + 0.05*0.8*0.6 ≈ 0.90, so about 270 of 300 pairs.
        assertThat(correct).isGreaterThan(255);
        long wrong = resolution.clusters().stream().filter(cluster -> cluster.size() > 1).count() - correct;
        assertThat(wrong).isZero();
    }
}
