package io.tessera.identity.core.scoring;

import java.util.List;
import java.util.Optional;

/**
 * Why two records are, or are not, one entity: per-attribute levels and weights, the total weight (prior
 * included), the match probability, and the deterministic rule that decided, if any.
 *
 * @param left        id of the first record
 * @param right       id of the second record
 * @param attributes  evidence per compared attribute, in configuration order
 * @param totalWeight prior weight plus the attribute weights
 * @param matchProbability probability of a match from the total weight (1 for a decisive rule, 0 for a
 *                    cannot-link rule)
 * @param rule        {@code shared-identifier:<attribute>} or {@code cannot-link:<reason>} when a rule decided
 */
public record PairExplanation(String left, String right, List<AttributeEvidence> attributes, double totalWeight,
        double matchProbability, Optional<String> rule) {

    public PairExplanation {
        attributes = List.copyOf(attributes);
    }
}
