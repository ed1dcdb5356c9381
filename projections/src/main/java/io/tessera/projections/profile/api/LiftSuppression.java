package io.tessera.projections.profile.api;

import io.tessera.contracts.RecordKey;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a privacy officer lifted the suppression of a record this profile erased: the record may come back
 * into the profile, with versions its source changed after the erasure. Answers whether the profile held the record
 * erased (else nothing is recorded, so a repeated lift changes nothing).
 *
 * @param erasureId the erasure whose suppression was lifted
 * @param liftedBy  the API caller who lifted it
 * @param liftedAt  when
 */
public record LiftSuppression(@TargetAggregateIdentifier String profileId, RecordKey record, String erasureId,
                              String liftedBy, Instant liftedAt) implements ProfileCommand {

    public LiftSuppression {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(record, "record");
    }
}
