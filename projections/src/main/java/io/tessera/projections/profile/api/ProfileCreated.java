package io.tessera.projections.profile.api;

import java.time.Instant;

/** A new profile came into being because resolution found a cluster with no previous profile. */
public record ProfileCreated(String profileId, String decisionId, Instant at) implements ProfileEvent {
}
