package io.tessera.projections.profile.api;

/** Everything that happens to a profile. Sealed so that a switch over the events fails to compile when one is missed. */
public sealed interface ProfileEvent
        permits ProfileCreated, RecordLinked, RecordUpdated, RecordUnlinked, ProfileRetired, ProfilesMerged,
                ProfileSplit, ProfileMergedInto, ConsentStated, ProfileErased, SuppressionLifted {

    String profileId();
}
