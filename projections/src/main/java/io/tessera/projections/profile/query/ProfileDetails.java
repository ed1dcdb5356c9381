package io.tessera.projections.profile.query;

import io.tessera.contracts.EntityKind;
import io.tessera.projections.profile.golden.Consents;
import io.tessera.projections.profile.golden.GoldenRecord;
import java.time.Instant;
import java.util.List;

/**
 * A unified profile: its golden record (each value with where it came from), the consent in force per channel and
 * purpose, every source record it holds and its relations to other profiles. {@code golden} is null where only the
 * summary was read.
 */
public record ProfileDetails(
        String profileId, String displayName, EntityKind kind, int recordCount, Instant updatedAt, GoldenRecord golden,
        List<Consents.Consent> consents, List<RecordView> records, List<RelationView> relations) {

    public ProfileDetails {
        consents = consents == null ? List.of() : List.copyOf(consents);
        records = records == null ? List.of() : List.copyOf(records);
        relations = relations == null ? List.of() : List.copyOf(relations);
    }
}
