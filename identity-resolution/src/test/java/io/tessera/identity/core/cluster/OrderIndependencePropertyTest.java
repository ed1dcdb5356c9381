package io.tessera.identity.core.cluster;

import static io.tessera.identity.core.TestRecords.T0;
import static io.tessera.identity.core.TestRecords.key;
import static io.tessera.identity.core.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.normalise.Identifier;
import io.tessera.identity.core.normalise.IdentifierExtractor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * DESIGN invariant 1: whatever the history of upserts, updates and deletes and whatever the order of the last
 * changes, resolution ends in the partition that connected components over the final records give directly.
 * Also checks that the emitted decisions, applied downstream (latest per profile wins, no members = retired),
 * give exactly that partition with the same ids, and that every profile's evidence connects all its members.
 */
class OrderIndependencePropertyTest {

    private static final int KEYS = 8;
    private static final List<String> EMAILS = List.of(
            "ana@correo.es", " ANA@Correo.es", "bea@correo.es", "cai@correo.es", "info@acme.es", "not-an-email");
    private static final List<String> PHONES = List.of(
            "+34 612 345 678", "612345678", "+34 622 111 222", "+351 912 345 678", "000000000");

    /** The identifying attributes of one version of a record. */
    record Version(List<String> emails, List<String> phones) {
    }

    /** An upsert of a version, or a delete when the version is empty. */
    record Op(int key, Optional<Version> version) {
    }

    @Property(tries = 400)
    void resolutionEndsInThePartitionOfTheFinalRecords(
            @ForAll("histories") List<Op> history,
            @ForAll("finalVersions") List<Optional<Version>> finals,
            @ForAll("caps") int cap,
            @ForAll Random random) {
        List<Op> closing = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            closing.add(new Op(i, finals.get(i)));
        }
        Collections.shuffle(closing, random);
        List<Op> changes = new ArrayList<>(history);
        changes.addAll(closing);

        IdentityResolver resolver = new IdentityResolver(new ResolverSettings("ES", cap));
        InMemoryResolutionState state = new InMemoryResolutionState();
        Map<String, IdentityDecision> downstream = new HashMap<>();
        for (int position = 0; position < changes.size(); position++) {
            Op op = changes.get(position);
            String where = "p" + position;
            Change change = op.version().isPresent()
                    ? new Change.Upsert(record(op.key(), op.version().get()), where, T0.plusSeconds(position))
                    : new Change.Delete(key("r" + op.key()), where, T0.plusSeconds(position));
            for (IdentityDecision decision : resolver.apply(state, change)) {
                if (decision.retiresProfile()) {
                    downstream.remove(decision.profileId());
                } else {
                    downstream.put(decision.profileId(), decision);
                }
            }
        }

        Map<RecordKey, SourceRecord> finalRecords = new TreeMap<>();
        for (int i = 0; i < KEYS; i++) {
            int index = i;
            finals.get(i).ifPresent(version -> finalRecords.put(key("r" + index), record(index, version)));
        }
        Set<Set<RecordKey>> expected = expectedPartition(finalRecords, cap);
        assertThat(partition(state.profiles().values())).isEqualTo(expected);

        Map<String, Set<RecordKey>> applied = new HashMap<>();
        downstream.forEach((id, decision) -> applied.put(id, memberKeys(decision)));
        Map<String, Set<RecordKey>> resolved = new HashMap<>();
        state.profiles().forEach((id, keys) -> resolved.put(id, new HashSet<>(keys)));
        assertThat(applied).isEqualTo(resolved);
        downstream.values().forEach(OrderIndependencePropertyTest::assertEvidenceConnectsAllMembers);
    }

    /** A plain, slow reference: merge every group holding an identifier that is within the cap. */
    private static Set<Set<RecordKey>> expectedPartition(Map<RecordKey, SourceRecord> records, int cap) {
        IdentifierExtractor extractor = new IdentifierExtractor("ES");
        Map<Identifier, Set<RecordKey>> holders = new TreeMap<>();
        records.forEach((key, record) -> extractor.identifiers(record)
                .forEach(id -> holders.computeIfAbsent(id, any -> new HashSet<>()).add(key)));
        List<Set<RecordKey>> groups = new ArrayList<>();
        records.keySet().forEach(key -> groups.add(new HashSet<>(Set.of(key))));
        holders.values().stream().filter(keys -> keys.size() <= cap).forEach(keys -> {
            Set<RecordKey> merged = new HashSet<>();
            groups.removeIf(group -> {
                if (Collections.disjoint(group, keys)) {
                    return false;
                }
                merged.addAll(group);
                return true;
            });
            groups.add(merged);
        });
        return new HashSet<>(groups);
    }

    private static void assertEvidenceConnectsAllMembers(IdentityDecision decision) {
        Set<RecordKey> members = memberKeys(decision);
        Map<RecordKey, Set<RecordKey>> edges = new HashMap<>();
        for (ProfileMember member : decision.members()) {
            for (Evidence evidence : member.evidence()) {
                assertThat(members).contains(evidence.linkedTo());
                edges.computeIfAbsent(member.record().key(), any -> new HashSet<>()).add(evidence.linkedTo());
                edges.computeIfAbsent(evidence.linkedTo(), any -> new HashSet<>()).add(member.record().key());
            }
        }
        Set<RecordKey> reached = new HashSet<>();
        List<RecordKey> todo = new ArrayList<>(List.of(decision.members().getFirst().record().key()));
        while (!todo.isEmpty()) {
            RecordKey next = todo.removeLast();
            if (reached.add(next)) {
                todo.addAll(edges.getOrDefault(next, Set.of()));
            }
        }
        assertThat(reached).isEqualTo(members);
    }

    private static Set<RecordKey> memberKeys(IdentityDecision decision) {
        return decision.members().stream().map(member -> member.record().key()).collect(Collectors.toSet());
    }

    private static Set<Set<RecordKey>> partition(Collection<SortedSet<RecordKey>> profiles) {
        return profiles.stream().map(keys -> (Set<RecordKey>) new HashSet<>(keys)).collect(Collectors.toSet());
    }

    private static SourceRecord record(int index, Version version) {
        // Half of the records carry no country, so the default region is exercised too.
        return person("r" + index, "Person " + index, version.emails(), version.phones(),
                index % 2 == 0 ? "Spain" : null);
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        return Combinators.combine(Arbitraries.integers().between(0, KEYS - 1), versions())
                .as(Op::new)
                .list()
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Optional<Version>>> finalVersions() {
        return versions().list().ofSize(KEYS);
    }

    @Provide
    Arbitrary<Integer> caps() {
        return Arbitraries.of(1, 2, 3, 50);
    }

    private static Arbitrary<Optional<Version>> versions() {
        Arbitrary<Version> version = Combinators.combine(
                        Arbitraries.of(EMAILS).list().ofMaxSize(2),
                        Arbitraries.of(PHONES).list().ofMaxSize(2))
                .as(Version::new);
        return Arbitraries.frequencyOf(
                Tuple.of(4, version.map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.<Version>empty())));
    }
}
