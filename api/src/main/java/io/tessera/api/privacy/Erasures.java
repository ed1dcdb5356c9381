package io.tessera.api.privacy;

import io.tessera.api.profile.ProfileEventLog;
import io.tessera.api.security.Pseudonymiser;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.TopicTail;
import io.tessera.ingestion.capture.KafkaRecordSink;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.projections.profile.api.EraseProfile;
import io.tessera.projections.profile.api.LiftSuppression;
import io.tessera.projections.profile.api.ProfileEvent;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.query.ProfileDetails;
import io.tessera.projections.profile.query.ProfileReadModel;
import io.tessera.projections.search.ProfileSearchIndex;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure by crypto-shredding (DESIGN invariant 7): for every record of the profiles named, destroys the record's key,
 * so that every event of it in the event store reads back without personal data; suppresses it, so that a later change
 * of its row in the source does not bring it back ({@link SuppressionList}); deletes its read-model rows and the
 * profile's search document at once; writes a tombstone for it to {@code tessera.records}, so that resolution drops
 * it and the profile loses it; and records the erasure on the profile ({@code ProfileErased}, no personal data).
 * Before all that it looks for the person in the dead letters ({@link DeadLetterSearch}); afterwards the keys of
 * letters that name no record and mention them are destroyed, and a rejected row that no profile holds and whose
 * letter holds their email or an identifier is erased as a record of its own (key destroyed, suppressed, tombstone).
 * An email address that only dead letters hold is therefore erased too, not answered with 404.
 *
 * <p>Idempotent: every step can be done again. A repeated request erases nothing new and records no new event; it
 * answers with the earlier erasures of the same email or profile. A request interrupted halfway is completed by
 * asking again.
 */
public class Erasures {

    private static final Logger LOG = LoggerFactory.getLogger(Erasures.class);
    private static final String EMAIL_HASH_DOMAIN = "erasure-email";
    private static final long TOMBSTONE_TIMEOUT_SECONDS = 30;

    private final ProfileReadModel readModel;
    private final ProfileEventLog eventLog;
    private final ProfileSearchIndex searchIndex;
    private final RecordKeyStore keys;
    private final KafkaRecordSink records;
    private final CommandGateway commands;
    private final Cache profileCache;
    private final ErasureLog erasureLog;
    private final Pseudonymiser pseudonymiser;
    private final SuppressionList suppressions;
    private final DeadLetterSearch deadLetters;
    private final Clock clock;

