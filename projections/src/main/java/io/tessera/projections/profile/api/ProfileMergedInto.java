package io.tessera.projections.profile.api;

import java.time.Instant;

/**
 * The profile was absorbed by a merge: its records now belong to the survivor, whose {@link ProfilesMerged} holds
 * the evidence. Takes the place of {@link ProfileRetired} for a profile that ended this way.
 *
 * @param survivorProfileId the profile that holds its records now
 */
public record ProfileMergedInto(String profileId, String survivorProfileId, String decisionId, Instant at)
        implements ProfileEvent {
}
