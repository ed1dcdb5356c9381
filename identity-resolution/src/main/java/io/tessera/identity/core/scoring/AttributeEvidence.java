package io.tessera.identity.core.scoring;

/**
 * How one attribute contributed to a pair's score. Carries no attribute values, so explanations can be logged.
 *
 * @param attribute the compared attribute
 * @param level     label of the level the pair fell in ({@code null} when either value is missing)
 * @param weight    match weight log2(m/u) of that level, term-frequency adjusted; 0 for the null level
 * @param termFrequencyAdjusted whether the weight used the value's own frequency
 */
public record AttributeEvidence(String attribute, String level, double weight, boolean termFrequencyAdjusted) {
}
