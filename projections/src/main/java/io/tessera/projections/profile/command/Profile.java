package io.tessera.projections.profile.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.projections.profile.api.ApplyIdentityDecision;
import io.tessera.projections.profile.api.ConsentStated;
import io.tessera.projections.profile.api.EraseProfile;
import io.tessera.projections.profile.api.LiftSuppression;
import io.tessera.projections.profile.api.MergeEvidence;
import io.tessera.projections.profile.api.ProfileCreated;
import io.tessera.projections.profile.api.ProfileErased;
import io.tessera.projections.profile.api.ProfileMergedInto;
import io.tessera.projections.profile.api.ProfileRetired;
import io.tessera.projections.profile.api.ProfileSplit;
import io.tessera.projections.profile.api.ProfileUnavailableException;
import io.tessera.projections.profile.api.ProfilesMerged;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.api.RecordUpdated;
import io.tessera.projections.profile.api.StartProfile;
import io.tessera.projections.profile.api.StateConsent;
import io.tessera.projections.profile.api.SuppressionLifted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One unified profile: the source records that identity resolution put together, with their evidence.
 * The aggregate turns a decision (the full membership) into the events that describe the difference, so a
 * repeated decision yields no events and the event stream is the profile's lineage. A merge or a split named by the
 * decision is recorded as its own event ({@link ProfilesMerged}, {@link ProfileSplit}, {@link ProfileMergedInto})
 * beside the record events, so the lineage says why the membership changed, not only how.
 *
 * <p>A record erased here ({@link ProfileErased}) is held erased whatever a decision says of it: its values are never
 * recorded again. Only once its suppression is lifted ({@link SuppressionLifted}) may it come back, and then only with a
 * version its source changed after the erasure; a decision made before the erasure that is still on its way keeps it
 * erased.
 */
@Aggregate(cache = Profile.CACHE, commandTargetResolver = ProfileCommandTargetResolver.BEAN)
public class Profile {

    /** The name of the bean that keeps recently used profiles loaded ({@link LeastRecentlyUsedCache}). */
    public static final String CACHE = "profileCache";

    @AggregateIdentifier
    private String profileId;
    private boolean retired;
    private String mergedInto;
    private final Map<RecordKey, Member> members = new TreeMap<>();
    /** Records of this profile whose data was erased, with when: whatever a decision says of them, they are held erased. */
    private final Map<RecordKey, Instant> erased = new TreeMap<>();
    /** Records erased here whose suppression was lifted, with when they were erased: newer versions may come back. */
    private final Map<RecordKey, Instant> lifted = new TreeMap<>();

