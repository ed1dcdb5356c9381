package io.tessera.projections.profile.api;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.List;

/** A source record joined the profile, with the evidence that links it to the other members. */
public record RecordLinked(String profileId, SourceRecord record, List<Evidence> evidence, String decisionId, Instant at)
        implements ProfileEvent {
}
