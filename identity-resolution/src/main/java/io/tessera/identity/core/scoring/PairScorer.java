package io.tessera.identity.core.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Scores and explains record pairs with trained Fellegi-Sunter parameters and the deterministic rules. */
public final class PairScorer {

    private final ModelParameters parameters;
    private final RuleConfig rules;

    public PairScorer(ModelParameters parameters, RuleConfig rules) {
        this.parameters = parameters;
        this.rules = rules;
    }

    /** Total match weight of a pair (prior included), ignoring rules. */
    public double weight(Features a, Features b) {
        double total = parameters.priorWeight();
        for (ComparisonParameters c : parameters.comparisons()) {
            int level = c.spec().level(a, b);
            if (level >= 0) {
                total += c.weight(level, a.value(c.spec().attribute()));
            }
        }
        return total;
    }

    /** Probability of a match for a total weight: 2^w / (1 + 2^w). */
    public static double probability(double weight) {
        return 1.0 / (1.0 + Math.pow(2, -weight));
    }

    /** The decisive rule linking the pair, or {@code null}. */
    public String decisiveRule(Features a, Features b) {
        return rules.decisiveRule(a, b);
    }

    /** The cannot-link rule the pair breaks, or {@code null}. */
    public String cannotLinkRule(Features a, Features b) {
        return rules.cannotLinkRule(a, b);
    }

    /** The cannot-link rule the pair breaks, or {@code null}; see {@link RuleConfig#cannotLinkRule(Features, Features, boolean)}. */
    public String cannotLinkRule(Features a, Features b, boolean sameEntity) {
        return rules.cannotLinkRule(a, b, sameEntity);
    }

    /** The full explanation of a pair. Cannot-link rules win over decisive ones, as over-merging is worse. */
    public PairExplanation explain(Features a, Features b) {
        List<AttributeEvidence> evidence = new ArrayList<>();
        double total = parameters.priorWeight();
        for (ComparisonParameters c : parameters.comparisons()) {
            int level = c.spec().level(a, b);
            double w = 0;
            boolean adjusted = false;
            if (level >= 0) {
                w = c.weight(level, a.value(c.spec().attribute()));
                adjusted = w != c.weight(level);
            }
            total += w;
            evidence.add(new AttributeEvidence(c.spec().attribute(), c.spec().levelLabel(level), w, adjusted));
        }
        String cannot = rules.cannotLinkRule(a, b);
        if (cannot != null) {
            return new PairExplanation(a.id(), b.id(), evidence, total, 0.0, Optional.of(cannot));
        }
        String decisive = rules.decisiveRule(a, b);
        if (decisive != null) {
            return new PairExplanation(a.id(), b.id(), evidence, total, 1.0, Optional.of(decisive));
        }
        return new PairExplanation(a.id(), b.id(), evidence, total, probability(total), Optional.empty());
    }
}
