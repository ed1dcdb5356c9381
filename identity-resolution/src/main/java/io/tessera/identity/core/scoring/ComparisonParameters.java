package io.tessera.identity.core.scoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Learned parameters of one comparison: m (P(level | match)) and u (P(level | non-match)) per level, the last
 * entry being the "else" level, and the term-frequency table of the attribute.
 *
 * @param spec        the comparison these parameters belong to
 * @param m           m probability per level, {@code spec.levelCount()} entries
 * @param u           u probability per level, {@code spec.levelCount()} entries
 * @param termFrequencies share of records holding a value, for values held by at least two records (empty when
 *                    the comparison has no term-frequency adjustment)
 * @param unseenTermFrequency share assumed for a value absent from the table (one record among the non-null ones)
 */
public record ComparisonParameters(ComparisonSpec spec, List<Double> m, List<Double> u,
        Map<String, Double> termFrequencies, double unseenTermFrequency) {

    public ComparisonParameters {
        Objects.requireNonNull(spec, "spec");
        m = List.copyOf(m);
        u = List.copyOf(u);
        termFrequencies = Map.copyOf(termFrequencies);
        if (m.size() != spec.levelCount() || u.size() != spec.levelCount()) {
            throw new IllegalArgumentException("comparison '" + spec.attribute() + "' needs "
                    + spec.levelCount() + " m and u values (levels plus else)");
        }
    }

    /** Match weight log2(m/u) of a level, without term-frequency adjustment. */
    public double weight(int level) {
        return log2(m.get(level) / u.get(level));
    }

    /**
     * Weight of a level for a concrete pair: an exact match on a term-frequency attribute uses the value's own
     * frequency as u, so two records sharing a common surname gain less than two sharing a rare one.
     */
    public double weight(int level, String value) {
        if (spec.termFrequency() && level >= 0 && level < spec.levels().size()
                && spec.levels().get(level).type() == LevelType.EXACT && value != null) {
            double tf = termFrequencies.getOrDefault(value, unseenTermFrequency);
            if (tf > 0) {
                return log2(m.get(level) / tf);
            }
        }
        return weight(level);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
