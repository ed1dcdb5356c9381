package io.tessera.projections.profile.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Applies the first decision of a profile that the event store does not hold yet, without reading the store for it
 * first: the sender has checked that no event of the profile is stored. Should the profile exist after all (another
 * instance created it meanwhile), the append collides with its first event and the transaction fails; the sender
 * then applies the decision as an {@link ApplyIdentityDecision}, which loads the profile.
 */
public record StartProfile(@TargetAggregateIdentifier String profileId, ApplyIdentityDecision decision)
        implements ProfileCommand {

    public StartProfile {
        Objects.requireNonNull(profileId, "profileId");
        if (!profileId.equals(decision.profileId())) {
            throw new IllegalArgumentException("StartProfile for " + profileId + " holds a decision for "
                    + decision.profileId());
        }
        if (decision.members().isEmpty()) {
            // A retirement of a profile never seen records nothing, and an aggregate without an event has no id.
            throw new IllegalArgumentException("A profile cannot start with a decision that retires it: " + profileId);
        }
    }

    public StartProfile(ApplyIdentityDecision decision) {
        this(decision.profileId(), decision);
    }
}
