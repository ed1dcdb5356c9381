package io.tessera.identity.core.scoring;

import java.util.List;

/**
 * A trained Fellegi-Sunter model: the prior λ (probability that two records drawn at random are a match; EM
 * estimates the share among candidate pairs, scaled to all pairs) and the parameters of each comparison. Saved and loaded as versioned JSON by
 * {@link ModelParametersJson}.
 *
 * @param version     format version of the stored file, {@link #CURRENT_VERSION}
 * @param lambda      prior probability that two random records are a match
 * @param comparisons per-attribute parameters, in scoring order
 */
public record ModelParameters(int version, double lambda, List<ComparisonParameters> comparisons) {

    /** The format version this code writes and reads. */
    public static final int CURRENT_VERSION = 1;

    public ModelParameters {
        comparisons = List.copyOf(comparisons);
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda must be between 0 and 1 exclusive, was " + lambda);
        }
    }

    /** Prior weight log2(λ / (1 − λ)). */
    public double priorWeight() {
        return ComparisonParameters.log2(lambda / (1 - lambda));
    }
}
