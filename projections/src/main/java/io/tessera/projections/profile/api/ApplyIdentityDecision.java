package io.tessera.projections.profile.api;

import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Makes a profile's membership what identity resolution decided: the full list of its records with evidence.
 * Applying the same decision twice changes nothing.
 */
public record ApplyIdentityDecision(
        @TargetAggregateIdentifier String profileId,
        String decisionId,
        List<ProfileMember> members,
        RecordKey cause,
        Instant decidedAt) {
}
