package io.tessera.identity.core.scoring;

import io.tessera.identity.core.blocking.BlockingResult;
import java.util.List;

/**
 * The outcome of resolving a set of records.
 *
 * @param records         the records sorted by id; {@link #blocking} indices refer to this list
 * @param clusters        the partition: ids sorted within a cluster, clusters ordered by their first id
 * @param blocking        candidate pairs and skipped blocks
 * @param edges           edges at or above the threshold (decisive ones included)
 * @param cannotLinkPairs candidate pairs a cannot-link rule excluded outright
 * @param skippedMerges   merges clustering refused because of a cannot-link pair
 */
public record Resolution(List<Features> records, List<List<String>> clusters, BlockingResult blocking, int edges,
        int cannotLinkPairs, List<SkippedMerge> skippedMerges) {
}
