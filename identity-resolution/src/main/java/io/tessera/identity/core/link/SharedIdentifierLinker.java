package io.tessera.identity.core.link;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.RecordKey;
import io.tessera.identity.core.normalise.Identifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Links records that share a usable identifier (exact match on a normalised email or phone), with evidence.
 *
 * <p>For each identifier a record lists one link: to the smallest other record holding it. The union of these links
 * connects every holder of an identifier (a star around its smallest holder), so the links explain a whole profile
 * while the evidence per record stays bounded by its number of identifiers, not by the size of the profile.
 * A later scoring linker produces the same shape: links with a rule, a masked detail and a weight.
 */
public final class SharedIdentifierLinker {

    /** Exact rules carry a fixed weight; scored rules will carry their match weight. */
    public static final double EXACT_MATCH_WEIGHT = 1.0;

    private static final Comparator<Evidence> EVIDENCE_ORDER = Comparator.comparing(Evidence::rule)
            .thenComparing(Evidence::linkedTo)
            .thenComparing(Evidence::detail);

    /**
     * The links of each record among the given ones.
     *
     * @param identifiers the usable identifiers of each record to link
     * @param linkable    whether an identifier may link at all (it is not over the cardinality cap)
     * @return for every given record its evidence (possibly empty), sorted by rule, linked record and detail
     */
    public SortedMap<RecordKey, List<Evidence>> link(
            Map<RecordKey, ? extends Collection<Identifier>> identifiers, Predicate<Identifier> linkable) {
        SortedMap<Identifier, SortedSet<RecordKey>> holders = new TreeMap<>();
        identifiers.forEach((key, ids) -> ids.stream()
                .filter(linkable)
                .forEach(id -> holders.computeIfAbsent(id, any -> new TreeSet<>()).add(key)));

        SortedMap<RecordKey, List<Evidence>> evidence = new TreeMap<>();
        for (Map.Entry<RecordKey, ? extends Collection<Identifier>> entry : new TreeMap<>(identifiers).entrySet()) {
            RecordKey key = entry.getKey();
            List<Evidence> links = new ArrayList<>();
            for (Identifier id : new TreeSet<>(entry.getValue())) {
                SortedSet<RecordKey> sharing = holders.getOrDefault(id, new TreeSet<>());
                sharing.stream()
                        .filter(other -> !other.equals(key))
                        .findFirst()
                        .ifPresent(other -> links.add(
                                new Evidence(other, id.kind().rule(), id.masked(), EXACT_MATCH_WEIGHT)));
            }
            links.sort(EVIDENCE_ORDER);
            evidence.put(key, List.copyOf(links));
        }
        return evidence;
    }
}
