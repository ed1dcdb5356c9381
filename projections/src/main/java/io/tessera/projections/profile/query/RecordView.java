package io.tessera.projections.profile.query;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A source record as part of a profile: the record as mapped, the evidence that links it, when it joined this
 * profile, when Tessera first saw it (the time of its first change; null for rows written before Tessera kept
 * it), and for each consent statement without a time of its own ({@code email/marketing}), since when the record has
 * said what it says now.
 */
public record RecordView(SourceRecord record, List<Evidence> evidence, Instant linkedAt, Instant firstSeen,
                         Map<String, Instant> consentSince) {

    public RecordView {
        consentSince = consentSince == null ? Map.of() : Map.copyOf(consentSince);
    }
}
