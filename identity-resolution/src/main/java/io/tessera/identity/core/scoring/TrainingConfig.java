package io.tessera.identity.core.scoring;

/**
 * How parameters are estimated.
 *
 * @param uSamplePairs  random record pairs sampled to estimate u (all pairs when there are fewer)
 * @param seed          seed of that sample, so training is repeatable
 * @param maxIterations cap on EM iterations
 * @param tolerance     EM stops when no m probability or λ moves more than this
 */
public record TrainingConfig(int uSamplePairs, long seed, int maxIterations, double tolerance) {

    /** One million sampled pairs, seed 42, at most 200 iterations to 1e-7. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(1_000_000, 42L, 200, 1e-7);
    }
}
