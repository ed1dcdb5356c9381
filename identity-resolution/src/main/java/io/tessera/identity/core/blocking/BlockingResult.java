package io.tessera.identity.core.blocking;

import java.util.List;

/**
 * Candidate pairs produced by blocking, as indices into the (id-sorted) record list, each pair once with the
 * smaller index first, in ascending order.
 */
public final class BlockingResult {

    private final long[] pairs;
    private final int skippedBlocks;
    private final List<String> skippedKeys;

    BlockingResult(long[] pairs, int skippedBlocks, List<String> skippedKeys) {
        this.pairs = pairs;
        this.skippedBlocks = skippedBlocks;
        this.skippedKeys = List.copyOf(skippedKeys);
    }

    /** Number of distinct candidate pairs. */
    public int pairCount() {
        return pairs.length;
    }

    /** Index of the first record of pair {@code k}. */
    public int left(int k) {
        return (int) (pairs[k] >>> 32);
    }

    /** Index of the second record of pair {@code k}. */
    public int right(int k) {
        return (int) pairs[k];
    }

    /** Blocks skipped because they exceeded the size cap. */
    public int skippedBlocks() {
        return skippedBlocks;
    }

    /** Names of the blocking keys of the skipped blocks (one entry per block; no values, as they may be personal). */
    public List<String> skippedKeyNames() {
        return skippedKeys;
    }
}
