package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Chooses the profile id of each re-clustered component so that ids stay stable (DESIGN invariant 3).
 *
 * <ul>
 *   <li>A component claims the previous profile id held by most of its members; on a tie, the lexicographically
 *       smallest id.</li>
 *   <li>When several components claim one id (a split), the one holding most of that id's previous members keeps
 *       it; then the larger component; then the one with the smallest record key. A component that loses a claim
 *       takes its next best previous id that nobody else took, so a merge and a split in one change retire as few
 *       ids as possible.</li>
 *   <li>A component left without a previous id gets a fresh one: a name-based UUID of its smallest record key,
 *       salted with a counter while that id is in use. Never random, so a replay of the same changes gives the same
 *       ids.</li>
 * </ul>
 */
final class ProfileIds {

    private static final String FRESH_ID_NAMESPACE = "tessera-profile:";

    private ProfileIds() {
    }

    private record Claim(int component, String profileId, int votes, int size, RecordKey first) {
    }

    private static final Comparator<Claim> STRONGEST_FIRST = Comparator.comparingInt(Claim::votes)
            .reversed()
            .thenComparing(Comparator.comparingInt(Claim::size).reversed())
            .thenComparing(Claim::first)
            .thenComparing(Claim::profileId);

    /**
     * @param components the new components, each non-empty
     * @param previous   the profile id of a record before the change
     * @param inUse      whether an id belongs to a profile that exists now (before the change)
     * @return the id of each component, in the order of the components
     */
    static List<String> assign(
            List<SortedSet<RecordKey>> components,
            Function<RecordKey, Optional<String>> previous,
            Predicate<String> inUse) {
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            SortedSet<RecordKey> component = components.get(i);
            Map<String, Integer> votes = new TreeMap<>();
            for (RecordKey key : component) {
                previous.apply(key).ifPresent(id -> votes.merge(id, 1, Integer::sum));
            }
            int index = i;
            votes.forEach((id, count) -> claims.add(new Claim(index, id, count, component.size(), component.first())));
        }
        claims.sort(STRONGEST_FIRST);

        String[] ids = new String[components.size()];
        Set<String> taken = new HashSet<>();
        for (Claim claim : claims) {
            if (ids[claim.component()] == null && taken.add(claim.profileId())) {
                ids[claim.component()] = claim.profileId();
            }
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null) {
                ids[i] = fresh(components.get(i).first(), taken, inUse);
                taken.add(ids[i]);
            }
        }
        return List.of(ids);
    }

    private static String fresh(RecordKey first, Set<String> taken, Predicate<String> inUse) {
        for (int salt = 0; ; salt++) {
            String name = FRESH_ID_NAMESPACE + first.asString() + (salt == 0 ? "" : "#" + salt);
            String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            if (!taken.contains(id) && !inUse.test(id)) {
                return id;
            }
        }
    }
}
