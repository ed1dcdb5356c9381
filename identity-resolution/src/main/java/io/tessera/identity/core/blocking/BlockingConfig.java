package io.tessera.identity.core.blocking;

import java.util.List;
import java.util.Set;

/**
 * Blocking configuration.
 *
 * @param keys          blocking keys; a pair is a candidate when it shares at least one
 * @param maxBlockSize  a block with more records is skipped (and counted), bounding cost per record
 * @param blockedValues values that never form a block (placeholders such as {@code unknown}), compared after
 *                      normalisation and after the key transform
 */
public record BlockingConfig(List<BlockingKey> keys, int maxBlockSize, Set<String> blockedValues) {

    /** Placeholders seen in source systems; they would otherwise make huge, meaningless blocks. */
    public static final Set<String> DEFAULT_BLOCKED = Set.of("unknown", "n/a", "na", "none", "null", "-", "0",
            "000000000", "0000000", "x", "xx", "xxx");

    /** The block size cap of a key: its own when it has one, else this configuration's. */
    public int maxBlockSize(BlockingKey key) {
        return key.maxBlockSize() > 0 ? Math.min(key.maxBlockSize(), maxBlockSize) : maxBlockSize;
    }

    public BlockingConfig {
        keys = List.copyOf(keys);
        blockedValues = Set.copyOf(blockedValues);
        if (maxBlockSize < 2) {
            throw new IllegalArgumentException("maxBlockSize must be at least 2, was " + maxBlockSize);
        }
    }
}
