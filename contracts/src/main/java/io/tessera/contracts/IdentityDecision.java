package io.tessera.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The current membership of one profile, decided by identity resolution after a change. It states the whole
 * membership (not a delta), so applying the same decision twice is harmless and the latest decision per
 * profile is the truth. A decision with no members retires the profile (its records were deleted or moved).
 *
 * @param decisionId unique id of this decision
 * @param profileId  the stable profile id
 * @param members    every record of the profile now, with its evidence, ordered by record key
 * @param cause      the record whose change led to this decision
 * @param decidedAt  when resolution decided
 * @param mergedFrom ids of previous profiles that this decision absorbs into this profile: their records are now
 *                   members here and the ids no longer exist as separate profiles (empty when nothing merged)
 * @param splitFrom  the previous profile this profile's records were split off from, when this profile takes a new
 *                   id because another part kept the old one (null otherwise)
 * @param mergedInto for a retiring decision of a profile absorbed by a merge: the surviving profile (null otherwise)
 */
public record IdentityDecision(
        String decisionId,
        String profileId,
        List<ProfileMember> members,
        RecordKey cause,
        Instant decidedAt,
        List<String> mergedFrom,
        String splitFrom,
        String mergedInto) {

    public IdentityDecision {
        members = members == null ? List.of() : List.copyOf(members);
        // Absent in decisions written before merges were explicit: read as "no merge".
        mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
    }

    /** A decision that neither merges nor splits, as every decision was before merges and splits were explicit. */
    public IdentityDecision(
            String decisionId, String profileId, List<ProfileMember> members, RecordKey cause, Instant decidedAt) {
        this(decisionId, profileId, members, cause, decidedAt, List.of(), null, null);
    }

    public boolean retiresProfile() {
        return members.isEmpty();
    }
}
