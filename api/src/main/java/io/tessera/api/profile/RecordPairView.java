package io.tessera.api.profile;

import io.tessera.identity.core.explain.RecordPairExplanation;

/**
 * Two records explained: whether resolution links them and why, and whether they are one profile now.
 *
 * @param a           the first record as asked ({@code source/table/pk})
 * @param b           the second record as asked
 * @param profileOfA  the profile holding {@code a} now
 * @param profileOfB  the profile holding {@code b} now
 * @param sameProfile whether both are in one profile now
 * @param explanation the pair as resolution scores it with the running settings
 * @param note        how the verdict and the profiles fit together, when they seem not to
 */
public record RecordPairView(String a, String b, String profileOfA, String profileOfB, boolean sameProfile,
        RecordPairExplanation explanation, String note) {
}
