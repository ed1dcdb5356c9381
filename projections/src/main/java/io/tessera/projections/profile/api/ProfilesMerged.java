package io.tessera.projections.profile.api;

import java.time.Instant;
import java.util.List;

/**
 * New evidence joined other profiles into this one: their ids are retired (each says so with
 * {@link ProfileMergedInto}) and their records join this profile (each with its own {@link RecordLinked}, which
 * follows this event).
 *
 * @param absorbedProfileIds the profiles that no longer exist on their own, by id
 * @param evidence           every link of the records that joined, so the merge is explained by itself
 */
public record ProfilesMerged(
        String profileId, List<String> absorbedProfileIds, List<MergeEvidence> evidence, String decisionId, Instant at)
        implements ProfileEvent {

    public ProfilesMerged {
        absorbedProfileIds = List.copyOf(absorbedProfileIds);
        evidence = List.copyOf(evidence);
    }
}
