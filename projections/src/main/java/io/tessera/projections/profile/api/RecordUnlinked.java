package io.tessera.projections.profile.api;

import io.tessera.contracts.RecordKey;
import java.time.Instant;

/**
 * A source record left the profile: it was deleted in its source, or the evidence that linked it ended
 * (the record then belongs to another profile, whose own {@link RecordLinked} says so).
 */
public record RecordUnlinked(String profileId, RecordKey recordKey, RecordKey cause, String decisionId, Instant at)
        implements ProfileEvent {
}
