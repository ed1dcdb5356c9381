package io.tessera.projections.profile.command;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.projections.profile.api.ApplyIdentityDecision;
import io.tessera.projections.profile.api.ConsentStated;
import io.tessera.projections.profile.api.EraseProfile;
import io.tessera.projections.profile.api.LiftSuppression;
import io.tessera.projections.profile.api.ProfileErased;
import io.tessera.projections.profile.api.MergeEvidence;
import io.tessera.projections.profile.api.ProfileCreated;
import io.tessera.projections.profile.api.ProfileMergedInto;
import io.tessera.projections.profile.api.ProfileRetired;
import io.tessera.projections.profile.api.ProfileSplit;
import io.tessera.projections.profile.api.ProfileUnavailableException;
import io.tessera.projections.profile.api.ProfilesMerged;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.api.RecordUpdated;
import io.tessera.projections.profile.api.StartProfile;
import io.tessera.projections.profile.api.StateConsent;
import io.tessera.projections.profile.api.SuppressionLifted;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final RecordKey CRM = new RecordKey("crm", "res_partner", "1");
    private static final RecordKey ERP = new RecordKey("erp", "tabCustomer", "CUST-1");

    private AggregateTestFixture<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Profile.class);
    }

    private static SourceRecord record(RecordKey key, String name, String email) {
        return new SourceRecord(key, EntityKind.PERSON,
                new Attributes(name, null, null, null, List.of(email), List.of(), null, null), T, "p1");
    }

    private static ProfileMember member(SourceRecord record, RecordKey other) {
        return new ProfileMember(record, other == null ? List.of()
                : List.of(new Evidence(other, "same-email", "a***@example.com", 1.0)));
    }

    @Test
    void firstDecisionCreatesTheProfileAndLinksEveryMember() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        SourceRecord erp = record(ERP, "JOSE GARCIA", "A@example.com");
        fixture.givenNoPriorActivity()
                .when(new ApplyIdentityDecision("p-1", "d-1", List.of(member(crm, ERP), member(erp, CRM)), ERP, T))
                .expectEvents(new ProfileCreated("p-1", "d-1", T),
                        new RecordLinked("p-1", crm, member(crm, ERP).evidence(), "d-1", T),
                        new RecordLinked("p-1", erp, member(erp, CRM).evidence(), "d-1", T));
    }

    @Test
    void aStartedProfileRecordsWhatItsFirstDecisionWould() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        SourceRecord erp = record(ERP, "JOSE GARCIA", "A@example.com");
        fixture.givenNoPriorActivity()
                .when(new StartProfile(new ApplyIdentityDecision("p-1", "d-1",
                        List.of(member(crm, ERP), member(erp, CRM)), ERP, T)))
                .expectEvents(new ProfileCreated("p-1", "d-1", T),
                        new RecordLinked("p-1", crm, member(crm, ERP).evidence(), "d-1", T),
                        new RecordLinked("p-1", erp, member(erp, CRM).evidence(), "d-1", T));
    }

    @Test
    void repeatingADecisionChangesNothing() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T))
                .when(new ApplyIdentityDecision("p-1", "d-1", List.of(member(crm, null)), CRM, T))
                .expectNoEvents();
    }

    @Test
    void aMemberMissingFromTheDecisionIsUnlinkedAndAChangedOneUpdated() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        SourceRecord erp = record(ERP, "JOSE GARCIA", "a@example.com");
        SourceRecord crmRenamed = record(CRM, "José García López", "a@example.com");
        fixture.given(new ProfileCreated("p-1", "d-1", T),
                        new RecordLinked("p-1", crm, member(crm, ERP).evidence(), "d-1", T),
                        new RecordLinked("p-1", erp, member(erp, CRM).evidence(), "d-1", T))
                .when(new ApplyIdentityDecision("p-1", "d-2", List.of(member(crmRenamed, null)), ERP, T))
                .expectEvents(new RecordUnlinked("p-1", ERP, ERP, "d-2", T),
                        new RecordUpdated("p-1", crmRenamed, List.of(), "d-2", T));
    }

    @Test
    void anEmptyDecisionRetiresTheProfile() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T))
                .when(new ApplyIdentityDecision("p-1", "d-2", List.of(), CRM, T))
                .expectEvents(new RecordUnlinked("p-1", CRM, CRM, "d-2", T), new ProfileRetired("p-1", "d-2", T));
    }

    @Test
    void aMergeRecordsTheAbsorbedProfileAndItsEvidenceBeforeLinkingItsRecords() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        SourceRecord erp = record(ERP, "JOSE GARCIA", "a@example.com");
        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T))
                .when(new ApplyIdentityDecision("p-1", "d-2", List.of(member(crm, ERP), member(erp, CRM)), ERP, T,
                        List.of("p-2"), null, null))
                .expectEvents(
                        new ProfilesMerged("p-1", List.of("p-2"),
                                List.of(new MergeEvidence(ERP, member(erp, CRM).evidence().getFirst())), "d-2", T),
                        new RecordUpdated("p-1", crm, member(crm, ERP).evidence(), "d-2", T),
                        new RecordLinked("p-1", erp, member(erp, CRM).evidence(), "d-2", T));
    }

    @Test
    void repeatingAMergeChangesNothing() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        SourceRecord erp = record(ERP, "JOSE GARCIA", "a@example.com");
        fixture.given(new ProfileCreated("p-1", "d-1", T),
                        new RecordLinked("p-1", crm, List.of(), "d-1", T),
                        new ProfilesMerged("p-1", List.of("p-2"),
                                List.of(new MergeEvidence(ERP, member(erp, CRM).evidence().getFirst())), "d-2", T),
                        new RecordUpdated("p-1", crm, member(crm, ERP).evidence(), "d-2", T),
                        new RecordLinked("p-1", erp, member(erp, CRM).evidence(), "d-2", T))
                .when(new ApplyIdentityDecision("p-1", "d-2", List.of(member(crm, ERP), member(erp, CRM)), ERP, T,
                        List.of("p-2"), null, null))
                .expectNoEvents();
    }

    @Test
    void anAbsorbedProfileUnlinksItsRecordsAndNamesItsSurvivorInsteadOfRetiring() {
        SourceRecord erp = record(ERP, "JOSE GARCIA", "a@example.com");
        fixture.given(new ProfileCreated("p-2", "d-1", T), new RecordLinked("p-2", erp, List.of(), "d-1", T))
                .when(new ApplyIdentityDecision("p-2", "d-2", List.of(), ERP, T, List.of(), null, "p-1"))
                .expectEvents(new RecordUnlinked("p-2", ERP, ERP, "d-2", T),
                        new ProfileMergedInto("p-2", "p-1", "d-2", T));
    }

    @Test
    void repeatingTheRetirementOfAnAbsorbedProfileChangesNothing() {
        SourceRecord erp = record(ERP, "JOSE GARCIA", "a@example.com");
        fixture.given(new ProfileCreated("p-2", "d-1", T),
                        new RecordLinked("p-2", erp, List.of(), "d-1", T),
                        new RecordUnlinked("p-2", ERP, ERP, "d-2", T),
                        new ProfileMergedInto("p-2", "p-1", "d-2", T))
                .when(new ApplyIdentityDecision("p-2", "d-2", List.of(), ERP, T, List.of(), null, "p-1"))
                .expectNoEvents();
    }

    @Test
    void aPartSplitOffUnderANewIdNamesTheProfileItCameFrom() {
        SourceRecord crm = record(CRM, "José García", "new@example.com");
        fixture.givenNoPriorActivity()
                .when(new ApplyIdentityDecision("p-3", "d-2", List.of(member(crm, null)), CRM, T, List.of(), "p-1",
                        null))
                .expectEvents(new ProfileCreated("p-3", "d-2", T),
                        new ProfileSplit("p-3", "p-1", "d-2", T),
                        new RecordLinked("p-3", crm, List.of(), "d-2", T));
    }

    @Test
    void repeatingASplitChangesNothing() {
        SourceRecord crm = record(CRM, "José García", "new@example.com");
        fixture.given(new ProfileCreated("p-3", "d-2", T),
                        new ProfileSplit("p-3", "p-1", "d-2", T),
                        new RecordLinked("p-3", crm, List.of(), "d-2", T))
                .when(new ApplyIdentityDecision("p-3", "d-2", List.of(member(crm, null)), CRM, T, List.of(), "p-1",
                        null))
                .expectNoEvents();
    }

    @Test
    void aConsentStatementThroughTheApiIsRecordedForALiveProfile() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        StateConsent statement = new StateConsent("p-1", "s-1", ConsentChannel.EMAIL, "marketing", false, T,
                "privacy", "unsubscribe link", T.plusSeconds(5));
        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T))
                .when(statement)
                .expectEvents(new ConsentStated("p-1", "s-1", ConsentChannel.EMAIL, "marketing", false, T, "privacy",
                        "unsubscribe link", T.plusSeconds(5)));
    }

    @Test
    void aProfileMergedIntoAnotherTakesNoConsentAndNamesTheSurvivor() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T),
                        new RecordUnlinked("p-1", CRM, ERP, "d-2", T), new ProfileMergedInto("p-1", "p-2", "d-2", T))
                .when(new StateConsent("p-1", "s-1", ConsentChannel.SMS, "marketing", true, T, "mark", null, T))
                .expectException(ProfileUnavailableException.class)
                .expectExceptionMessage("Profile p-1 was merged into profile p-2; use that id")
                .expectNoEvents();
    }

    @Test
    void anErasureIsRecordedOnceAndLaterDecisionsKeepTheRecordErased() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        SourceRecord erp = record(ERP, "JOSE GARCIA", "a@example.com");
        fixture.given(new ProfileCreated("p-1", "d-1", T),
                        new RecordLinked("p-1", crm, member(crm, ERP).evidence(), "d-1", T),
                        new RecordLinked("p-1", erp, member(erp, CRM).evidence(), "d-1", T))
                .when(new EraseProfile("p-1", "e-1", List.of(ERP, CRM), "pia", T))
                .expectEvents(new ProfileErased("p-1", "e-1", List.of(CRM, ERP), "pia", T))
                .expectResultMessagePayload(2);

        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T),
                        new ProfileErased("p-1", "e-1", List.of(CRM), "pia", T))
                .when(new EraseProfile("p-1", "e-2", List.of(CRM), "pia", T))
                .expectNoEvents()
                .expectResultMessagePayload(0);

        // A decision made before the erasure arrives after it: the record stays erased, its values are not recorded.
        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T),
                        new ProfileErased("p-1", "e-1", List.of(CRM), "pia", T))
                .when(new ApplyIdentityDecision("p-1", "d-2", List.of(member(crm, ERP)), CRM, T))
                .expectEvents(new RecordUpdated("p-1", crm.erasedCopy(), member(crm, ERP).evidence(), "d-2", T));
    }

    private static SourceRecord changedAt(SourceRecord record, Instant at) {
        return new SourceRecord(record.key(), record.kind(), record.attributes(), at, "p2", record.relations(),
                record.facts(), record.consents());
    }

    @Test
    void aLiftIsRecordedOnlyForARecordTheProfileHoldsErased() {
        SourceRecord crm = record(CRM, "José García", "a@example.com");
        Instant lift = T.plusSeconds(60);
        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T),
                        new ProfileErased("p-1", "e-1", List.of(CRM), "pia", T))
                .when(new LiftSuppression("p-1", CRM, "e-1", "pia", lift))
                .expectEvents(new SuppressionLifted("p-1", CRM, "e-1", "pia", lift))
                .expectResultMessagePayload(true);

        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T),
                        new ProfileErased("p-1", "e-1", List.of(CRM), "pia", T),
                        new SuppressionLifted("p-1", CRM, "e-1", "pia", lift))
                .when(new LiftSuppression("p-1", CRM, "e-1", "pia", lift))
                .expectNoEvents()
                .expectResultMessagePayload(false);

        fixture.given(new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", crm, List.of(), "d-1", T))
                .when(new LiftSuppression("p-1", CRM, "e-1", "pia", lift))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void afterALiftTheRecordComesBackWithAVersionChangedAfterTheErasureOnly() {
        SourceRecord before = record(CRM, "José García", "a@example.com");
        Instant erasedAt = T.plusSeconds(10);
        Instant liftedAt = T.plusSeconds(60);
        SourceRecord after = changedAt(record(CRM, "Josefa Nueva", "josefa@example.com"), T.plusSeconds(90));
        Object[] history = {new ProfileCreated("p-1", "d-1", T), new RecordLinked("p-1", before, List.of(), "d-1", T),
                new RecordUnlinked("p-1", CRM, CRM, "d-2", erasedAt), new ProfileRetired("p-1", "d-2", erasedAt),
                new ProfileErased("p-1", "e-1", List.of(CRM), "pia", erasedAt)};

        // Without the lift, even a version changed after the erasure stays erased (no values are recorded).
        fixture.given(history)
                .when(new ApplyIdentityDecision("p-1", "d-3", List.of(member(after, null)), CRM, T.plusSeconds(90)))
                .expectEvents(new RecordLinked("p-1", after.erasedCopy(), List.of(), "d-3", T.plusSeconds(90)));

        Object[] lifted = Stream.concat(Arrays.stream(history),
                Stream.of(new SuppressionLifted("p-1", CRM, "e-1", "pia", liftedAt))).toArray();
        // A decision made before the erasure, still on its way, brings no values back after the lift.
        fixture.given(lifted)
                .when(new ApplyIdentityDecision("p-1", "d-0", List.of(member(before, null)), CRM, T))
                .expectEvents(new RecordLinked("p-1", before.erasedCopy(), List.of(), "d-0", T));
        // The record's next change in its source brings it back, with its new values.
        fixture.given(lifted)
                .when(new ApplyIdentityDecision("p-1", "d-3", List.of(member(after, null)), CRM, T.plusSeconds(90)))
                .expectEvents(new RecordLinked("p-1", after, List.of(), "d-3", T.plusSeconds(90)));
        // Erased again: held erased again.
        fixture.given(lifted)
                .andGiven(new RecordLinked("p-1", after, List.of(), "d-3", T.plusSeconds(90)))
                .when(new EraseProfile("p-1", "e-2", List.of(CRM), "pia", T.plusSeconds(120)))
                .expectEvents(new ProfileErased("p-1", "e-2", List.of(CRM), "pia", T.plusSeconds(120)));
        SourceRecord later = changedAt(record(CRM, "Josefa Otra", "josefa@example.com"), T.plusSeconds(150));
        fixture.given(lifted)
                .andGiven(new RecordLinked("p-1", after, List.of(), "d-3", T.plusSeconds(90)),
                        new ProfileErased("p-1", "e-2", List.of(CRM), "pia", T.plusSeconds(120)))
                .when(new ApplyIdentityDecision("p-1", "d-4", List.of(member(later, null)), CRM, T.plusSeconds(150)))
                .expectEvents(new RecordUpdated("p-1", later.erasedCopy(), List.of(), "d-4", T.plusSeconds(150)));
    }
}
