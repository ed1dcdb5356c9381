package io.tessera.projections.profile.query;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.List;

/**
 * A source record as part of a profile: the record as mapped, the evidence that links it, when it joined this
 * profile, and when Tessera first saw it (the time of its first change; null for rows written before Tessera kept
 * it).
 */
public record RecordView(SourceRecord record, List<Evidence> evidence, Instant linkedAt, Instant firstSeen) {
}
