package io.tessera.api.profile;

import java.time.Instant;
import java.util.List;

/**
 * One change of a profile's membership, read from its event history.
 *
 * @param type          what happened
 * @param at            when resolution decided it (the time of the source change)
 * @param decisionId    the identity decision that made the change
 * @param cause         the record whose change led to the decision, where the events name it
 * @param joined        records that joined the profile
 * @param left          records that left the profile
 * @param otherProfiles the profiles on the other side: absorbed ones (merged), the one split off from, the ones the
 *                      leaving records went to, or the survivor of a merge into another
 * @param links         the evidence that brought the joining records in, as stored then
 * @param endedLinks    for a split, the links between the records that left and those that stayed, as stored just
 *                      before the split, each explained with the records as they are now
 * @param summary       the change as one sentence, without values
 */
public record HistoryEntry(Type type, Instant at, String decisionId, String cause, List<String> joined,
        List<String> left, List<String> otherProfiles, List<LinkView> links, List<LinkView> endedLinks,
        String summary) {

    public HistoryEntry {
        joined = List.copyOf(joined);
        left = List.copyOf(left);
        otherProfiles = List.copyOf(otherProfiles);
        links = List.copyOf(links);
        endedLinks = List.copyOf(endedLinks);
    }

    /** What happened to the profile's membership. */
    public enum Type {
        /** The profile came into being with its first records. */
        CREATED,
        /** Records joined by new evidence, without absorbing another profile. */
        JOINED,
        /** New evidence joined other profiles into this one. */
        MERGED,
        /** This profile began as records split off from another, whose evidence to them ended. */
        SPLIT_OFF,
        /** Evidence ended and records left for other profiles while others stayed. */
        SPLIT,
        /** Records left and the history cannot tell where: deleted in their source, or moved on since. */
        RECORDS_LEFT,
        /** The profile was absorbed into another one. */
        MERGED_INTO,
        /** The profile has no record left. */
        RETIRED
    }
}
