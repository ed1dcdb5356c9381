package io.tessera.projections.profile.query;

import io.tessera.contracts.EntityKind;
import java.time.Instant;
import java.util.List;

/** A unified profile with every source record it holds and its relations to other profiles. */
public record ProfileDetails(
        String profileId, String displayName, EntityKind kind, int recordCount, Instant updatedAt, List<RecordView> records,
        List<RelationView> relations) {

    public ProfileDetails {
        records = records == null ? List.of() : List.copyOf(records);
        relations = relations == null ? List.of() : List.copyOf(relations);
    }
}
