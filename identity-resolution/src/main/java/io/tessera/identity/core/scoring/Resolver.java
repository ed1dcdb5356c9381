package io.tessera.identity.core.scoring;

import io.tessera.identity.core.blocking.Blocker;
import io.tessera.identity.core.blocking.BlockingResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return resolve(input, Set.of());
    }

    /**
     * Resolves the records, linking the pairs the source names as one entity by a decisive rule.
     *
     * @param sameEntity pairs of record ids (either order) that a same-entity relation joins; their link carries
     *                   the rule {@link RuleConfig#SAME_ENTITY}; a pair with an id not among the records is ignored
     */
    public Resolution resolve(List<Features> input, Set<List<String>> sameEntity) {
        List<Features> records = sortedById(input);
        Set<List<String>> joined = new HashSet<>();
        sameEntity.forEach(pair -> joined.add(ordered(pair.get(0), pair.get(1))));
        BlockingResult blocking = new Blocker(config.effectiveBlocking()).candidates(records);
        double minWeight = config.thresholdWeight();
        List<ScoredEdge> edges = new ArrayList<>();
        int cannotLink = 0;
        for (int p = 0; p < blocking.pairCount(); p++) {
            int i = blocking.left(p);
            int j = blocking.right(p);
            Features a = records.get(i);
            Features b = records.get(j);
            boolean related = joined.remove(ordered(a.id(), b.id()));
            if (scorer.cannotLinkRule(a, b, related) != null) {
                cannotLink++;
                continue;
            }
            String rule = related ? RuleConfig.SAME_ENTITY : scorer.decisiveRule(a, b);
            if (rule != null) {
                edges.add(new ScoredEdge(i, j, Double.POSITIVE_INFINITY, rule));
                continue;
            }
            double weight = scorer.weight(a, b);
            if (weight >= minWeight) {
                edges.add(new ScoredEdge(i, j, weight, null));
            }
        }
        if (!joined.isEmpty()) {
            // Same-entity pairs that share no block.
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                index.put(records.get(i).id(), i);
            }
            for (List<String> pair : joined) {
                Integer i = index.get(pair.get(0));
                Integer j = index.get(pair.get(1));
                if (i == null || j == null) {
                    continue;
                }
                if (scorer.cannotLinkRule(records.get(i), records.get(j), true) != null) {
                    cannotLink++;
                } else {
                    edges.add(new ScoredEdge(Math.min(i, j), Math.max(i, j), Double.POSITIVE_INFINITY,
                            RuleConfig.SAME_ENTITY));
                }
            }
        }
        var clustering = new ConstrainedClusterer(config.rules()).cluster(records, edges);
        return new Resolution(records, clustering.clusters(), blocking, edges.size(), cannotLink,
                clustering.skipped());
    }

    private static List<String> ordered(String a, String b) {
        return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
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
