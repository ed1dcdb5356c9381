package io.tessera.identity.eval;

import io.tessera.identity.core.blocking.BlockingResult;
import io.tessera.identity.core.scoring.Features;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pairwise and B-cubed accuracy of a partition, and recall of blocking, against ground-truth clusters; and pairwise
 * accuracy of a record linkage, where only pairs of records from different files count.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Pairwise accuracy of a linkage of several files: pairs whose two records come from different files, as
     * FEBRL4-style benchmarks (and Splink's {@code link_only} mode) count them.
     *
     * @param precision       correct cross-file predicted pairs / cross-file predicted pairs
     * @param recall          correct cross-file predicted pairs / cross-file true pairs
     * @param f1              harmonic mean of the two
     * @param predictedPairs  cross-file pairs inside predicted clusters
     * @param truePairs       cross-file pairs inside true clusters
     * @param correctPairs    cross-file pairs inside both
     * @param withinFilePairs same-file pairs inside predicted clusters, which the linkage figures leave out (when each
     *                        entity is at most once per file, every one of them is a false merge)
     */
    public record LinkageMetrics(double precision, double recall, double f1, long predictedPairs, long truePairs,
            long correctPairs, long withinFilePairs) {
    }

    /**
     * Scores a predicted partition as a linkage of the files {@code fileOf} assigns the records to. Every record of
     * {@code truth} must appear in exactly one predicted cluster.
     */
    public static LinkageMetrics evaluateLinkage(Collection<? extends Collection<String>> predicted,
            Map<String, String> truth, Function<String, String> fileOf) {
        long predictedPairs = 0;
        long correctPairs = 0;
        long withinFilePairs = 0;
        int seen = 0;
        for (Collection<String> cluster : predicted) {
            Map<String, Integer> perFile = new HashMap<>();
            Map<String, Map<String, Integer>> perEntityFile = new HashMap<>();
            for (String id : cluster) {
                String entity = truth.get(id);
                if (entity == null) {
                    throw new IllegalArgumentException("record '" + id + "' has no ground truth");
                }
                String file = fileOf(fileOf, id);
                perFile.merge(file, 1, Integer::sum);
                perEntityFile.computeIfAbsent(entity, e -> new HashMap<>()).merge(file, 1, Integer::sum);
            }
            predictedPairs += crossPairs(perFile);
            withinFilePairs += perFile.values().stream().mapToLong(Evaluator::pairs).sum();
            correctPairs += perEntityFile.values().stream().mapToLong(Evaluator::crossPairs).sum();
            seen += cluster.size();
        }
        if (seen != truth.size()) {
            throw new IllegalArgumentException("the partition covers " + seen + " records, the truth "
                    + truth.size());
        }
        Map<String, Map<String, Integer>> trueClusters = new HashMap<>();
        truth.forEach((id, entity) -> trueClusters.computeIfAbsent(entity, e -> new HashMap<>())
                .merge(fileOf(fileOf, id), 1, Integer::sum));
        long truePairs = trueClusters.values().stream().mapToLong(Evaluator::crossPairs).sum();
        double precision = predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
        double recall = truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        return new LinkageMetrics(precision, recall, f1(precision, recall), predictedPairs, truePairs, correctPairs,
                withinFilePairs);
    }

    /**
     * Share of cross-file true pairs that blocking made candidates: the ceiling on linkage recall, apart from
     * transitivity through a third record.
     */
    public static double linkageBlockingRecall(List<Features> records, BlockingResult blocking,
            Map<String, String> truth, Function<String, String> fileOf) {
        Map<String, Map<String, Integer>> trueClusters = new HashMap<>();
        truth.forEach((id, entity) -> trueClusters.computeIfAbsent(entity, e -> new HashMap<>())
                .merge(fileOf(fileOf, id), 1, Integer::sum));
        long truePairs = trueClusters.values().stream().mapToLong(Evaluator::crossPairs).sum();
        long found = 0;
        for (int p = 0; p < blocking.pairCount(); p++) {
            String left = records.get(blocking.left(p)).id();
            String right = records.get(blocking.right(p)).id();
            String a = truth.get(left);
            if (a != null && a.equals(truth.get(right)) && !fileOf(fileOf, left).equals(fileOf(fileOf, right))) {
                found++;
            }
        }
        return truePairs == 0 ? 1.0 : (double) found / truePairs;
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

    private static String fileOf(Function<String, String> fileOf, String id) {
        String file = fileOf.apply(id);
        if (file == null) {
            throw new IllegalArgumentException("record '" + id + "' has no file");
        }
        return file;
    }

    /** Pairs of records from different files among records counted per file. */
    private static long crossPairs(Map<String, Integer> perFile) {
        long all = 0;
        long same = 0;
        for (int n : perFile.values()) {
            all += n;
            same += (long) n * n;
        }
        return (all * all - same) / 2;
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