    public Erasures(ProfileReadModel readModel, ProfileEventLog eventLog, ProfileSearchIndex searchIndex,
                    RecordKeyStore keys, KafkaRecordSink records, CommandGateway commands, Cache profileCache,
                    ErasureLog erasureLog, Pseudonymiser pseudonymiser, SuppressionList suppressions,
                    DeadLetterSearch deadLetters, Clock clock) {
        this.readModel = readModel;
        this.eventLog = eventLog;
        this.searchIndex = searchIndex;
        this.keys = keys;
        this.records = records;
        this.commands = commands;
        this.profileCache = profileCache;
        this.erasureLog = erasureLog;
        this.pseudonymiser = pseudonymiser;
        this.suppressions = suppressions;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Who is to be erased: a profile, or every profile holding a record with an email address. */
    public sealed interface Subject permits ByProfile, ByEmail {
    }

    public record ByProfile(String profileId) implements Subject {
    }

    public record ByEmail(String email) implements Subject {
    }

    /**
     * What an erasure did.
     *
     * @param erasureId       this erasure's id; null when nothing was left to erase
     * @param profiles        each profile named, with the records erased from it now
     * @param recordsErased   how many records were erased now, in profiles or only in dead letters
     * @param deadLetters     how many dead letters were found to hold the person's data now, and shredded
     * @param earlierErasures erasures of the same email or profiles before this one
     */
    public record Result(String erasureId, List<ProfileResult> profiles, int recordsErased, int deadLetters,
                         List<ErasureLog.Entry> earlierErasures) {
    }

    public record ProfileResult(String profileId, int recordsErased) {
    }

    /** Nothing Tessera holds, or held and erased, answers to the subject. */
    public static class UnknownSubjectException extends RuntimeException {

        UnknownSubjectException(String message) {
            super(message);
        }
    }

    public Result erase(Subject subject, String requestedBy) {
        String emailHash = subject instanceof ByEmail(String email)
                ? pseudonymiser.keyedHash(EMAIL_HASH_DOMAIN, email.strip().toLowerCase(Locale.ROOT)) : null;
        // Each profile named with its events, read before anything is destroyed: afterwards its records read back
        // erased, and they tell who the person is to look for in the dead letters.
        Map<String, List<ProfileEvent>> events = new TreeMap<>();
        switch (subject) {
            case ByEmail email -> readModel.profilesWithEmail(email.email())
                    .forEach(profileId -> events.put(profileId, eventLog.events(profileId)));
            case ByProfile profile -> {
                List<ProfileEvent> stream = eventLog.events(profile.profileId());
                if (!stream.isEmpty() || readModel.find(profile.profileId()).isPresent()) {
                    events.put(profile.profileId(), stream);
                }
            }
        }
        SortedSet<String> profiles = new TreeSet<>(events.keySet());
        List<ErasureLog.Entry> earlier = switch (subject) {
            case ByEmail email -> erasureLog.byEmailHash(emailHash);
            case ByProfile profile -> erasureLog.byProfile(profile.profileId());
        };
        // The dead letters are searched first too, so that a search that fails leaves nothing half done.
        PersonalMentions person = PersonalMentions.of(subject instanceof ByEmail(String email) ? email : null,
                events.values().stream().flatMap(List::stream)
                        .map(event -> event instanceof RecordLinked linked ? linked.record().attributes() : null)
                        .filter(Objects::nonNull).toList());
        DeadLetterSearch.Found letters;
        try {
            letters = deadLetters.find(person, key -> readModel.profileOf(key).isPresent());
        } catch (TopicTail.TopicTailTimeoutException e) {
            throw new IllegalStateException("The erasure could not search the dead letters in time, so nothing was "
                    + "erased; ask again (" + e.getMessage() + ")", e);
        }

        String erasureId = UUID.randomUUID().toString();
        Instant at = clock.instant();
        List<ProfileResult> results = new ArrayList<>();
        int total = 0;
        for (String profileId : profiles) {
            int erased = eraseProfile(profileId, events.get(profileId), erasureId, requestedBy, at);
            results.add(new ProfileResult(profileId, erased));
            total += erased;
        }
        total += eraseDeadLetters(letters, erasureId, at);
        if (total == 0 && letters.isEmpty()) {
            if (profiles.isEmpty() && earlier.isEmpty()) {
                throw new UnknownSubjectException(switch (subject) {
                    case ByEmail email -> "No profile holds a record with this email, no dead letter holds it, and "
                            + "no erasure was asked for it; check the spelling, or name the profile";
                    case ByProfile profile -> "No profile " + profile.profileId() + " is known, and none was erased "
                            + "by that id";
                });
            }
            List<ProfileResult> none = profiles.isEmpty() ? earlier.stream()
                    .flatMap(entry -> entry.profileIds().stream()).distinct().sorted()
                    .map(id -> new ProfileResult(id, 0)).toList() : results;
            return new Result(null, none, 0, 0, earlier);
        }
        ErasureLog.Entry entry = new ErasureLog.Entry(erasureId, at, requestedBy, List.copyOf(profiles), total);
        erasureLog.record(entry, emailHash);
        LOG.info("Erasure {} asked by {}: {} record(s) of profile(s) {}, {} dead letter(s)", erasureId, requestedBy,
                total, profiles, letters.letters());
        return new Result(erasureId, results, total, letters.letters(), earlier);
    }

    /**
     * Shreds what the dead letters hold of the person: the keys of unnamed letters that mention them, and the rejected
     * records, held by no profile, whose letters hold their email or an identifier (erased as records: key destroyed,
     * suppressed, tombstone).
     *
     * @return how many records were erased
     */
    private int eraseDeadLetters(DeadLetterSearch.Found found, String erasureId, Instant at) {
        found.letterKeys().forEach(key -> keys.destroy(key, erasureId));
        List<RecordKey> records = List.copyOf(found.records());
        if (records.isEmpty()) {
            return 0;
        }
        records.forEach(key -> keys.destroy(key, erasureId));
        suppressions.add(records, erasureId, at, null);
        tombstones(records, erasureId, at);
        return records.size();
    }

    /** @return how many of the profile's records were erased now */
    private int eraseProfile(String profileId, List<ProfileEvent> events, String erasureId, String requestedBy,
                             Instant at) {
        SortedSet<RecordKey> held = members(events);
        held.addAll(readModel.recordKeysOf(profileId));
        List<RecordKey> erased = List.copyOf(held);
        // First the keys: from now on no event of these records reads back with data, and the profile projection
        // writes none of them; a projection batch holding one of them is waited for.
        erased.forEach(key -> keys.destroy(key, erasureId));
        SortedSet<String> refresh = readModel.forgetRecords(erased);
        readModel.forgetConsentsOfEmptyProfile(profileId);
        refresh.add(profileId);
        refresh.forEach(id -> refreshNow(id, at));
        // Suppressed before the tombstones, so that a change of the row in the source cannot bring it back between.
        suppressions.add(erased, erasureId, at, profileId);
        tombstones(erased, erasureId, at);
        int recorded = erased.isEmpty() ? 0
                : commands.<Integer>sendAndWait(new EraseProfile(profileId, erasureId, erased, requestedBy, at));
        // A lift asked while this erasure ran may have reached the profile before its ProfileErased, which then
        // recorded the record erased after all: a record no longer suppressed was lifted, so the profile lifts it too.
        for (RecordKey key : erased) {
            if (suppressions.find(key).isEmpty()) {
                commands.sendAndWait(new LiftSuppression(profileId, key, erasureId,
                        "a lift during erasure " + erasureId, clock.instant()));
            }
        }
        // The loaded profile may hold the values a decision brought before the erasure.
        profileCache.remove(profileId);
        return recorded;
    }

    /** The profile's members now, from its events. */
    private static SortedSet<RecordKey> members(List<ProfileEvent> events) {
        SortedSet<RecordKey> members = new TreeSet<>();
        for (ProfileEvent event : events) {
            if (event instanceof RecordLinked linked) {
                members.add(linked.record().key());
            } else if (event instanceof RecordUnlinked unlinked) {
                members.remove(unlinked.recordKey());
            }
        }
        return members;
    }

    private void refreshNow(String profileId, Instant at) {
        Optional<ProfileDetails> details = readModel.refreshSummary(profileId, at);
        searchIndex.write(details.map(List::of).orElse(List.of()), details.isPresent() ? List.of() : List.of(profileId));
    }

    /** Tombstones on the records' keys: resolution removes them, and compaction removes their earlier values. */
    private void tombstones(List<RecordKey> erased, String erasureId, Instant at) {
        List<CompletableFuture<Void>> sent = erased.stream()
                .map(key -> records.accept(new MappingResult.Delete(key, at, "erasure:" + erasureId))
                        .toCompletableFuture())
                .toList();
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(TOMBSTONE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the tombstones of erasure " + erasureId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the tombstones of erasure " + erasureId
                    + " within " + TOMBSTONE_TIMEOUT_SECONDS + " s; the keys are destroyed already: ask again to "
                    + "complete it", e);
        }
    }
}
