package io.tessera.projections.profile.api;

import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Makes a profile's membership what identity resolution decided: the full list of its records with evidence, and
 * whether it absorbed other profiles, was split off from one, or was merged into one (see {@code IdentityDecision}).
 * Applying the same decision twice changes nothing.
 */
public record ApplyIdentityDecision(
        @TargetAggregateIdentifier String profileId,
        String decisionId,
        List<ProfileMember> members,
        RecordKey cause,
        Instant decidedAt,
        List<String> mergedFrom,
        String splitFrom,
        String mergedInto) implements ProfileCommand {

    public ApplyIdentityDecision {
        mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
    }

    /** A decision that neither merges nor splits. */
    public ApplyIdentityDecision(
            String profileId, String decisionId, List<ProfileMember> members, RecordKey cause, Instant decidedAt) {
        this(profileId, decisionId, members, cause, decidedAt, List.of(), null, null);
    }
}
