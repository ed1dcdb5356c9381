package io.tessera.projections.profile.query;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.List;

/** A source record as part of a profile: the record as mapped, the evidence that links it, when it joined. */
public record RecordView(SourceRecord record, List<Evidence> evidence, Instant linkedAt) {
}
