package io.tessera.identity.core.scoring;

/**
 * An edge that clustering did not apply because it would have joined two clusters holding a cannot-link pair.
 *
 * @param left          first record of the skipped edge
 * @param right         second record of the skipped edge
 * @param conflictLeft  member of the first cluster in the conflicting pair
 * @param conflictRight member of the second cluster in the conflicting pair
 * @param rule          the cannot-link rule
 */
public record SkippedMerge(String left, String right, String conflictLeft, String conflictRight, String rule) {
}
