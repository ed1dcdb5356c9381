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
 */
public record IdentityDecision(
        String decisionId, String profileId, List<ProfileMember> members, RecordKey cause, Instant decidedAt) {

    public IdentityDecision {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public boolean retiresProfile() {
        return members.isEmpty();
    }
}
