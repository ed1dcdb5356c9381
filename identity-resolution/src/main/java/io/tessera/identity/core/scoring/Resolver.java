package io.tessera.identity.core.scoring;

import io.tessera.identity.core.blocking.Blocker;
import io.tessera.identity.core.blocking.BlockingResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves a set of records into entities: block, score each candidate pair (rules first), keep the edges at or
 * above the threshold and cluster them under the cannot-link constraints. Deterministic: the result depends on
 * the set of records, the configuration and the parameters, never on input order.
 */
public final class Resolver {

    private final ResolutionConfig config;
    private final PairScorer scorer;

    public Resolver(ResolutionConfig config, ModelParameters parameters) {
        this.config = config;
        this.scorer = new PairScorer(parameters, config.rules());
    }

    /** The scorer, for explanations. */
    public PairScorer scorer() {
        return scorer;
    }

    /** Explains a pair of records. */
    public PairExplanation explain(Features a, Features b) {
        return scorer.explain(a, b);
    }

    /** Resolves the records. */
    public Resolution resolve(List<Features> input) {
        List<Features> records = sortedById(input);
        BlockingResult blocking = new Blocker(config.effectiveBlocking()).candidates(records);
        double minWeight = config.thresholdWeight();
        List<ScoredEdge> edges = new ArrayList<>();
        int cannotLink = 0;
        for (int p = 0; p < blocking.pairCount(); p++) {
            int i = blocking.left(p);
            int j = blocking.right(p);
            Features a = records.get(i);
            Features b = records.get(j);
            if (scorer.cannotLinkRule(a, b) != null) {
                cannotLink++;
                continue;
            }
            String rule = scorer.decisiveRule(a, b);
            if (rule != null) {
                edges.add(new ScoredEdge(i, j, Double.POSITIVE_INFINITY, rule));
                continue;
            }
            double weight = scorer.weight(a, b);
            if (weight >= minWeight) {
                edges.add(new ScoredEdge(i, j, weight, null));
            }
        }
        var clustering = new ConstrainedClusterer(config.rules()).cluster(records, edges);
        return new Resolution(records, clustering.clusters(), blocking, edges.size(), cannotLink,
                clustering.skipped());
    }

    /** Records sorted by id; duplicate ids are rejected since they would make the partition ambiguous. */
    static List<Features> sortedById(List<Features> records) {
        List<Features> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(Features::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalArgumentException("duplicate record id '" + sorted.get(i).id() + "'");
            }
        }
        return List.copyOf(sorted);
    }
}
