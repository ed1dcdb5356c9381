package io.tessera.projections.profile.query;

import io.tessera.contracts.EntityKind;
import java.time.Instant;
import java.util.List;

/** A unified profile with every source record it holds. */
public record ProfileDetails(
        String profileId, String displayName, EntityKind kind, int recordCount, Instant updatedAt, List<RecordView> records) {
}
