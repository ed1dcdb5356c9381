package io.tessera.api.profile;

import io.tessera.api.profile.HistoryEntry.Type;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.RecordKey;
import io.tessera.identity.core.explain.RecordPairExplanation;
import io.tessera.projections.profile.api.ConsentStated;
import io.tessera.projections.profile.api.MergeEvidence;
import io.tessera.projections.profile.api.ProfileCreated;
import io.tessera.projections.profile.api.ProfileErased;
import io.tessera.projections.profile.api.ProfileEvent;
import io.tessera.projections.profile.api.ProfileMergedInto;
import io.tessera.projections.profile.api.ProfileRetired;
import io.tessera.projections.profile.api.ProfileSplit;
import io.tessera.projections.profile.api.ProfilesMerged;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.api.RecordUpdated;
import io.tessera.projections.profile.api.SuppressionLifted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads a profile's membership changes, and the evidence behind them, from its events.
 *
 * <p>The events of one identity decision follow each other, so they are read decision by decision while the members'
 * evidence is replayed ({@link RecordLinked} and {@link RecordUpdated} carry each member's links). A split is not one
 * event on the side that kept the id: records simply leave ({@link RecordUnlinked}). The links that ended are the
 * links, as the members held them just before that decision, between the records that left and those that stayed.
 * Where the leaving records went is found in the profile holding each of them now, whose history must show it
 * joining at the same decision time (both sides of one change carry the change's time); a record that has moved on
 * since, or was deleted, cannot be followed, and the change is then reported as {@link Type#RECORDS_LEFT}. The side
 * split off has {@link ProfileSplit}; its ended links are read the same way from the profile it came from.
 *
 * <p>A member keeps at most its ten strongest links as evidence, so a record with many links may show fewer ended
 * links than resolution dropped. Plain Java: the event store, the read model and the explainer are passed in.
 */
final class ProfileLineage {

    private final Function<String, List<ProfileEvent>> events;
    private final Function<RecordKey, Optional<String>> currentProfile;
    private final BiFunction<RecordKey, RecordKey, RecordPairExplanation> explainNow;
    private final Map<String, List<Step>> steps = new HashMap<>();

    /**
     * @param events         a profile's events, oldest first (empty for an unknown profile)
     * @param currentProfile the profile holding a record now
     * @param explainNow     the pair explained with the records as they are now, or null when one is gone
     */
    ProfileLineage(Function<String, List<ProfileEvent>> events, Function<RecordKey, Optional<String>> currentProfile,
            BiFunction<RecordKey, RecordKey, RecordPairExplanation> explainNow) {
        this.events = events;
        this.currentProfile = currentProfile;
        this.explainNow = explainNow;
    }

    /** Whether the profile has any event. */
    boolean known(String profileId) {
        return !steps(profileId).isEmpty();
    }

    /** The membership changes of the profile, oldest first. */
    List<HistoryEntry> history(String profileId) {
        List<HistoryEntry> history = new ArrayList<>();
        for (Step step : steps(profileId)) {
            history.addAll(entries(profileId, step));
        }
        return history;
    }

    private List<HistoryEntry> entries(String profileId, Step step) {
        List<RecordKey> joined = new ArrayList<>();
        List<LinkView> joinLinks = new ArrayList<>();
        List<RecordKey> left = new ArrayList<>();
        RecordKey cause = null;
        ProfileCreated created = null;
        ProfilesMerged merged = null;
        ProfileSplit split = null;
        ProfileMergedInto mergedInto = null;
        ProfileRetired retired = null;
        for (ProfileEvent event : step.events()) {
            switch (event) {
                case ProfileCreated e -> created = e;
                case RecordLinked e -> {
                    joined.add(e.record().key());
                    e.evidence().forEach(link -> joinLinks.add(LinkView.of(e.record().key(), link)));
                }
                case RecordUpdated e -> {
                    // Evidence of a member that stays; the replay keeps it for the next decision.
                }
                case RecordUnlinked e -> {
                    left.add(e.recordKey());
                    cause = e.cause();
                }
                case ProfilesMerged e -> merged = e;
                case ProfileSplit e -> split = e;
                case ProfileMergedInto e -> mergedInto = e;
                case ProfileRetired e -> retired = e;
                case ConsentStated e -> {
                    // Not a membership change; steps are built without consent statements.
                }
                case ProfileErased e -> {
                    // Not a membership change either: the records leave when resolution removes them.
                }
                case SuppressionLifted e -> {
                    // Nor is a lift: the record comes back with its next change, as a link.
                }
            }
        }
        String causeText = cause == null ? null : cause.asString();
        List<HistoryEntry> entries = new ArrayList<>();
        if (!left.isEmpty() && mergedInto == null && retired == null) {
            entries.add(leaving(profileId, step, left, cause));
        }
        if (split != null) {
            Departure departure = departure(split.fromProfileId(), step.at(), joined);
            List<LinkView> ended = departure.endedLinks();
            entries.add(entry(Type.SPLIT_OFF, step, departure.cause(), joined, List.of(), List.of(split.fromProfileId()),
                    List.of(), ended, "Split off from profile " + split.fromProfileId() + ": " + count(joined)
                            + " left it when " + count(ended, "link") + " to the records that stayed ended."));
        } else if (merged != null) {
            List<LinkView> links = distinct(merged.evidence().stream()
                    .map((MergeEvidence m) -> LinkView.of(m.record(), m.evidence())).toList());
            entries.add(entry(Type.MERGED, step, causeText, joined, List.of(), merged.absorbedProfileIds(), links,
                    List.of(), "Absorbed " + merged.absorbedProfileIds().size() + " profile(s) with " + count(joined)
                            + ", held by " + count(links, "link") + "."));
        } else if (created != null) {
            List<LinkView> links = distinct(joinLinks);
            entries.add(entry(Type.CREATED, step, causeText, joined, List.of(), List.of(), links, List.of(),
                    "Created with " + count(joined) + (links.isEmpty() ? "." : ", held by " + count(links, "link")
                            + ".")));
        } else if (!joined.isEmpty()) {
            List<LinkView> links = distinct(joinLinks);
            entries.add(entry(Type.JOINED, step, causeText, joined, List.of(), List.of(), links, List.of(),
                    count(joined) + " joined, held by " + count(links, "link") + "."));
        }
        if (mergedInto != null) {
            entries.add(entry(Type.MERGED_INTO, step, causeText, List.of(), left,
                    List.of(mergedInto.survivorProfileId()), List.of(), List.of(),
                    "Absorbed into profile " + mergedInto.survivorProfileId() + ", which holds its records now."));
        } else if (retired != null) {
            entries.add(entry(Type.RETIRED, step, causeText, List.of(), left, List.of(), List.of(), List.of(),
                    "Retired: no record is left."));
        }
        return entries;
    }

    /** Records left while others stayed: a split when they can be followed to where they went. */
    private HistoryEntry leaving(String profileId, Step step, List<RecordKey> left, RecordKey cause) {
        Set<RecordKey> leaving = new TreeSet<>(left);
        Set<RecordKey> stayed = new TreeSet<>(step.before().keySet());
        stayed.removeAll(leaving);
        List<LinkView> ended = endedLinks(step.before(), leaving, stayed);
        Set<String> wentTo = new LinkedHashSet<>();
        for (RecordKey key : leaving) {
            currentProfile.apply(key)
                    .filter(other -> !other.equals(profileId) && joinedAt(other, key, step.at()))
                    .ifPresent(wentTo::add);
        }
        // A record that was not the changed one only leaves because evidence ended: it still exists somewhere.
        boolean split = !wentTo.isEmpty() || (cause != null && !leaving.contains(cause));
        String causeText = cause == null ? null : cause.asString();
        if (split) {
            return entry(Type.SPLIT, step, causeText, List.of(), left, List.copyOf(wentTo), List.of(), ended,
                    "Split: " + count(left) + " left" + (wentTo.isEmpty() ? "" : " for " + String.join(", ", wentTo))
                            + " when " + count(ended, "link") + " to the records that stayed ended.");
        }
        return entry(Type.RECORDS_LEFT, step, causeText, List.of(), left, List.of(), List.of(), ended,
                count(left) + " left: deleted in its source or moved on since; " + count(ended, "link")
                        + " to the records that stayed ended.");
    }

    /**
     * How {@code joined} left {@code fromProfileId} at {@code at}, read from its history: the change that caused it
     * and the links that ended; nothing when that history does not show it.
     */
    private Departure departure(String fromProfileId, Instant at, List<RecordKey> joined) {
        for (Step step : steps(fromProfileId)) {
            if (!step.at().equals(at)) {
                continue;
            }
            Set<RecordKey> leaving = new TreeSet<>();
            Set<RecordKey> unlinked = new TreeSet<>();
            RecordKey cause = null;
            for (ProfileEvent event : step.events()) {
                if (event instanceof RecordUnlinked unlink) {
                    unlinked.add(unlink.recordKey());
                    cause = unlink.cause();
                    if (joined.contains(unlink.recordKey())) {
                        leaving.add(unlink.recordKey());
                    }
                }
            }
            if (!leaving.isEmpty()) {
                Set<RecordKey> stayed = new TreeSet<>(step.before().keySet());
                stayed.removeAll(unlinked);
                return new Departure(cause.asString(), endedLinks(step.before(), leaving, stayed));
            }
        }
        return new Departure(null, List.of());
    }

    private record Departure(String cause, List<LinkView> endedLinks) {
    }

    /** The links between the two sides as the members held them, each explained as the records are now. */
    private List<LinkView> endedLinks(Map<RecordKey, List<Evidence>> before, Set<RecordKey> leaving,
            Set<RecordKey> stayed) {
        List<LinkView> links = new ArrayList<>();
        before.forEach((record, evidence) -> {
            for (Evidence link : evidence) {
                boolean across = leaving.contains(record) ? stayed.contains(link.linkedTo())
                        : stayed.contains(record) && leaving.contains(link.linkedTo());
                if (across) {
                    links.add(LinkView.of(record, link));
                }
            }
        });
        return distinct(links).stream()
                .map(link -> link.withExplanation(explainNow.apply(RecordKey.parse(link.a()), RecordKey.parse(link.b()))))
                .toList();
    }

    private boolean joinedAt(String profileId, RecordKey key, Instant at) {
        return steps(profileId).stream()
                .filter(step -> step.at().equals(at))
                .flatMap(step -> step.events().stream())
                .anyMatch(event -> event instanceof RecordLinked linked && linked.record().key().equals(key));
    }

    private List<Step> steps(String profileId) {
        // Consent statements, erasures and lifts change no membership: the lineage of links, merges and splits leaves
        // them out.
        return steps.computeIfAbsent(profileId, id -> Step.replay(events.apply(id).stream()
                .filter(event -> !(event instanceof ConsentStated) && !(event instanceof ProfileErased)
                        && !(event instanceof SuppressionLifted)).toList()));
    }

    private static HistoryEntry entry(Type type, Step step, String cause, List<RecordKey> joined,
            List<RecordKey> left, List<String> otherProfiles, List<LinkView> links, List<LinkView> endedLinks,
            String summary) {
        return new HistoryEntry(type, step.at(), step.decisionId(), cause, keys(joined), keys(left), otherProfiles,
                links, endedLinks, summary);
    }

    /** One copy of each link, strongest first: a link is stored at both its ends. */
    private static List<LinkView> distinct(List<LinkView> links) {
        Map<String, LinkView> unique = new LinkedHashMap<>();
        links.forEach(link -> unique.putIfAbsent(link.pair(), link));
        return unique.values().stream()
                .sorted(Comparator.comparingDouble(LinkView::weight).reversed())
                .toList();
    }

    private static List<String> keys(List<RecordKey> keys) {
        SortedSet<RecordKey> sorted = new TreeSet<>(keys);
        return sorted.stream().map(RecordKey::asString).toList();
    }

    private static String count(List<?> records) {
        return records.size() == 1 ? "1 record" : records.size() + " records";
    }

    private static String count(List<?> items, String noun) {
        return items.size() == 1 ? "1 " + noun : items.size() + " " + noun + "s";
    }

    /**
     * The events of one decision, with every member's evidence just before them.
     *
     * @param before the members before the decision, each with its links
     */
    private record Step(String decisionId, Instant at, List<ProfileEvent> events,
            Map<RecordKey, List<Evidence>> before) {

        static List<Step> replay(List<ProfileEvent> events) {
            List<Step> steps = new ArrayList<>();
            Map<RecordKey, List<Evidence>> members = new TreeMap<>();
            int i = 0;
            while (i < events.size()) {
                String decisionId = decisionId(events.get(i));
                Instant at = at(events.get(i));
                Map<RecordKey, List<Evidence>> before = new TreeMap<>(members);
                List<ProfileEvent> group = new ArrayList<>();
                while (i < events.size() && decisionId(events.get(i)).equals(decisionId)) {
                    ProfileEvent event = events.get(i++);
                    group.add(event);
                    switch (event) {
                        case RecordLinked e -> members.put(e.record().key(), e.evidence());
                        case RecordUpdated e -> members.put(e.record().key(), e.evidence());
                        case RecordUnlinked e -> members.remove(e.recordKey());
                        case ProfileCreated e -> {
                        }
                        case ProfilesMerged e -> {
                        }
                        case ProfileSplit e -> {
                        }
                        case ProfileMergedInto e -> {
                        }
                        case ProfileRetired e -> {
                        }
                        case ConsentStated e -> {
                        }
                        case ProfileErased e -> {
                        }
                        case SuppressionLifted e -> {
                        }
                    }
                }
                steps.add(new Step(decisionId, at, List.copyOf(group), before));
            }
            return steps;
        }

        private static String decisionId(ProfileEvent event) {
            return switch (event) {
                case ProfileCreated e -> e.decisionId();
                case RecordLinked e -> e.decisionId();
                case RecordUpdated e -> e.decisionId();
                case RecordUnlinked e -> e.decisionId();
                case ProfilesMerged e -> e.decisionId();
                case ProfileSplit e -> e.decisionId();
                case ProfileMergedInto e -> e.decisionId();
                case ProfileRetired e -> e.decisionId();
                case ConsentStated e -> e.statementId();
                case ProfileErased e -> e.erasureId();
                case SuppressionLifted e -> e.erasureId();
            };
        }

        private static Instant at(ProfileEvent event) {
            return switch (event) {
                case ProfileCreated e -> e.at();
                case RecordLinked e -> e.at();
                case RecordUpdated e -> e.at();
                case RecordUnlinked e -> e.at();
                case ProfilesMerged e -> e.at();
                case ProfileSplit e -> e.at();
                case ProfileMergedInto e -> e.at();
                case ProfileRetired e -> e.at();
                case ConsentStated e -> e.at();
                case ProfileErased e -> e.at();
                case SuppressionLifted e -> e.at();
            };
        }
    }
}
