package io.tessera.projections.profile.api;

import java.time.Instant;

/** The profile has no records any more: they were deleted or merged into another profile. */
public record ProfileRetired(String profileId, String decisionId, Instant at) implements ProfileEvent {
}
