package io.tessera.identity.core.blocking;

import io.tessera.identity.core.scoring.Features;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Generates candidate pairs from blocking keys, skipping blocks above the size cap. */
public final class Blocker {

    private final BlockingConfig config;

    public Blocker(BlockingConfig config) {
        this.config = config;
    }

    /** Candidate pairs among the records (indices into {@code records}). */
    public BlockingResult candidates(List<Features> records) {
        long[] pairs = new long[1024];
        int size = 0;
        int skipped = 0;
        List<String> skippedKeys = new ArrayList<>();
        for (BlockingKey key : config.keys()) {
            Map<String, List<Integer>> blocks = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                String k = key.keyOf(records.get(i), config.blockedValues());
                if (k != null) {
                    blocks.computeIfAbsent(k, any -> new ArrayList<>()).add(i);
                }
            }
            for (List<Integer> block : blocks.values()) {
                if (block.size() < 2) {
                    continue;
                }
                if (block.size() > config.maxBlockSize(key)) {
                    skipped++;
                    skippedKeys.add(key.name());
                    continue;
                }
                for (int x = 0; x < block.size(); x++) {
                    for (int y = x + 1; y < block.size(); y++) {
                        if (size == pairs.length) {
                            pairs = Arrays.copyOf(pairs, pairs.length * 2);
                        }
                        // Members were added in index order, so block.get(x) < block.get(y).
                        pairs[size++] = ((long) block.get(x) << 32) | block.get(y);
                    }
                }
            }
            // Deduplicate after each key so memory follows distinct pairs, not pairs times keys.
            long[] sorted = Arrays.copyOf(pairs, size);
            Arrays.sort(sorted);
            size = unique(sorted);
            pairs = Arrays.copyOf(sorted, Math.max(1024, size * 2));
        }
        return new BlockingResult(Arrays.copyOf(pairs, size), skipped, skippedKeys);
    }

    private static int unique(long[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int out = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[out - 1]) {
                sorted[out++] = sorted[i];
            }
        }
        return out;
    }
}
