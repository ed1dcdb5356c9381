package io.tessera.identity.core.cluster;

import static io.tessera.identity.core.TestRecords.T0;
import static io.tessera.identity.core.TestRecords.key;
import static io.tessera.identity.core.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {

    private final InMemoryResolutionState state = new InMemoryResolutionState();
    private IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
    private int position;

    @Test
    void aRecordWithoutUsableIdentifiersIsAProfileOfItsOwn() {
        List<IdentityDecision> first = upsert(person("a", "Ana", List.of(), List.of()));
        List<IdentityDecision> second = upsert(person("b", "Bea", List.of("unknown"), List.of("n/a")));

        assertThat(first).singleElement().satisfies(decision -> {
            assertThat(keys(decision)).containsExactly(key("a"));
            assertThat(decision.members().getFirst().evidence()).isEmpty();
        });
        assertThat(second).singleElement().satisfies(decision -> assertThat(keys(decision)).containsExactly(key("b")));
        assertThat(first.getFirst().profileId()).isNotEqualTo(second.getFirst().profileId());
        // Fresh ids are name-based on the smallest record key, so a replay gives the same ids.
        assertThat(first.getFirst().profileId()).isEqualTo(nameUuid("tessera-profile:crm/res_partner/a"));
    }

    @Test
    void twoRecordsSharingAnEmailSpelledDifferentlyBecomeOneProfileWithEvidence() {
        String profile = upsert(person("a", "Ana García", List.of("Ana.Garcia@Correo.es"), List.of()))
                .getFirst().profileId();

        List<IdentityDecision> decisions =
                upsert(person("b", "ANA GARCIA", List.of(" ana.garcia@correo.ES "), List.of()));

        assertThat(decisions).singleElement().satisfies(decision -> {
            assertThat(decision.profileId()).isEqualTo(profile);
            assertThat(keys(decision)).containsExactly(key("a"), key("b"));
            assertThat(decision.cause()).isEqualTo(key("b"));
            Evidence evidence = decision.members().get(0).evidence().getFirst();
            assertThat(evidence.linkedTo()).isEqualTo(key("b"));
            assertThat(evidence.rule()).isEqualTo("fellegi-sunter");
            assertThat(evidence.detail()).contains("email exact", "given_name exact", "family_name exact")
                    .doesNotContainIgnoringCase("garcia").doesNotContain("correo");
            assertThat(evidence.weight()).isPositive();
            assertThat(decision.members().get(1).evidence()).singleElement()
                    .satisfies(back -> assertThat(back.linkedTo()).isEqualTo(key("a")));
        });
    }

    @Test
    void providerRulesMakeTheSameMailboxLinkWhateverDotsAndTagsItWasWrittenWith() {
        String profile = upsert(person("a", "Jon Smith", List.of("jon.smith+newsletter@gmail.com"), List.of()))
                .getFirst().profileId();

        IdentityDecision decision =
                upsert(person("b", "Jon Smith", List.of("JonSmith@googlemail.com"), List.of())).getFirst();

        assertThat(decision.profileId()).isEqualTo(profile);
        assertThat(keys(decision)).containsExactly(key("a"), key("b"));
        assertThat(decision.members().get(0).evidence()).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("email exact"));
    }

    @Test
    void evidenceNamesTheAttributesThatAgreedButNoValue() {
        upsert(person("a", "Ana Ruiz", List.of(), List.of("+34 612 345 678")));
        IdentityDecision decision = upsert(person("b", "Ana Ruiz", List.of(), List.of("612 34 56 78"))).getFirst();

        assertThat(decision.members().getFirst().evidence()).singleElement().satisfies(evidence -> {
            assertThat(evidence.linkedTo()).isEqualTo(key("b"));
            assertThat(evidence.detail()).contains("phone exact").doesNotContain("612").doesNotContain("Ruiz");
        });
    }

    @Test
    void changingAnEmailSplitsTheProfileAndTheLargerPartKeepsItsId() {
        String profile = upsert(person("a", "Ana", List.of("ana@correo.es"), List.of())).getFirst().profileId();
        upsert(person("b", "Ana", List.of("ana@correo.es"), List.of()));
        upsert(person("c", "Ana", List.of("ana@correo.es"), List.of()));

        List<IdentityDecision> decisions = upsert(person("a", "Ana", List.of("ana.new@correo.es"), List.of()));

        assertThat(decisions).hasSize(2);
        IdentityDecision alone = decisions.get(0);
        IdentityDecision rest = decisions.get(1);
        assertThat(keys(alone)).containsExactly(key("a"));
        assertThat(keys(rest)).containsExactly(key("b"), key("c"));
        assertThat(rest.profileId()).isEqualTo(profile);
        // a's own name-based id is still the id of b and c's profile, so a's new id is salted.
        assertThat(alone.profileId())
                .isNotEqualTo(profile)
                .isEqualTo(nameUuid("tessera-profile:crm/res_partner/a#1"));
        assertThat(state.profileOf(key("a"))).hasValue(alone.profileId());
    }

    @Test
    void onASplitIntoEqualPartsThePartWithTheSmallestRecordKeyKeepsTheId() {
        String profile = upsert(person("a", "Ana", List.of("ana@correo.es"), List.of())).getFirst().profileId();
        upsert(person("b", "Ana", List.of("ana@correo.es"), List.of()));

        List<IdentityDecision> decisions = upsert(person("b", "Ana", List.of("other@correo.es"), List.of()));

        assertThat(decisions).extracting(IdentityDecision::profileId, IdentityResolverTest::keys).containsExactly(
                tuple(profile, List.of(key("a"))),
                tuple(nameUuid("tessera-profile:crm/res_partner/b"), List.of(key("b"))));
    }

    @Test
    void deletingARecordTakesItOutOfItsProfile() {
        String profile = upsert(person("a", "Ana", List.of("ana@correo.es"), List.of())).getFirst().profileId();
        upsert(person("b", "Ana", List.of("ana@correo.es"), List.of()));
        upsert(person("c", "Ana", List.of("ana@correo.es"), List.of()));

        List<IdentityDecision> decisions = delete("b");

        assertThat(decisions).singleElement().satisfies(decision -> {
            assertThat(decision.profileId()).isEqualTo(profile);
            assertThat(keys(decision)).containsExactly(key("a"), key("c"));
            assertThat(decision.cause()).isEqualTo(key("b"));
        });
        assertThat(state.record(key("b"))).isEmpty();
        assertThat(state.profileOf(key("b"))).isEmpty();
        assertThat(delete("b")).as("deleting an unknown record changes nothing").isEmpty();
    }

    @Test
    void deletingTheLastRecordOfAProfileRetiresIt() {
        String profile = upsert(person("a", "Ana", List.of("ana@correo.es"), List.of())).getFirst().profileId();

        List<IdentityDecision> decisions = delete("a");

        assertThat(decisions).singleElement().satisfies(decision -> {
            assertThat(decision.profileId()).isEqualTo(profile);
            assertThat(decision.retiresProfile()).isTrue();
        });
        assertThat(state.profiles()).isEmpty();
    }

    /**
     * An erased record is deleted from resolution (its tombstone); when it comes back alone (its suppression lifted),
     * it gets the profile id it had, whose aggregate recorded the erasure: that profile must let it back in.
     */
    @Test
    void aRecordThatComesBackAloneAfterItsDeleteGetsTheProfileIdItHadBefore() {
        String profile = upsert(person("a", "Ana", List.of("ana@correo.es"), List.of())).getFirst().profileId();
        delete("a");

        List<IdentityDecision> back = upsert(person("a", "Ana Nueva", List.of("ana.nueva@correo.es"), List.of()));

        assertThat(back).singleElement().satisfies(decision -> {
            assertThat(decision.profileId()).isEqualTo(profile);
            assertThat(keys(decision)).containsExactly(key("a"));
        });
    }

    @Test
    void aRecordBridgingTwoProfilesMergesThemTransitivelyAndRetiresOneId() {
        String byEmail = upsert(person("a", "Ana", List.of("ana@correo.es"), List.of())).getFirst().profileId();
        String byPhone = upsert(person("c", "A. García", List.of(), List.of("+34612345678"))).getFirst().profileId();
        String kept = byEmail.compareTo(byPhone) < 0 ? byEmail : byPhone;
        String retired = kept.equals(byEmail) ? byPhone : byEmail;

        List<IdentityDecision> decisions =
                upsert(person("b", "Ana García", List.of("ANA@correo.es"), List.of("612 345 678")));

        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0).profileId()).isEqualTo(kept);
        assertThat(keys(decisions.get(0))).containsExactly(key("a"), key("b"), key("c"));
        assertThat(decisions.get(0).members().get(1).evidence()).extracting(Evidence::linkedTo)
                .containsExactlyInAnyOrder(key("a"), key("c"));
        assertThat(decisions.get(1).profileId()).isEqualTo(retired);
        assertThat(decisions.get(1).retiresProfile()).isTrue();
        assertThat(state.profiles()).containsOnlyKeys(kept);
    }

    @Test
    void aTransitiveMergeNamesTheAbsorbedProfileAndTheRetiredOneNamesItsSurvivor() {
        String byEmail = upsert(person("a", "Ana", List.of("ana@correo.es"), List.of())).getFirst().profileId();
        String byPhone = upsert(person("c", "A. García", List.of(), List.of("+34612345678"))).getFirst().profileId();
        String kept = byEmail.compareTo(byPhone) < 0 ? byEmail : byPhone;
        String absorbed = kept.equals(byEmail) ? byPhone : byEmail;

        List<IdentityDecision> decisions =
                upsert(person("b", "Ana García", List.of("ANA@correo.es"), List.of("612 345 678")));

        assertThat(decisions).extracting(IdentityDecision::profileId, IdentityDecision::mergedFrom,
                        IdentityDecision::splitFrom, IdentityDecision::mergedInto)
                .containsExactly(
                        tuple(kept, List.of(absorbed), null, null),
                        tuple(absorbed, List.of(), null, kept));
    }

    @Test
    void theSplitOffPartOfAnEmailChangeNamesTheProfileItLeft() {
        String profile = upsert(person("a", "Ana", List.of("ana@correo.es"), List.of())).getFirst().profileId();
        upsert(person("b", "Ana", List.of("ana@correo.es"), List.of()));
        upsert(person("c", "Ana", List.of("ana@correo.es"), List.of()));

        List<IdentityDecision> decisions = upsert(person("a", "Ana", List.of("ana.new@correo.es"), List.of()));

        assertThat(decisions).extracting(IdentityResolverTest::keys, IdentityDecision::splitFrom,
                        IdentityDecision::mergedFrom, IdentityDecision::mergedInto)
                .containsExactly(
                        tuple(List.of(key("a")), profile, List.of(), null),
                        tuple(List.of(key("b"), key("c")), null, List.of(), null));
    }

    @Test
    void aPlainLinkOrUnlinkNeitherMergesNorSplits() {
        upsert(person("a", "Ana", List.of("ana@correo.es"), List.of()));
        List<IdentityDecision> link = upsert(person("b", "Ana", List.of("ana@correo.es"), List.of()));
        upsert(person("c", "Ana", List.of("ana@correo.es"), List.of()));
        List<IdentityDecision> unlink = delete("b");
        delete("a");
        List<IdentityDecision> retire = delete("c");

        assertThat(link).hasSize(1);
        assertThat(unlink).hasSize(1);
        assertThat(retire).singleElement().satisfies(decision -> assertThat(decision.retiresProfile()).isTrue());
        List<IdentityDecision> all = new ArrayList<>(link);
        all.addAll(unlink);
        all.addAll(retire);
        assertThat(all).allSatisfy(decision -> {
            assertThat(decision.mergedFrom()).isEmpty();
            assertThat(decision.splitFrom()).isNull();
            assertThat(decision.mergedInto()).isNull();
        });
    }

    @Test
    void blockedValuesNeverLink() {
        upsert(person("a", "Ana", List.of("info@acme.es"), List.of("000000000")));
        upsert(person("b", "Bea", List.of("info@acme.es"), List.of("000000000")));
        upsert(person("c", "Cai", List.of("test@test.com"), List.of("666 666 666")));
        upsert(person("d", "Dan", List.of("test@test.com"), List.of("666 666 666")));
        upsert(person("e", "Eva", List.of("unknown"), List.of("123456789")));
        upsert(person("f", "Fer", List.of("unknown"), List.of("123456789")));

        assertThat(state.profiles()).hasSize(6);
    }

    @Test
    void anIdentifierHeldByMoreRecordsThanTheCapStopsCounting() {
        resolver = new IdentityResolver(ResolverSettings.of("ES").withCardinalityCap(2));
        String profile = upsert(person("a", "Ana García", List.of(), List.of("912 345 678"))).getFirst().profileId();
        upsert(person("b", "Ana García", List.of(), List.of("912 345 678")));
        assertThat(state.profiles()).hasSize(1);

        // A third holder puts the number over the cap: it is a switchboard, and the name alone does not link.
        List<IdentityDecision> decisions = upsert(person("c", "Ana García", List.of(), List.of("912 345 678")));

        assertThat(decisions).extracting(IdentityResolverTest::keys)
                .containsExactly(List.of(key("a")), List.of(key("b")), List.of(key("c")));
        assertThat(decisions.getFirst().profileId()).isEqualTo(profile);
        assertThat(state.profiles()).hasSize(3);

        List<IdentityDecision> afterDelete = delete("c");

        // a and b link again under one of their two ids; the other id and c's are retired.
        assertThat(afterDelete.getFirst().members()).extracting(member -> member.record().key())
                .containsExactly(key("a"), key("b"));
        assertThat(afterDelete).filteredOn(IdentityDecision::retiresProfile).hasSize(2);
        assertThat(state.profiles()).hasSize(1);
    }

    @Test
    void anIdentifierCrossingTheCapUpdatesTheEvidenceOfProfilesItNoLongerCountsIn() {
        resolver = new IdentityResolver(ResolverSettings.of("ES").withCardinalityCap(2));
        upsert(person("a", "Ana", List.of("ana@correo.es"), List.of("912 345 678")));
        upsert(person("b", "Ana", List.of("ana@correo.es"), List.of("912 345 678")));

        List<IdentityDecision> decisions = upsert(person("c", "Cai", List.of(), List.of("912 345 678")));

        assertThat(decisions).extracting(IdentityResolverTest::keys)
                .containsExactly(List.of(key("a"), key("b")), List.of(key("c")));
        assertThat(decisions.getFirst().members().getFirst().evidence()).singleElement()
                .satisfies(evidence -> assertThat(evidence.detail()).contains("email exact").doesNotContain("phone"));
    }

    @Test
    void anAttributeChangeReachesTheProfile() {
        upsert(person("a", "Ana", List.of("ana@correo.es"), List.of()));
        upsert(person("b", "Ana", List.of("ana@correo.es"), List.of()));

        List<IdentityDecision> decisions = upsert(person("a", "Ana María", List.of("ana@correo.es"), List.of()));

        assertThat(decisions).singleElement().satisfies(decision -> assertThat(decision.members())
                .extracting(member -> member.record().attributes().fullName())
                .containsExactly("Ana María", "Ana"));
    }

    @Test
    void replayingTheSameChangesYieldsTheSameDecisions() {
        SourceRecord a = person("a", "Ana", List.of("ana@correo.es"), List.of());
        SourceRecord b = person("b", "Ana", List.of("ana@correo.es"), List.of());
        Change.Upsert changeA = new Change.Upsert(a, "lsn-1", T0);
        Change.Upsert changeB = new Change.Upsert(b, "lsn-2", T0.plusSeconds(1));

        List<IdentityDecision> first = resolveAll(new InMemoryResolutionState(), changeA, changeB);
        List<IdentityDecision> replay = resolveAll(new InMemoryResolutionState(), changeA, changeB);
        InMemoryResolutionState twice = new InMemoryResolutionState();
        resolveAll(twice, changeA, changeB);
        List<IdentityDecision> again = resolver.apply(twice, changeB);

        assertThat(replay).isEqualTo(first);
        assertThat(again).as("processing a change again (at-least-once) re-emits its decision")
                .containsExactly(first.getLast());
        assertThat(first.getLast().decidedAt()).isEqualTo(T0.plusSeconds(1));
    }

    private List<IdentityDecision> resolveAll(ResolutionState target, Change... changes) {
        List<IdentityDecision> decisions = new ArrayList<>();
        for (Change change : changes) {
            decisions.addAll(resolver.apply(target, change));
        }
        return decisions;
    }

    private List<IdentityDecision> upsert(SourceRecord record) {
        position++;
        return resolver.apply(state, new Change.Upsert(record, "pos-" + position, T0.plusSeconds(position)));
    }

    private List<IdentityDecision> delete(String pk) {
        position++;
        return resolver.apply(state, new Change.Delete(key(pk), "pos-" + position, T0.plusSeconds(position)));
    }

    private static List<RecordKey> keys(IdentityDecision decision) {
        return decision.members().stream().map(ProfileMember::record).map(SourceRecord::key).toList();
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
