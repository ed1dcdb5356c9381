package io.tessera.identity.core.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Clusters records from edges with union-find, strongest edges first, refusing any union that would put a
 * cannot-link pair into one cluster. Edges are ordered by weight, then by record index; with records sorted by id
 * the partition depends only on the set of records and edges, never on their order.
 */
public final class ConstrainedClusterer {

    private static final Comparator<ScoredEdge> ORDER = Comparator
            .comparingDouble(ScoredEdge::weight).reversed()
            .thenComparingInt(ScoredEdge::left)
            .thenComparingInt(ScoredEdge::right);

    private final RuleConfig rules;

    public ConstrainedClusterer(RuleConfig rules) {
        this.rules = rules;
    }

    /** Result: clusters (ids sorted, clusters ordered by their first id) and the merges refused. */
    public record Clustering(List<List<String>> clusters, List<SkippedMerge> skipped) {
    }

    /** Clusters records (sorted by id) along the edges. */
    public Clustering cluster(List<Features> records, List<ScoredEdge> edges) {
        int n = records.size();
        int[] parent = new int[n];
        List<List<Integer>> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            members.add(new ArrayList<>(List.of(i)));
        }
        boolean constrained = !rules.cannotLink().isEmpty()
                || (rules.dateOfBirth() != null && rules.maxBirthYearsApart() > 0);
        // Pairs the source names as one entity are held to the identifier rules only, as their edge is.
        Set<Long> sameEntity = new HashSet<>();
        for (ScoredEdge edge : edges) {
            if (RuleConfig.SAME_ENTITY.equals(edge.rule())) {
                sameEntity.add(pair(edge.left(), edge.right(), n));
            }
        }
        List<ScoredEdge> ordered = new ArrayList<>(edges);
        ordered.sort(ORDER);
        List<SkippedMerge> skipped = new ArrayList<>();
        for (ScoredEdge edge : ordered) {
            int a = find(parent, edge.left());
            int b = find(parent, edge.right());
            if (a == b) {
                continue;
            }
            if (constrained) {
                SkippedMerge conflict = conflict(records, members.get(a), members.get(b), edge, sameEntity);
                if (conflict != null) {
                    skipped.add(conflict);
                    continue;
                }
            }
            // The smaller index becomes the root so that the structure itself is order independent.
            int root = Math.min(a, b);
            int child = Math.max(a, b);
            parent[child] = root;
            members.get(root).addAll(members.get(child));
            members.set(child, null);
        }
        TreeMap<String, List<String>> clusters = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (parent[i] == i) {
                List<String> ids = new ArrayList<>();
                for (int member : members.get(i)) {
                    ids.add(records.get(member).id());
                }
                ids.sort(null);
                clusters.put(ids.get(0), List.copyOf(ids));
            }
        }
        return new Clustering(List.copyOf(clusters.values()), List.copyOf(skipped));
    }

    private SkippedMerge conflict(List<Features> records, List<Integer> first, List<Integer> second, ScoredEdge edge,
            Set<Long> sameEntity) {
        int n = records.size();
        for (int x : first) {
            for (int y : second) {
                String rule = rules.cannotLinkRule(records.get(x), records.get(y),
                        !sameEntity.isEmpty() && sameEntity.contains(pair(x, y, n)));
                if (rule != null) {
                    return new SkippedMerge(records.get(edge.left()).id(), records.get(edge.right()).id(),
                            records.get(x).id(), records.get(y).id(), rule);
                }
            }
        }
        return null;
    }

    /** One number for an unordered pair of record indexes. */
    private static long pair(int x, int y, int n) {
        return (long) Math.min(x, y) * n + Math.max(x, y);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
