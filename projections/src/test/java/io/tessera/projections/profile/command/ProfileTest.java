package io.tessera.projections.profile.command;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.projections.profile.api.ApplyIdentityDecision;
import io.tessera.projections.profile.api.ProfileCreated;
import io.tessera.projections.profile.api.ProfileRetired;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.api.RecordUpdated;
import java.time.Instant;
import java.util.List;
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
}
