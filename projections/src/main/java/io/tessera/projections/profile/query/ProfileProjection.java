package io.tessera.projections.profile.query;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.SourceRecord;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.projections.profile.api.ConsentStated;
import io.tessera.projections.profile.api.ProfileErased;
import io.tessera.projections.profile.api.ProfileMergedInto;
import io.tessera.projections.profile.api.ProfileRetired;
import io.tessera.projections.profile.api.ProfileSplit;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.api.RecordUpdated;
import io.tessera.projections.search.ProfileSearchIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Projects profile events into the PostgreSQL read model and the search index. Every handler is an upsert or a
 * conditional delete, so a replay of the event store yields the same read models.
 */
@ProcessingGroup(ProfileProjection.PROCESSING_GROUP)
public class ProfileProjection {

    public static final String PROCESSING_GROUP = "profile-projection";
    private static final String PENDING_REFRESH = ProfileProjection.class.getName() + ".pendingRefresh";

    private final ProfileReadModel readModel;
    private final ProfileSearchIndex searchIndex;
    private final RecordKeyStore keys;

    public ProfileProjection(ProfileReadModel readModel, ProfileSearchIndex searchIndex, RecordKeyStore keys) {
        this.readModel = readModel;
        this.searchIndex = searchIndex;
        this.keys = keys;
    }

    /**
     * Before a replay of the event store (a rebuild of the read models): everything this projection wrote goes, so
     * the replay writes it again from the events alone.
     */
    @ResetHandler
    void onReset() {
        readModel.clear();
        searchIndex.clear();
    }

    @EventHandler
    void on(RecordLinked event) {
        upsert(event.profileId(), event.record(), event.evidence(), event.at());
    }

    @EventHandler
    void on(RecordUpdated event) {
        upsert(event.profileId(), event.record(), event.evidence(), event.at());
    }

    /**
     * An erased record has no place in the read models. Its key is checked, and held against destruction, in this
     * batch's transaction: an erasure that comes while the batch runs waits for it, then deletes what it wrote; one
     * that came before leaves the record erased here even if its event was read before the key was destroyed.
     */
    private void upsert(String profileId, SourceRecord record, List<Evidence> evidence, Instant at) {
        if (record.erased() || !keys.holdLive(record.key())) {
            readModel.forgetRecords(List.of(record.key())).forEach(held -> refreshAtCommit(held, at));
        } else {
            readModel.upsertRecord(profileId, record, evidence, at);
        }
        refreshAtCommit(profileId, at);
    }

    @EventHandler
    void on(RecordUnlinked event) {
        readModel.removeRecord(event.profileId(), event.recordKey());
        refreshAtCommit(event.profileId(), event.at());
    }

    @EventHandler
    void on(ProfileRetired event) {
        refreshAtCommit(event.profileId(), event.at());
    }

    // An absorbed profile ends with this event instead of ProfileRetired: refreshed the same way, so the read model
    // does not depend on how a profile ended; its API consent statements go to the survivor. ProfilesMerged changes
    // no row: the record events do.
    @EventHandler
    void on(ProfileMergedInto event) {
        if (event.survivorProfileId() != null) {
            readModel.inheritConsents(event.profileId(), event.survivorProfileId(), true);
            refreshAtCommit(event.survivorProfileId(), event.at());
        }
        refreshAtCommit(event.profileId(), event.at());
    }

    // A profile split off keeps what the person said through the API while the records were one profile.
    @EventHandler
    void on(ProfileSplit event) {
        if (event.fromProfileId() != null) {
            readModel.inheritConsents(event.fromProfileId(), event.profileId(), false);
        }
    }

    // The erasure itself deleted the rows and the document at once; done again here so that a batch that read them
    // before it cannot leave them behind, and so that a rebuild ends the same way.
    @EventHandler
    void on(ProfileErased event) {
        readModel.forgetRecords(event.records()).forEach(held -> refreshAtCommit(held, event.at()));
        readModel.forgetConsentsOfEmptyProfile(event.profileId());
        refreshAtCommit(event.profileId(), event.at());
    }

    @EventHandler
    void on(ConsentStated event) {
        readModel.stateConsent(event.profileId(), event.statementId(), event.channel(), event.purpose(),
                event.granted(), event.statedAt(), event.statedBy(), event.note());
        refreshAtCommit(event.profileId(), event.at());
    }

    /**
     * Recomputes a profile's summary row and search document once per processed batch rather than once per event: a
     * merge of n records is n events for one profile, and each refresh re-reads all its records and rewrites the
     * document. The batch's documents go to the index in one bulk request, before the batch (and its token) commits:
     * if the index cannot take them, the batch fails and is retried. Outside a unit of work (a direct call) it
     * refreshes at once.
     */
    private void refreshAtCommit(String profileId, Instant at) {
        if (!CurrentUnitOfWork.isStarted()) {
            refresh(Map.of(profileId, at));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, Instant> pending = batch.getOrComputeResource(PENDING_REFRESH, key -> {
            Map<String, Instant> profiles = new LinkedHashMap<>();
            batch.onPrepareCommit(committing -> refresh(profiles));
            return profiles;
        });
        pending.merge(profileId, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    private void refresh(Map<String, Instant> profiles) {
        List<ProfileDetails> present = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        profiles.forEach((profileId, at) -> readModel.refreshSummary(profileId, at)
                .ifPresentOrElse(present::add, () -> gone.add(profileId)));
        searchIndex.write(present, gone);
    }
}
