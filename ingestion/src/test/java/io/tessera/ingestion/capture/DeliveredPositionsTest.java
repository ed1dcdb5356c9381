package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.ReadPhase;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeliveredPositionsTest {

    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00.123456Z");
    private static final Instant T2 = Instant.parse("2026-11-22T10:00:01Z");
    private static final String P100 = "lsn:00000000000000000100";
    private static final String P200 = "lsn:00000000000000000200";

    private final DeliveredPositions positions =
            new DeliveredPositions(output -> CompletableFuture.completedFuture(null), List.of());

    @Test
    void aStreamedChangeAcknowledgedBeforeIsKnownAgainAndNothingElseIs() {
        positions.accept(upsert("1", P100, T1, ReadPhase.STREAMING));
        positions.accept(new Delete(key("2"), T2, P200));

        assertThat(positions.delivered(upsert("1", P100, T1, ReadPhase.STREAMING))).isTrue();
        assertThat(positions.delivered(new Delete(key("2"), T2, P200))).isTrue();
        // After a restore the log can go back: the same position with another commit time is another change.
        assertThat(positions.delivered(upsert("1", P100, T2, ReadPhase.STREAMING))).isFalse();
        assertThat(positions.delivered(upsert("1", P200, T1, ReadPhase.STREAMING))).isFalse();
        assertThat(positions.delivered(upsert("3", P100, T1, ReadPhase.STREAMING))).isFalse();
        assertThat(positions.delivered(upsert("1", null, T1, ReadPhase.STREAMING))).as("no position").isFalse();
    }

    @Test
    void snapshotRowsAreNeverSkipped() {
        positions.accept(upsert("1", P100, T1, ReadPhase.SNAPSHOT));

        assertThat(positions.delivered(upsert("1", P100, T1, ReadPhase.SNAPSHOT))).isFalse();
        assertThat(positions.delivered(upsert("1", P100, T1, ReadPhase.SNAPSHOT_LAST))).isFalse();
    }

    @Test
    void onlyWhatTheSinkAcknowledgedIsRemembered() {
        CompletableFuture<Void> refused = new CompletableFuture<>();
        DeliveredPositions refusing = new DeliveredPositions(output -> refused, List.of());

        refusing.accept(upsert("1", P100, T1, ReadPhase.STREAMING));
        refused.completeExceptionally(new IllegalStateException("the broker refused the record"));

        assertThat(refusing.delivered(upsert("1", P100, T1, ReadPhase.STREAMING)))
                .as("a refused change must be sent again").isFalse();
    }

    @Test
    void theNewestChangesOfEachSourceAreRemembered() {
        for (int i = 0; i <= DeliveredPositions.REMEMBERED; i++) {
            positions.accept(upsert(Integer.toString(i), P100, T1, ReadPhase.STREAMING));
        }

        assertThat(positions.delivered(upsert("0", P100, T1, ReadPhase.STREAMING))).as("the oldest forgotten").isFalse();
        assertThat(positions.delivered(upsert("1", P100, T1, ReadPhase.STREAMING))).isTrue();
    }

    private static RecordKey key(String pk) {
        return new RecordKey("crm", "res_partner", pk);
    }

    private static Upsert upsert(String pk, String position, Instant changedAt, ReadPhase phase) {
        return new Upsert(new SourceRecord(key(pk), EntityKind.PERSON, Attributes.NONE, changedAt, position), phase);
    }
}