    /** Required by Axon to rebuild the aggregate from its events. */
    protected Profile() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ApplyIdentityDecision decision) {
        Map<RecordKey, ProfileMember> wanted = new LinkedHashMap<>();
        for (ProfileMember member : decision.members()) {
            RecordKey key = member.record().key();
            // A decision made before the erasure, or a record that came back through capture: its values stay out.
            wanted.put(key, heldErased(member.record())
                    ? new ProfileMember(member.record().erasedCopy(), member.evidence()) : member);
        }
        if (profileId == null) {
            if (wanted.isEmpty()) {
                // A retirement for a profile this store never saw: nothing to record.
                return;
            }
            apply(new ProfileCreated(decision.profileId(), decision.decisionId(), decision.decidedAt()));
        }
        for (RecordKey key : List.copyOf(members.keySet())) {
            if (!wanted.containsKey(key)) {
                apply(new RecordUnlinked(profileId, key, decision.cause(), decision.decisionId(), decision.decidedAt()));
            }
        }
        // Only a decision that brings records in can be the merge or split it names: a repeated one brings none.
        List<MergeEvidence> joining = new ArrayList<>();
        boolean joins = false;
        for (ProfileMember member : wanted.values()) {
            if (!members.containsKey(member.record().key())) {
                joins = true;
                member.evidence().forEach(link -> joining.add(new MergeEvidence(member.record().key(), link)));
            }
        }
        if (joins && !decision.mergedFrom().isEmpty()) {
            apply(new ProfilesMerged(profileId, decision.mergedFrom(), joining, decision.decisionId(),
                    decision.decidedAt()));
        }
        if (joins && decision.splitFrom() != null) {
            apply(new ProfileSplit(profileId, decision.splitFrom(), decision.decisionId(), decision.decidedAt()));
        }
        wanted.forEach((key, member) -> {
            Member current = members.get(key);
            if (current == null) {
                apply(new RecordLinked(profileId, member.record(), member.evidence(), decision.decisionId(),
                        decision.decidedAt()));
            } else if (!current.record().equals(member.record()) || !current.evidence().equals(member.evidence())) {
                apply(new RecordUpdated(profileId, member.record(), member.evidence(), decision.decisionId(),
                        decision.decidedAt()));
            }
        });
        if (wanted.isEmpty() && !retired) {
            if (decision.mergedInto() != null) {
                apply(new ProfileMergedInto(profileId, decision.mergedInto(), decision.decisionId(),
                        decision.decidedAt()));
            } else {
                apply(new ProfileRetired(profileId, decision.decisionId(), decision.decidedAt()));
            }
        }
    }

    /**
     * The first decision of a profile the store does not hold: created without reading the store first. Should it
     * exist after all, its first event collides with the stored one and the command's transaction fails.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    void handle(StartProfile command) {
        handle(command.decision());
    }

    /**
     * Whether the record's values must stay out: it was erased here and not lifted, or lifted and this version was
     * changed in its source before the erasure (or its change time is unknown).
     */
    private boolean heldErased(SourceRecord record) {
        if (record.erased()) {
            return false;
        }
        if (erased.containsKey(record.key())) {
            return true;
        }
        Instant erasedAt = lifted.get(record.key());
        return erasedAt != null && (record.changedAt() == null || !record.changedAt().isAfter(erasedAt));
    }

    /**
     * Records a consent statement made through the API. A profile without records (retired, or merged into another)
     * takes none: the caller is told which profile holds the person now.
     */
    @CommandHandler
    void handle(StateConsent command) {
        if (retired) {
            throw new ProfileUnavailableException(profileId, mergedInto);
        }
        apply(new ConsentStated(profileId, command.statementId(), command.channel(), command.purpose(),
                command.granted(), command.statedAt(), command.statedBy(), command.note(), command.recordedAt()));
    }

    /**
     * Records an erasure of records whose keys are destroyed. Records erased before are left out; when none is left,
     * nothing is recorded, so a repeated erasure changes nothing.
     *
     * @return how many records this erasure recorded
     */
    @CommandHandler
    int handle(EraseProfile command) {
        List<RecordKey> now = command.records().stream().filter(key -> !erased.containsKey(key)).sorted().distinct()
                .toList();
        if (now.isEmpty()) {
            return 0;
        }
        apply(new ProfileErased(profileId, command.erasureId(), now, command.requestedBy(), command.requestedAt()));
        return now.size();
    }

    /**
     * Records that the suppression of a record erased here was lifted.
     *
     * @return whether the profile held the record erased; when not, nothing is recorded
     */
    @CommandHandler
    boolean handle(LiftSuppression command) {
        if (!erased.containsKey(command.record())) {
            return false;
        }
        apply(new SuppressionLifted(profileId, command.record(), command.erasureId(), command.liftedBy(),
                command.liftedAt()));
        return true;
    }

    @EventSourcingHandler
    void on(SuppressionLifted event) {
        Instant erasedAt = erased.remove(event.record());
        if (erasedAt != null) {
            lifted.put(event.record(), erasedAt);
        }
    }

    @EventSourcingHandler
    void on(ProfileErased event) {
        for (RecordKey key : event.records()) {
            erased.put(key, event.at());
            lifted.remove(key);
            // The loaded values go too, not only those read back later.
            members.computeIfPresent(key, (k, member) -> new Member(member.record().erasedCopy(), member.evidence()));
        }
    }

    @EventSourcingHandler
    void on(ProfileCreated event) {
        profileId = event.profileId();
        retired = false;
    }

    @EventSourcingHandler
    void on(RecordLinked event) {
        members.put(event.record().key(), new Member(event.record(), event.evidence()));
        retired = false;
        mergedInto = null;
    }

    @EventSourcingHandler
    void on(RecordUpdated event) {
        members.put(event.record().key(), new Member(event.record(), event.evidence()));
    }

    @EventSourcingHandler
    void on(RecordUnlinked event) {
        members.remove(event.recordKey());
    }

    @EventSourcingHandler
    void on(ProfileRetired event) {
        retired = true;
    }

    @EventSourcingHandler
    void on(ProfileMergedInto event) {
        retired = true;
        mergedInto = event.survivorProfileId();
    }

    private record Member(SourceRecord record, List<Evidence> evidence) {
    }
}
