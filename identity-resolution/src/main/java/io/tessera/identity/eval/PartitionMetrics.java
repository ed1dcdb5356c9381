package io.tessera.identity.eval;

/**
 * Accuracy of a predicted partition against the truth.
 *
 * @param pairPrecision  correct predicted pairs / predicted pairs
 * @param pairRecall     correct predicted pairs / true pairs
 * @param pairF1         harmonic mean of the two
 * @param bcubedPrecision mean over records of |predicted ∩ true cluster| / |predicted cluster|
 * @param bcubedRecall   mean over records of |predicted ∩ true cluster| / |true cluster|
 * @param bcubedF1       harmonic mean of the two
 * @param predictedPairs pairs inside predicted clusters
 * @param truePairs      pairs inside true clusters
 * @param correctPairs   pairs inside both
 */
public record PartitionMetrics(double pairPrecision, double pairRecall, double pairF1, double bcubedPrecision,
        double bcubedRecall, double bcubedF1, long predictedPairs, long truePairs, long correctPairs) {
}
