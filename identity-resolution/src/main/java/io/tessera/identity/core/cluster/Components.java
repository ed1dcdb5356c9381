package io.tessera.identity.core.cluster;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.RecordKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Connected components of records over their links; the same links always give the same components. */
public final class Components {

    private Components() {
    }

    /**
     * The components of the given records.
     *
     * @param links each record's evidence; a link to a record that is not a key of the map is ignored
     * @return the components, each sorted by record key, ordered by their smallest record key
     */
    public static List<SortedSet<RecordKey>> of(SortedMap<RecordKey, List<Evidence>> links) {
        Map<RecordKey, RecordKey> parent = new HashMap<>();
        links.keySet().forEach(key -> parent.put(key, key));
        links.forEach((key, evidence) -> evidence.stream()
                .map(Evidence::linkedTo)
                .filter(parent::containsKey)
                .forEach(other -> union(parent, key, other)));

        SortedMap<RecordKey, SortedSet<RecordKey>> byRoot = new TreeMap<>();
        for (RecordKey key : links.keySet()) {
            byRoot.computeIfAbsent(find(parent, key), root -> new TreeSet<>()).add(key);
        }
        List<SortedSet<RecordKey>> components = new ArrayList<>(byRoot.values());
        components.sort(Comparator.comparing(SortedSet::first));
        return components;
    }

    private static RecordKey find(Map<RecordKey, RecordKey> parent, RecordKey key) {
        RecordKey root = key;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        // Path compression keeps later look-ups short on long chains.
        RecordKey current = key;
        while (!current.equals(root)) {
            RecordKey next = parent.get(current);
            parent.put(current, root);
            current = next;
        }
        return root;
    }

    private static void union(Map<RecordKey, RecordKey> parent, RecordKey a, RecordKey b) {
        RecordKey rootA = find(parent, a);
        RecordKey rootB = find(parent, b);
        if (rootA.equals(rootB)) {
            return;
        }
        // The smaller key becomes the root, so the shape of the forest is deterministic too.
        if (rootA.compareTo(rootB) < 0) {
            parent.put(rootB, rootA);
        } else {
            parent.put(rootA, rootB);
        }
    }
}
