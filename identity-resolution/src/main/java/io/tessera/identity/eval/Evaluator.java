package io.tessera.identity.eval;

import io.tessera.identity.core.blocking.BlockingResult;
import io.tessera.identity.core.scoring.Features;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pairwise and B-cubed accuracy of a partition, and recall of blocking, against ground-truth clusters. */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Scores a predicted partition. Every record of {@code truth} must appear in exactly one predicted cluster.
     */
    public static PartitionMetrics evaluate(Collection<? extends Collection<String>> predicted,
            Map<String, String> truth) {
        Map<String, Integer> trueSizes = new HashMap<>();
        truth.values().forEach(entity -> trueSizes.merge(entity, 1, Integer::sum));
        long predictedPairs = 0;
        long correctPairs = 0;
        double bcubedPrecision = 0;
        double bcubedRecall = 0;
        int seen = 0;
        for (Collection<String> cluster : predicted) {
            predictedPairs += pairs(cluster.size());
            Map<String, Integer> overlap = new HashMap<>();
            for (String id : cluster) {
                String entity = truth.get(id);
                if (entity == null) {
                    throw new IllegalArgumentException("record '" + id + "' has no ground truth");
                }
                overlap.merge(entity, 1, Integer::sum);
            }
            for (var entry : overlap.entrySet()) {
                int shared = entry.getValue();
                correctPairs += pairs(shared);
                // Each of the `shared` records sees `shared` correct co-members (itself included).
                bcubedPrecision += (double) shared * shared / cluster.size();
                bcubedRecall += (double) shared * shared / trueSizes.get(entry.getKey());
            }
            seen += cluster.size();
        }
        if (seen != truth.size()) {
            throw new IllegalArgumentException("the partition covers " + seen + " records, the truth "
                    + truth.size());
        }
        long truePairs = trueSizes.values().stream().mapToLong(Evaluator::pairs).sum();
        double precision = predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
        double recall = truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        double bp = bcubedPrecision / seen;
        double br = bcubedRecall / seen;
        return new PartitionMetrics(precision, recall, f1(precision, recall), bp, br, f1(bp, br), predictedPairs,
                truePairs, correctPairs);
    }

    /** Share of true pairs that blocking made candidates (the ceiling on pairwise recall, apart from transitivity). */
    public static double blockingRecall(List<Features> records, BlockingResult blocking, Map<String, String> truth) {
        Map<String, Integer> trueSizes = new HashMap<>();
        truth.values().forEach(entity -> trueSizes.merge(entity, 1, Integer::sum));
        long truePairs = trueSizes.values().stream().mapToLong(Evaluator::pairs).sum();
        long found = 0;
        for (int p = 0; p < blocking.pairCount(); p++) {
            String a = truth.get(records.get(blocking.left(p)).id());
            if (a != null && a.equals(truth.get(records.get(blocking.right(p)).id()))) {
                found++;
            }
        }
        return truePairs == 0 ? 1.0 : (double) found / truePairs;
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
