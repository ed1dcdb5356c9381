package io.tessera.projections.profile.query;

import io.tessera.contracts.RecordKey;
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
import java.util.Set;
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
    private static final String BATCH = ProfileProjection.class.getName() + ".batch";

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
        upsert(new ProfileReadModel.RecordWrite(event.profileId(), event.record(), event.evidence(), event.at()));
    }

    @EventHandler
    void on(RecordUpdated event) {
        upsert(new ProfileReadModel.RecordWrite(event.profileId(), event.record(), event.evidence(), event.at()));
    }

    /**
     * A record's values are written at the end of the batch, with the others', unless another event needs the read
     * model before: a bulk load is mostly record events, and a round trip per record for its key and another for its
     * row were most of the projection's waiting on PostgreSQL.
     */
    private void upsert(ProfileReadModel.RecordWrite write) {
        if (!CurrentUnitOfWork.isStarted()) {
            BatchWrites now = new BatchWrites();
            writeRecords(List.of(write), now);
            refresh(now.profiles);
            return;
        }
        BatchWrites batch = batch();
        if (batch.records.containsKey(write.record().key())) {
            // Its second write in this batch is compared with the first: that one goes first.
            writePending(batch);
        }
        batch.records.put(write.record().key(), write);
        batch.refresh(write.profileId(), write.at());
    }

    /**
     * An erased record has no place in the read models. Its key is checked, and held against destruction, in this
     * batch's transaction: an erasure that comes while the batch runs waits for it, then deletes what it wrote; one
     * that came before leaves the record erased here even if its event was read before the key was destroyed.
     */
    private void writeRecords(List<ProfileReadModel.RecordWrite> writes, BatchWrites batch) {
        Set<RecordKey> live = keys.holdLive(writes.stream().filter(write -> !write.record().erased())
                .map(write -> write.record().key()).toList());
        List<ProfileReadModel.RecordWrite> kept = new ArrayList<>(writes.size());
        for (ProfileReadModel.RecordWrite write : writes) {
            if (live.contains(write.record().key())) {
                kept.add(write);
            } else {
                readModel.forgetRecords(List.of(write.record().key())).forEach(held -> batch.refresh(held, write.at()));
            }
            batch.refresh(write.profileId(), write.at());
        }
        readModel.upsertRecords(kept);
    }

    /** Writes the records this batch holds back, before anything else reads or changes the read model. */
    private void writePending() {
        if (CurrentUnitOfWork.isStarted()) {
            writePending(batch());
        }
    }

    private void writePending(BatchWrites batch) {
        if (!batch.records.isEmpty()) {
            List<ProfileReadModel.RecordWrite> writes = List.copyOf(batch.records.values());
            batch.records.clear();
            writeRecords(writes, batch);
        }
    }

    @EventHandler
    void on(RecordUnlinked event) {
        writePending();
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
        writePending();
        if (event.survivorProfileId() != null) {
            readModel.inheritConsents(event.profileId(), event.survivorProfileId(), true);
            refreshAtCommit(event.survivorProfileId(), event.at());
        }
        refreshAtCommit(event.profileId(), event.at());
    }

    // A profile split off keeps what the person said through the API while the records were one profile.
    @EventHandler
    void on(ProfileSplit event) {
        writePending();
        if (event.fromProfileId() != null) {
            readModel.inheritConsents(event.fromProfileId(), event.profileId(), false);
        }
    }

    // The erasure itself deleted the rows and the document at once; done again here so that a batch that read them
    // before it cannot leave them behind, and so that a rebuild ends the same way.
    @EventHandler
    void on(ProfileErased event) {
        writePending();
        readModel.forgetRecords(event.records()).forEach(held -> refreshAtCommit(held, event.at()));
        readModel.forgetConsentsOfEmptyProfile(event.profileId());
        refreshAtCommit(event.profileId(), event.at());
    }

    @EventHandler
    void on(ConsentStated event) {
        writePending();
        readModel.stateConsent(event.profileId(), event.statementId(), event.channel(), event.purpose(),
                event.granted(), event.statedAt(), event.statedBy(), event.note());
        refreshAtCommit(event.profileId(), event.at());
    }

    /**
     * What a processed batch writes when it commits: the records held back ({@link #upsert}), then a refresh of
     * every profile it touched. A profile's summary row and search document are recomputed once per batch rather
     * than once per event: a merge of n records is n events for one profile, and each refresh re-reads all its records
     * and rewrites the document. The batch's documents go to the index in one bulk request, before the batch (and its
     * token) commits: if the index cannot take them, the batch fails and is retried.
     */
    private static final class BatchWrites {
        final Map<RecordKey, ProfileReadModel.RecordWrite> records = new LinkedHashMap<>();
        final Map<String, Instant> profiles = new LinkedHashMap<>();

        void refresh(String profileId, Instant at) {
            profiles.merge(profileId, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
        }
    }

    private BatchWrites batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            BatchWrites batch = new BatchWrites();
            unitOfWork.onPrepareCommit(committing -> {
                writePending(batch);
                refresh(batch.profiles);
            });
            return batch;
        });
    }

    /** Outside a unit of work (a direct call) the profile is refreshed at once. */
    private void refreshAtCommit(String profileId, Instant at) {
        if (!CurrentUnitOfWork.isStarted()) {
            refresh(Map.of(profileId, at));
            return;
        }
        batch().refresh(profileId, at);
    }

    private void refresh(Map<String, Instant> profiles) {
        Map<String, ProfileDetails> present = readModel.refreshSummaries(profiles);
        List<String> gone = profiles.keySet().stream().filter(id -> !present.containsKey(id)).toList();
        searchIndex.write(List.copyOf(present.values()), gone);
    }
}
