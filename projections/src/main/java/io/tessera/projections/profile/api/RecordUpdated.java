package io.tessera.projections.profile.api;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.List;

/** A member record changed in its source, or the evidence that links it changed; it stays in the profile. */
public record RecordUpdated(String profileId, SourceRecord record, List<Evidence> evidence, String decisionId, Instant at)
        implements ProfileEvent {
}
