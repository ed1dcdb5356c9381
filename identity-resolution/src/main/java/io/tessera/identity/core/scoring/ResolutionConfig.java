package io.tessera.identity.core.scoring;

import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.blocking.KeyPart;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that defines a resolution apart from the learned parameters: comparisons, blocking, rules, the
 * match-probability threshold for an edge, and training settings.
 */
public record ResolutionConfig(List<ComparisonSpec> comparisons, BlockingConfig blocking, RuleConfig rules,
        double threshold, TrainingConfig training) {

    public ResolutionConfig {
        comparisons = List.copyOf(comparisons);
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be a probability between 0 and 1, was " + threshold);
        }
    }

    /** The total match weight a scored pair needs to become a link: the log2 odds of the threshold. */
    public double thresholdWeight() {
        return ComparisonParameters.log2(threshold / (1 - threshold));
    }

    /**
     * The blocking actually used: the configured keys plus one exact key per decisive identifier, since a decisive
     * rule can only link records that meet as candidates.
     */
    public BlockingConfig effectiveBlocking() {
        List<BlockingKey> keys = new ArrayList<>(blocking.keys());
        for (IdentifierRule rule : rules.decisive()) {
            keys.add(BlockingKey.of("decisive:" + rule.attribute(), KeyPart.value(rule.attribute())));
        }
        return new BlockingConfig(keys, blocking.maxBlockSize(), blocking.blockedValues());
    }
}
