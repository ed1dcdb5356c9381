package io.tessera.identity.core.scoring;

import io.tessera.identity.core.blocking.Blocker;
import io.tessera.identity.core.blocking.BlockingResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Estimates Fellegi-Sunter parameters without labels: u from random record pairs, m and λ by
 * expectation-maximisation over the blocked candidate pairs with u held fixed, term frequencies by counting.
 * Records are sorted by id first, so the result does not depend on input order.
 */
public final class ModelTrainer {

    private static final double PROBABILITY_FLOOR = 1e-6;

    private ModelTrainer() {
    }

    /** Trains parameters on the records themselves. */
    public static ModelParameters train(List<Features> records, ResolutionConfig config) {
        List<Features> sorted = Resolver.sortedById(records);
        List<ComparisonSpec> specs = config.comparisons();
        List<double[]> u = estimateU(sorted, specs, config.training());
        BlockingResult blocking = new Blocker(config.effectiveBlocking()).candidates(sorted);
        EmResult em = expectationMaximisation(sorted, blocking, specs, u, config.training());
        List<ComparisonParameters> comparisons = new ArrayList<>();
        for (int k = 0; k < specs.size(); k++) {
            ComparisonSpec spec = specs.get(k);
            Map<String, Double> tf = new TreeMap<>();
            double unseen = 1.0;
            if (spec.termFrequency()) {
                Map<String, Integer> counts = new HashMap<>();
                int nonNull = 0;
                for (Features record : sorted) {
                    String value = record.value(spec.attribute());
                    if (value != null) {
                        counts.merge(value, 1, Integer::sum);
                        nonNull++;
                    }
                }
                int total = Math.max(1, nonNull);
                counts.forEach((value, count) -> {
                    // Values held once carry the default "unseen" frequency instead: smaller file, same weight.
                    if (count >= 2) {
                        tf.put(value, (double) count / total);
                    }
                });
                unseen = 1.0 / total;
            }
            comparisons.add(new ComparisonParameters(spec, boxed(em.m.get(k)), boxed(u.get(k)), tf, unseen));
        }
        return new ModelParameters(ModelParameters.CURRENT_VERSION, globalPrior(em.lambda, blocking.pairCount(),
                sorted.size()), comparisons);
    }

    /**
     * Converts the share of matches among candidate pairs into the probability that two random records match
     * (assuming blocking keeps nearly all matches). Scoring with the candidate-pair share would make a candidate
     * a match before any evidence whenever blocking is tight, which over-merges; the global prior asks the
     * attribute evidence to overcome the odds against a random pair, as Splink does.
     */
    static double globalPrior(double candidateShare, long candidatePairs, int records) {
        double allPairs = (double) records * (records - 1) / 2;
        if (allPairs <= 0) {
            return candidateShare;
        }
        // A far smaller floor than for m: at a million records the true prior is around 1e-6 already.
        return Math.min(1 - PROBABILITY_FLOOR, Math.max(1e-15, candidateShare * candidatePairs / allPairs));
    }

