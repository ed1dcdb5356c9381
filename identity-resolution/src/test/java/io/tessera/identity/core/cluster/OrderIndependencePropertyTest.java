package io.tessera.identity.core.cluster;

import static io.tessera.identity.core.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.batch.BatchResolve;
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
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/**
 * DESIGN invariant 1: whatever the history of upserts, updates and deletes and whatever the order of the last
 * changes, incremental resolution ends in the partition that the batch resolver gives for the final records with
 * the same parameters and caps. Also checks that the emitted decisions, applied downstream (latest per profile
 * wins, no members = retired), give exactly that partition with the same ids, and that every profile's evidence
 * connects all its members. Small caps make values cross the cardinality cap and blocks cross the size cap; a
 * quarter of the versions name another record as the same entity, which may come before or after it, or never.
 */
class OrderIndependencePropertyTest {

    private static final int KEYS = 8;
    private static final List<String> NAMES = List.of(
            "Ana García López", "ANA GARCIA", "Ana Garzia", "Beatriz Ruiz", "Bea Ruiz", "Carlos Ruiz");
    private static final List<String> EMAILS = List.of(
            "ana.garcia@gmail.com", "anagarcia+shop@gmail.com", "ruiz.family@correo.es", "info@acme.es");
    private static final List<String> PHONES = List.of("+34 612 345 678", "612345678", "+34 622 111 222", "000000000");
    private static final List<String> BIRTH_DATES = List.of("1980-03-14", "14/03/1980", "1980-04-14", "2010-05-01");
    private static final List<String> STREETS = List.of("Calle Mayor 5", "C/ Mayor 5", "Gran Vía 1");
    private static final List<String> TAX_IDS = List.of("12345678Z", "87654321X");

    /**
     * The identifying attributes of one version of a record, any of which may be missing, and the record it names as
     * the same entity (a key index), if any.
     */
    record Version(String name, String email, String phone, String birthDate, String street, String taxId,
                   Integer sameAs) {
    }

    /** An upsert of a version, or a delete when the version is empty. */
    record Op(int key, Optional<Version> version) {
    }

    @Property(tries = 300)
    void incrementalResolutionEndsInTheBatchPartitionOfTheFinalRecords(
            @ForAll("histories") List<Op> history,
            @ForAll("finalVersions") List<Optional<Version>> finals,
            @ForAll("cardinalityCaps") int cap,
            @ForAll("blockSizes") int maxBlockSize,
            @ForAll Random random) {
        List<Op> closing = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            closing.add(new Op(i, finals.get(i)));
        }
        Collections.shuffle(closing, random);
        List<Op> changes = new ArrayList<>(history);
        changes.addAll(closing);

        ResolverSettings settings = ResolverSettings.of("ES").withCardinalityCap(cap).withMaxBlockSize(maxBlockSize);
        IdentityResolver resolver = new IdentityResolver(settings);
        InMemoryResolutionState state = new InMemoryResolutionState();
        Map<String, IdentityDecision> downstream = new HashMap<>();
        for (int position = 0; position < changes.size(); position++) {
            Op op = changes.get(position);
            String where = "p" + position;
            Change change = op.version().isPresent()
                    ? new Change.Upsert(record(op.key(), op.version().get()), where, T0.plusSeconds(position))
                    : new Change.Delete(key(op.key()), where, T0.plusSeconds(position));
            for (IdentityDecision decision : resolver.apply(state, change)) {
                if (decision.retiresProfile()) {
                    downstream.remove(decision.profileId());
                } else {
                    downstream.put(decision.profileId(), decision);
                }
            }
        }

        List<SourceRecord> finalRecords = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            int index = i;
            finals.get(i).ifPresent(version -> finalRecords.add(record(index, version)));
        }
        BatchResolve batch = new BatchResolve("ES", cap, maxBlockSize);
        Set<Set<RecordKey>> expected = batchPartition(batch.resolve(finalRecords, settings.parameters()));
        Statistics.label("records linked").collect(finalRecords.size() - expected.size());
        assertThat(partition(state.profiles().values())).isEqualTo(expected);

        Map<String, Set<RecordKey>> applied = new HashMap<>();
        downstream.forEach((id, decision) -> applied.put(id, memberKeys(decision)));
        Map<String, Set<RecordKey>> resolved = new HashMap<>();
        state.profiles().forEach((id, keys) -> resolved.put(id, new HashSet<>(keys)));
        assertThat(applied).isEqualTo(resolved);
        downstream.values().forEach(OrderIndependencePropertyTest::assertEvidenceConnectsAllMembers);
    }

    private static Set<Set<RecordKey>> batchPartition(BatchResolve.Result result) {
        Map<String, Set<RecordKey>> profiles = new HashMap<>();
        result.rows().forEach(row -> profiles.computeIfAbsent(row.profileId(), any -> new HashSet<>()).add(row.key()));
        return new HashSet<>(profiles.values());
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

    private static RecordKey key(int index) {
        return new RecordKey(index % 2 == 0 ? "crm" : "erp", "customer", "r" + index);
    }

    private static SourceRecord record(int index, Version v) {
        // Half of the records carry no country, so the default region is exercised too.
        Address address = new Address(v.street(), v.street() == null ? null : "28013",
                v.street() == null ? null : "Madrid", null, index % 2 == 0 ? "Spain" : null);
        Attributes attributes = new Attributes(v.name(), null, null, null,
                v.email() == null ? List.of() : List.of(v.email()),
                v.phone() == null ? List.of() : List.of(v.phone()),
                address, v.taxId(), v.birthDate(), Map.of());
        List<Relation> relations = v.sameAs() == null ? List.of()
                : List.of(new Relation("primary-contact", key(v.sameAs()), true));
        return new SourceRecord(key(index), EntityKind.PERSON, attributes, T0, "lsn-" + index, relations);
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
    Arbitrary<Integer> cardinalityCaps() {
        return Arbitraries.of(1, 2, 3, 50);
    }

    @Provide
    Arbitrary<Integer> blockSizes() {
        return Arbitraries.of(2, 3, 500);
    }

    private static Arbitrary<Optional<Version>> versions() {
        Arbitrary<Version> version = Combinators.combine(
                        optional(NAMES), optional(EMAILS), optional(PHONES), optional(BIRTH_DATES), optional(STREETS),
                        optional(TAX_IDS),
                        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(0, KEYS - 1)),
                                Tuple.of(3, Arbitraries.just((Integer) null))))
                .as(Version::new);
        return Arbitraries.frequencyOf(
                Tuple.of(4, version.map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.<Version>empty())));
    }

    /** A value of the pool, or null (missing) one time in four. */
    private static Arbitrary<String> optional(List<String> pool) {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(pool)), Tuple.of(1, Arbitraries.just(null)));
    }
}
