package io.tessera.identity.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** DESIGN invariant 1 for the scoring core: the partition depends on the set of records, not their order. */
class OrderIndependencePropertyTest {

    private static final SyntheticPeople PEOPLE = new SyntheticPeople(150, new double[] {0.3, 0.5, 0.6}, 3);
    private static final ResolutionConfig CONFIG = SyntheticPeople.config(
            new RuleConfig(List.of(), List.of(new IdentifierRule("c", "[a-m].*")), null, 0));
    private static final ModelParameters PARAMETERS = ModelTrainer.train(PEOPLE.records, CONFIG);
    private static final List<List<String>> PARTITION = new Resolver(CONFIG, PARAMETERS).resolve(PEOPLE.records)
            .clusters();

    @Property(tries = 25)
    void shuffledInputGivesTheSamePartitionAndParameters(@ForAll long seed) {
        List<Features> shuffled = new ArrayList<>(PEOPLE.records);
        Collections.shuffle(shuffled, new Random(seed));

        ModelParameters parameters = ModelTrainer.train(shuffled, CONFIG);
        Resolution resolution = new Resolver(CONFIG, parameters).resolve(shuffled);

        assertThat(parameters).isEqualTo(PARAMETERS);
        assertThat(resolution.clusters()).isEqualTo(PARTITION);
    }
}
