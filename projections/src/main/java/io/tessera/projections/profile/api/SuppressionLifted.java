package io.tessera.projections.profile.api;

import io.tessera.contracts.RecordKey;
import java.time.Instant;

/**
 * The suppression of a record this profile erased was lifted: the record may come back, but only with a version its
 * source changed after the erasure, sealed with the record's new key. Everything recorded of it before stays erased.
 * Holds no personal data: a record key is a source id.
 *
 * @param record    the record
 * @param erasureId the erasure that had suppressed it
 * @param liftedBy  the API caller who lifted it
 * @param at        when
 */
public record SuppressionLifted(String profileId, RecordKey record, String erasureId, String liftedBy, Instant at)
        implements ProfileEvent {
}
