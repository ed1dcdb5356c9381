package io.tessera.identity.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.blocking.KeyPart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesAndClusteringTest {

    private static final IdentifierRule TAX_ID = new IdentifierRule("tax_id", "\\d{9}");

    /** A hand-set model: agreeing names weigh about +13, disagreeing about −3; prior about −10. */
    private static ModelParameters model() {
        ComparisonSpec name = new ComparisonSpec("name", List.of(Level.exact()), false);
        ComparisonSpec city = new ComparisonSpec("city", List.of(Level.exact()), false);
        return new ModelParameters(ModelParameters.CURRENT_VERSION, 0.001, List.of(
                new ComparisonParameters(name, List.of(0.9, 0.1), List.of(0.0001, 0.9999), Map.of(), 1.0),
                new ComparisonParameters(city, List.of(0.9, 0.1), List.of(0.01, 0.99), Map.of(), 1.0)));
    }

    private static ResolutionConfig config(RuleConfig rules) {
        BlockingConfig blocking = new BlockingConfig(List.of(BlockingKey.of("city", KeyPart.value("city"))), 100,
                BlockingConfig.DEFAULT_BLOCKED);
        return new ResolutionConfig(model().comparisons().stream().map(ComparisonParameters::spec).toList(),
                blocking, rules, 0.5, TrainingConfig.defaults());
    }

    private static Features person(String id, String name, String city, String taxId) {
        return new Features(id, taxId == null ? Map.of("name", name, "city", city)
                : Map.of("name", name, "city", city, "tax_id", taxId));
    }

    @Test
    void twoDifferentValidTaxIdsAreNeverMerged() {
        RuleConfig rules = new RuleConfig(List.of(), List.of(TAX_ID), null, 0);
        List<Features> records = List.of(person("a", "ana lopez", "madrid", "123456789"),
                person("b", "ana lopez", "madrid", null),
                person("c", "ana lopez", "madrid", "987654321"));

        Resolution resolution = new Resolver(config(rules), model()).resolve(records);

        // a-b and b-c score alike; the tie-break by id applies a-b first, then refuses to bring c in.
        assertThat(resolution.clusters()).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(resolution.cannotLinkPairs()).isEqualTo(1);
        assertThat(resolution.skippedMerges()).singleElement().satisfies(skip -> {
            assertThat(skip.rule()).isEqualTo("cannot-link:different-tax_id");
            assertThat(List.of(skip.conflictLeft(), skip.conflictRight())).containsExactlyInAnyOrder("a", "c");
        });
    }

    @Test
    void withoutTheRuleTheSameRecordsMerge() {
        List<Features> records = List.of(person("a", "ana lopez", "madrid", "123456789"),
                person("b", "ana lopez", "madrid", null),
                person("c", "ana lopez", "madrid", "987654321"));

        Resolution resolution = new Resolver(config(RuleConfig.none()), model()).resolve(records);

        assertThat(resolution.clusters()).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void aSharedDecisiveIdentifierLinksDespiteTheScoreAndIsExplained() {
        RuleConfig rules = new RuleConfig(List.of(TAX_ID), List.of(), null, 0);
        Features a = person("a", "ana lopez", "madrid", "123456789");
        Features b = person("b", "a. lopez garcia", "sevilla", "123456789");
        Resolver resolver = new Resolver(config(rules), model());

        assertThat(resolver.resolve(List.of(a, b)).clusters()).containsExactly(List.of("a", "b"));
        PairExplanation explanation = resolver.explain(a, b);
        assertThat(explanation.rule()).contains("shared-identifier:tax_id");
        assertThat(explanation.matchProbability()).isEqualTo(1.0);
        assertThat(explanation.totalWeight()).isNegative();
    }

    @Test
    void birthDatesTooFarApartCannotLink() {
        RuleConfig rules = new RuleConfig(List.of(), List.of(), "dob", 5);
        ComparisonSpec name = new ComparisonSpec("name", List.of(Level.exact()), false);
        Features father = new Features("f", Map.of("name", "jan de vries", "dob", "1950-03-01"));
        Features son = new Features("s", Map.of("name", "jan de vries", "dob", "1980-07-12"));

        assertThat(rules.cannotLinkRule(father, son)).isEqualTo("cannot-link:birth-dates-apart");
        assertThat(new PairScorer(model(), rules).explain(father, son).matchProbability()).isZero();
        assertThat(name.level(father, son)).isZero();
    }

    @Test
    void explanationGivesLevelAndWeightPerAttribute() {
        Features a = person("a", "ana lopez", "madrid", null);
        Features b = new Features("b", Map.of("name", "ana lopez"));

        PairExplanation explanation = new PairScorer(model(), RuleConfig.none()).explain(a, b);

        assertThat(explanation.attributes()).extracting(AttributeEvidence::attribute, AttributeEvidence::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "exact"),
                        org.assertj.core.groups.Tuple.tuple("city", "null"));
        assertThat(explanation.attributes().get(0).weight()).isGreaterThan(13);
        assertThat(explanation.attributes().get(1).weight()).isZero();
        assertThat(explanation.matchProbability()).isGreaterThan(0.5);
        assertThat(explanation.rule()).isEmpty();
    }

    @Test
    void commonValuesWeighLessWithTermFrequencies() {
        ComparisonSpec surname = new ComparisonSpec("surname", List.of(Level.exact()), true);
        ComparisonParameters parameters = new ComparisonParameters(surname, List.of(0.9, 0.1), List.of(0.001, 0.999),
                Map.of("smith", 0.05), 0.0001);

        assertThat(parameters.weight(0, "smith")).isLessThan(parameters.weight(0, "zyborski"));
        assertThat(parameters.weight(0, "smith")).isLessThan(parameters.weight(0));
    }
}