    /** u per comparison from a deterministic sample of random pairs (or all pairs when few). */
    static List<double[]> estimateU(List<Features> records, List<ComparisonSpec> specs, TrainingConfig training) {
        int n = records.size();
        long allPairs = (long) n * (n - 1) / 2;
        long[][] counts = new long[specs.size()][];
        for (int k = 0; k < specs.size(); k++) {
            counts[k] = new long[specs.get(k).levelCount()];
        }
        if (allPairs <= training.uSamplePairs()) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    count(records.get(i), records.get(j), specs, counts);
                }
            }
        } else {
            SplittableRandom random = new SplittableRandom(training.seed());
            for (int s = 0; s < training.uSamplePairs(); s++) {
                int i = random.nextInt(n);
                int j = random.nextInt(n - 1);
                if (j >= i) {
                    j++;
                }
                count(records.get(i), records.get(j), specs, counts);
            }
        }
        List<double[]> u = new ArrayList<>();
        for (long[] levelCounts : counts) {
            long total = 0;
            for (long c : levelCounts) {
                total += c;
            }
            double[] probabilities = new double[levelCounts.length];
            for (int l = 0; l < levelCounts.length; l++) {
                // Add-one smoothing: a level never seen among random pairs is rare, not impossible.
                probabilities[l] = (levelCounts[l] + 1.0) / (total + levelCounts.length);
            }
            u.add(probabilities);
        }
        return u;
    }

    private static void count(Features a, Features b, List<ComparisonSpec> specs, long[][] counts) {
        for (int k = 0; k < specs.size(); k++) {
            int level = specs.get(k).level(a, b);
            if (level >= 0) {
                counts[k][level]++;
            }
        }
    }

    record EmResult(List<double[]> m, double lambda, int iterations) {
    }

    /** EM over distinct comparison vectors of the candidate pairs (weighted by their counts), u fixed. */
    static EmResult expectationMaximisation(List<Features> records, BlockingResult blocking,
            List<ComparisonSpec> specs, List<double[]> u, TrainingConfig training) {
        int k = specs.size();
        if (k > 15) {
            throw new IllegalArgumentException("at most 15 comparisons are supported, got " + k);
        }
        Map<Long, Integer> patternCounts = new HashMap<>();
        for (int p = 0; p < blocking.pairCount(); p++) {
            Features a = records.get(blocking.left(p));
            Features b = records.get(blocking.right(p));
            long code = 0;
            for (int c = 0; c < k; c++) {
                int level = specs.get(c).level(a, b) + 1;
                code |= (long) level << (4 * c);
            }
            patternCounts.merge(code, 1, Integer::sum);
        }
        // Sorted pattern order keeps floating-point sums, hence the parameters, repeatable.
        List<Long> codes = new ArrayList<>(patternCounts.keySet());
        Collections.sort(codes);
        int patterns = codes.size();
        int[][] levels = new int[patterns][k];
        double[] weights = new double[patterns];
        for (int p = 0; p < patterns; p++) {
            long code = codes.get(p);
            weights[p] = patternCounts.get(code);
            for (int c = 0; c < k; c++) {
                levels[p][c] = (int) ((code >>> (4 * c)) & 0xF) - 1;
            }
        }
        List<double[]> m = new ArrayList<>();
        for (ComparisonSpec spec : specs) {
            int count = spec.levelCount();
            double[] initial = new double[count];
            initial[0] = 0.9;
            for (int l = 1; l < count; l++) {
                initial[l] = 0.1 / (count - 1);
            }
            m.add(initial);
        }
        double lambda = 0.1;
        int iteration = 0;
        double[] posterior = new double[patterns];
        while (iteration < training.maxIterations() && patterns > 0) {
            iteration++;
            double matchMass = 0;
            double totalMass = 0;
            for (int p = 0; p < patterns; p++) {
                double logMatch = Math.log(lambda);
                double logNon = Math.log(1 - lambda);
                for (int c = 0; c < k; c++) {
                    int level = levels[p][c];
                    if (level >= 0) {
                        logMatch += Math.log(m.get(c)[level]);
                        logNon += Math.log(u.get(c)[level]);
                    }
                }
                posterior[p] = 1.0 / (1.0 + Math.exp(logNon - logMatch));
                matchMass += weights[p] * posterior[p];
                totalMass += weights[p];
            }
            double newLambda = clamp(matchMass / totalMass);
            double change = Math.abs(newLambda - lambda);
            lambda = newLambda;
            for (int c = 0; c < k; c++) {
                double[] sums = new double[specs.get(c).levelCount()];
                double nonNull = 0;
                for (int p = 0; p < patterns; p++) {
                    int level = levels[p][c];
                    if (level >= 0) {
                        sums[level] += weights[p] * posterior[p];
                        nonNull += weights[p] * posterior[p];
                    }
                }
                if (nonNull <= 0) {
                    continue;
                }
                double[] updated = new double[sums.length];
                double norm = 0;
                for (int l = 0; l < sums.length; l++) {
                    updated[l] = Math.max(PROBABILITY_FLOOR, sums[l] / nonNull);
                    norm += updated[l];
                }
                double[] previous = m.get(c);
                for (int l = 0; l < sums.length; l++) {
                    updated[l] /= norm;
                    change = Math.max(change, Math.abs(updated[l] - previous[l]));
                }
                m.set(c, updated);
            }
            if (change < training.tolerance()) {
                break;
            }
        }
        return new EmResult(m, lambda, iteration);
    }

    private static double clamp(double probability) {
        return Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, probability));
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
