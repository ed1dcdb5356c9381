package io.tessera.api.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.api.profile.HistoryEntry.Type;
import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.projections.profile.api.MergeEvidence;
import io.tessera.projections.profile.api.ProfileCreated;
import io.tessera.projections.profile.api.ProfileEvent;
import io.tessera.projections.profile.api.ProfileMergedInto;
import io.tessera.projections.profile.api.ProfileSplit;
import io.tessera.projections.profile.api.ProfilesMerged;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.api.RecordUpdated;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The history of a profile read from events as the aggregate writes them: merges, splits and the links that ended. */
class ProfileLineageTest {

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2025-03-03T10:00:00Z");
    private static final RecordKey CRM = new RecordKey("crm", "res_partner", "7");
    private static final RecordKey ERP = new RecordKey("erp", "tabCustomer", "CUST-1");
    private static final RecordKey SHOP = new RecordKey("shop", "customer", "44");
    private static final String EMAIL_LINK = "email exact +14.5, family_name exact +6.4";

    private final Map<String, List<ProfileEvent>> store = new HashMap<>();
    private final Map<RecordKey, String> holders = new HashMap<>();
    private final ProfileLineage lineage = new ProfileLineage(id -> store.getOrDefault(id, List.of()),
            key -> Optional.ofNullable(holders.get(key)), (a, b) -> null);

    @Test
    void aSplitNamesTheRecordsThatLeftWhereTheyWentAndTheLinkThatEnded() {
        // CRM and ERP joined by their email; then the ERP email changed and the ERP record was split off into Q.
        store.put("P", List.of(
                new ProfileCreated("P", "d1", T1),
                new RecordLinked("P", record(CRM), List.of(), "d1", T1),
                new RecordLinked("P", record(ERP), List.of(link(CRM)), "d2", T2),
                new RecordUpdated("P", record(CRM), List.of(link(ERP)), "d2", T2),
                new RecordUnlinked("P", ERP, ERP, "d3", T3),
                new RecordUpdated("P", record(CRM), List.of(), "d3", T3)));
        store.put("Q", List.of(
                new ProfileCreated("Q", "d4", T3),
                new ProfileSplit("Q", "P", "d4", T3),
                new RecordLinked("Q", record(ERP), List.of(), "d4", T3)));
        holders.put(CRM, "P");
        holders.put(ERP, "Q");

        List<HistoryEntry> history = lineage.history("P");

        assertThat(history).extracting(HistoryEntry::type).containsExactly(Type.CREATED, Type.JOINED, Type.SPLIT);
        HistoryEntry joined = history.get(1);
        assertThat(joined.joined()).containsExactly(ERP.asString());
        assertThat(joined.links()).singleElement().satisfies(l -> assertThat(l.detail()).isEqualTo(EMAIL_LINK));
        HistoryEntry split = history.get(2);
        assertThat(split.left()).containsExactly(ERP.asString());
        assertThat(split.cause()).isEqualTo(ERP.asString());
        assertThat(split.otherProfiles()).containsExactly("Q");
        assertThat(split.endedLinks()).singleElement().satisfies(l -> {
            assertThat(l.a()).isEqualTo(CRM.asString());
            assertThat(l.b()).isEqualTo(ERP.asString());
            assertThat(l.rule()).isEqualTo("fellegi-sunter");
            assertThat(l.detail()).isEqualTo(EMAIL_LINK);
        });

        HistoryEntry splitOff = lineage.history("Q").getFirst();
        assertThat(splitOff.type()).isEqualTo(Type.SPLIT_OFF);
        assertThat(splitOff.otherProfiles()).containsExactly("P");
        assertThat(splitOff.cause()).isEqualTo(ERP.asString());
        assertThat(splitOff.endedLinks()).singleElement().satisfies(l -> assertThat(l.detail()).isEqualTo(EMAIL_LINK));
    }

    @Test
    void aDeletedRecordThatCannotBeFollowedHasLeftWithoutBeingCalledASplit() {
        store.put("P", List.of(
                new ProfileCreated("P", "d1", T1),
                new RecordLinked("P", record(CRM), List.of(link(ERP)), "d1", T1),
                new RecordLinked("P", record(ERP), List.of(link(CRM)), "d1", T1),
                new RecordUnlinked("P", ERP, ERP, "d2", T2),
                new RecordUpdated("P", record(CRM), List.of(), "d2", T2)));
        holders.put(CRM, "P");

        HistoryEntry left = lineage.history("P").getLast();

        assertThat(left.type()).isEqualTo(Type.RECORDS_LEFT);
        assertThat(left.endedLinks()).hasSize(1);
        assertThat(left.otherProfiles()).isEmpty();
    }

    @Test
    void aMergeShowsTheAbsorbedProfileAndTheLinksThatJoinedItAndTheAbsorbedSideSaysWhere() {
        store.put("P", List.of(
                new ProfileCreated("P", "d1", T1),
                new RecordLinked("P", record(CRM), List.of(), "d1", T1),
                new ProfilesMerged("P", List.of("S"), List.of(new MergeEvidence(SHOP, link(CRM))), "d2", T2),
                new RecordUpdated("P", record(CRM), List.of(link(SHOP)), "d2", T2),
                new RecordLinked("P", record(SHOP), List.of(link(CRM)), "d2", T2)));
        store.put("S", List.of(
                new ProfileCreated("S", "d0", T1),
                new RecordLinked("S", record(SHOP), List.of(), "d0", T1),
                new RecordUnlinked("S", SHOP, SHOP, "d3", T2),
                new ProfileMergedInto("S", "P", "d3", T2)));

        HistoryEntry merge = lineage.history("P").getLast();
        assertThat(merge.type()).isEqualTo(Type.MERGED);
        assertThat(merge.otherProfiles()).containsExactly("S");
        assertThat(merge.joined()).containsExactly(SHOP.asString());
        assertThat(merge.links()).singleElement().satisfies(l -> assertThat(l.a()).isEqualTo(CRM.asString()));

        HistoryEntry absorbed = lineage.history("S").getLast();
        assertThat(absorbed.type()).isEqualTo(Type.MERGED_INTO);
        assertThat(absorbed.otherProfiles()).containsExactly("P");
        assertThat(absorbed.left()).containsExactly(SHOP.asString());
        assertThat(lineage.known("S")).isTrue();
        assertThat(lineage.known("unknown")).isFalse();
    }

    private static Evidence link(RecordKey to) {
        return new Evidence(to, "fellegi-sunter", EMAIL_LINK, 18.3);
    }

    private static SourceRecord record(RecordKey key) {
        return new SourceRecord(key, EntityKind.PERSON, new Attributes("Someone", null, null, null, List.of(),
                List.of(), Address.EMPTY, null), T1, "p-" + key.pk());
    }
}
