package io.tessera.identity.core.scoring;

import io.tessera.identity.core.blocking.Blocker;
import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.blocking.BlockingResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Trains parameters on the records themselves.
     *
     * <p>m is estimated as Splink does, one EM session per blocking key: the pairs of that key's blocks, with the
     * comparisons of the key's own attributes left out of the session (those pairs agree on them by construction,
     * which would teach EM that agreeing there is what a match looks like). Each comparison's m is the mean over
     * the sessions that estimated it. λ is then estimated over all candidate pairs with m and u fixed.
     */
    public static ModelParameters train(List<Features> records, ResolutionConfig config) {
        List<Features> sorted = Resolver.sortedById(records);
        List<ComparisonSpec> specs = config.comparisons();
        List<double[]> u = estimateU(sorted, specs, config.training());
        BlockingConfig blockingConfig = config.effectiveBlocking();
        double[][] mSums = new double[specs.size()][];
        int[] sessions = new int[specs.size()];
        for (BlockingKey key : blockingConfig.keys()) {
            BlockingResult pairs = new Blocker(new BlockingConfig(List.of(key), blockingConfig.maxBlockSize(),
                    blockingConfig.blockedValues())).candidates(sorted);
            if (pairs.pairCount() == 0) {
                continue;
            }
            Set<String> blocked = new HashSet<>();
            key.parts().forEach(part -> blocked.add(part.attribute()));
            boolean[] excluded = new boolean[specs.size()];
            for (int c = 0; c < specs.size(); c++) {
                excluded[c] = blocked.contains(specs.get(c).attribute());
            }
            EmResult session = expectationMaximisation(sorted, pairs, specs, u, config.training(), excluded);
            for (int c = 0; c < specs.size(); c++) {
                if (!excluded[c] && session.estimated()[c]) {
                    double[] m = session.m().get(c);
                    if (mSums[c] == null) {
                        mSums[c] = new double[m.length];
                    }
                    for (int l = 0; l < m.length; l++) {
                        mSums[c][l] += m[l];
                    }
                    sessions[c]++;
                }
            }
        }
        List<double[]> mean = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            mean.add(sessions[c] == 0 ? initialM(specs.get(c)) : normalised(mSums[c]));
        }
        BlockingResult blocking = new Blocker(blockingConfig).candidates(sorted);
        double candidateShare = estimateLambda(sorted, blocking, specs, mean, u, config.training());
        EmResult em = new EmResult(mean, candidateShare, 0, new boolean[specs.size()]);
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

    /**
     * @param estimated per comparison, whether the session estimated its m (it was not excluded and some pair had
     *                  a value on both sides)
     */
    record EmResult(List<double[]> m, double lambda, int iterations, boolean[] estimated) {
    }

    /** EM over all comparisons of the candidate pairs. */
    static EmResult expectationMaximisation(List<Features> records, BlockingResult blocking,
            List<ComparisonSpec> specs, List<double[]> u, TrainingConfig training) {
        return expectationMaximisation(records, blocking, specs, u, training, new boolean[specs.size()]);
    }

    /**
     * EM over distinct comparison vectors of the candidate pairs (weighted by their counts), u fixed; excluded
     * comparisons take no part, in the E step nor in the M step.
     */
    static EmResult expectationMaximisation(List<Features> records, BlockingResult blocking,
            List<ComparisonSpec> specs, List<double[]> u, TrainingConfig training, boolean[] excluded) {
        int k = specs.size();
        if (k > 15) {
            throw new IllegalArgumentException("at most 15 comparisons are supported, got " + k);
        }
        Patterns patterns = Patterns.of(records, blocking, specs, excluded);
        int[][] levels = patterns.levels();
        double[] weights = patterns.weights();
        List<double[]> m = new ArrayList<>();
        for (ComparisonSpec spec : specs) {
            m.add(initialM(spec));
        }
        boolean[] estimated = new boolean[k];
        double lambda = 0.1;
        int iteration = 0;
        int count = weights.length;
        double[] posterior = new double[count];
        while (iteration < training.maxIterations() && count > 0) {
            iteration++;
            double matchMass = 0;
            double totalMass = 0;
            for (int p = 0; p < count; p++) {
                posterior[p] = posterior(levels[p], lambda, m, u);
                matchMass += weights[p] * posterior[p];
                totalMass += weights[p];
            }
            double newLambda = clamp(matchMass / totalMass);
            double change = Math.abs(newLambda - lambda);
            lambda = newLambda;
            for (int c = 0; c < k; c++) {
                double[] sums = new double[specs.get(c).levelCount()];
                double nonNull = 0;
                for (int p = 0; p < count; p++) {
                    int level = levels[p][c];
                    if (level >= 0) {
                        sums[level] += weights[p] * posterior[p];
                        nonNull += weights[p] * posterior[p];
                    }
                }
                if (nonNull <= 0) {
                    continue;
                }
                estimated[c] = true;
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
        return new EmResult(m, lambda, iteration, estimated);
    }

    /** The share of matches among the candidate pairs, by EM with m and u fixed. */
    static double estimateLambda(List<Features> records, BlockingResult blocking, List<ComparisonSpec> specs,
            List<double[]> m, List<double[]> u, TrainingConfig training) {
        Patterns patterns = Patterns.of(records, blocking, specs, new boolean[specs.size()]);
        double lambda = 0.1;
        for (int iteration = 0; iteration < training.maxIterations() && patterns.weights().length > 0; iteration++) {
            double matchMass = 0;
            double totalMass = 0;
            for (int p = 0; p < patterns.weights().length; p++) {
                matchMass += patterns.weights()[p] * posterior(patterns.levels()[p], lambda, m, u);
                totalMass += patterns.weights()[p];
            }
            double next = clamp(matchMass / totalMass);
            boolean converged = Math.abs(next - lambda) < training.tolerance();
            lambda = next;
            if (converged) {
                break;
            }
        }
        return lambda;
    }

    private static double posterior(int[] levels, double lambda, List<double[]> m, List<double[]> u) {
        double logMatch = Math.log(lambda);
        double logNon = Math.log(1 - lambda);
        for (int c = 0; c < levels.length; c++) {
            int level = levels[c];
            if (level >= 0) {
                logMatch += Math.log(m.get(c)[level]);
                logNon += Math.log(u.get(c)[level]);
            }
        }
        return 1.0 / (1.0 + Math.exp(logNon - logMatch));
    }

    /**
     * The distinct comparison vectors of the candidate pairs with their counts, in sorted order so that floating
     * point sums, hence the parameters, are repeatable. An excluded comparison reads as null (level -1).
     */
    private record Patterns(int[][] levels, double[] weights) {

        static Patterns of(List<Features> records, BlockingResult blocking, List<ComparisonSpec> specs,
                boolean[] excluded) {
            int k = specs.size();
            Map<Long, Integer> patternCounts = new HashMap<>();
            for (int p = 0; p < blocking.pairCount(); p++) {
                Features a = records.get(blocking.left(p));
                Features b = records.get(blocking.right(p));
                long code = 0;
                for (int c = 0; c < k; c++) {
                    int level = excluded[c] ? 0 : specs.get(c).level(a, b) + 1;
                    code |= (long) level << (4 * c);
                }
                patternCounts.merge(code, 1, Integer::sum);
            }
            List<Long> codes = new ArrayList<>(patternCounts.keySet());
            Collections.sort(codes);
            int[][] levels = new int[codes.size()][k];
            double[] weights = new double[codes.size()];
            for (int p = 0; p < codes.size(); p++) {
                long code = codes.get(p);
                weights[p] = patternCounts.get(code);
                for (int c = 0; c < k; c++) {
                    levels[p][c] = (int) ((code >>> (4 * c)) & 0xF) - 1;
                }
            }
            return new Patterns(levels, weights);
        }
    }

    /** Where EM starts: 0.9 on the best level, the rest spread evenly. */
    private static double[] initialM(ComparisonSpec spec) {
        int count = spec.levelCount();
        double[] initial = new double[count];
        initial[0] = 0.9;
        for (int l = 1; l < count; l++) {
            initial[l] = 0.1 / (count - 1);
        }
        return initial;
    }

    private static double[] normalised(double[] sums) {
        double total = 0;
        for (double v : sums) {
            total += v;
        }
        double[] result = new double[sums.length];
        for (int l = 0; l < sums.length; l++) {
            result[l] = sums[l] / total;
        }
        return result;
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
