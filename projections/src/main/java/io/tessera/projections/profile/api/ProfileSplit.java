package io.tessera.projections.profile.api;

import java.time.Instant;

/**
 * The evidence that held this profile's records to another profile ended, and the other part kept the old id:
 * this profile took a new id. The other profile's {@link RecordUnlinked} events name the change that broke it.
 *
 * @param fromProfileId the profile these records were split off from
 */
public record ProfileSplit(String profileId, String fromProfileId, String decisionId, Instant at)
        implements ProfileEvent {
}
