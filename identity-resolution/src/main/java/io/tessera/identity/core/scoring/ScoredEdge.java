package io.tessera.identity.core.scoring;

/**
 * A candidate link between two records (indices into the id-sorted record list, {@code left < right}).
 *
 * @param weight total match weight; decisive edges carry {@link Double#POSITIVE_INFINITY}
 * @param rule   the decisive rule, or {@code null} for a scored edge
 */
public record ScoredEdge(int left, int right, double weight, String rule) {
}
