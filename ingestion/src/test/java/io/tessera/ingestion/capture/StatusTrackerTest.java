package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.ChangeMapper;
import io.tessera.ingestion.mapping.RawChange;
import io.tessera.ingestion.mapping.RecordedChanges;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The snapshot progress and lag figures of a source, fed by {@link BatchDelivery} with Debezium events recorded from
 * the demo databases (MariaDB ERP: its snapshot {@code source.ts_ms} is 1795323151000, its streamed changes
 * 1795323153000 and 1795323154000; PostgreSQL CRM, whose heartbeat table is captured but not mapped) and a clock the
 * test moves.
 */
class StatusTrackerTest {

    private static final SourceCatalog DEMO = SourceCatalogLoader.withVariables(Map.of()).loadResource("mappings/demo.yaml");
    private static final Instant SNAPSHOT_READ = Instant.ofEpochMilli(1795323151000L);
    private static final Instant CONTACT_CREATED = Instant.ofEpochMilli(1795323153000L);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MovingClock clock = new MovingClock(SNAPSHOT_READ);
    private final StatusTracker tracker = new StatusTracker("erp", clock);
    private final BatchDelivery delivery = new BatchDelivery(new ChangeMapper(DEMO), new RecordingSink(), c -> tracker);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(BatchDelivery.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(BatchDelivery.class)).detachAppender(log);
    }

    @Test
    void beforeAnyChangeThereIsNoSnapshotNoLastChangeAndNoLag() {
        SourceStatus status = tracker.snapshot();

        assertThat(status.snapshotRows()).isZero();
        assertThat(status.snapshotTables()).isZero();
        assertThat(status.snapshotCompleted()).isFalse();
        assertThat(status.lastChangeAt()).isNull();
        assertThat(status.lagMillis()).isNull();
        assertThat(tracker.snapshotProgress()).isNull();
        assertThat(tracker.snapshotDone()).isNull();
    }

    @Test
    void snapshotRowsAndTablesCountSnapshotUpsertsOnlyAndAStreamedChangeCompletesTheSnapshot() throws Exception {
        tracker.started();
        clock.advance(Duration.ofMillis(250));
        delivery.deliver(List.of(RecordedChanges.sample("mariadb-read-customer"), RecordedChanges.sample("mariadb-read-customer"),
                snapshotRow(RecordedChanges.sample("mariadb-read-last")),
                // A rejected change neither counts as a snapshot row nor ends the snapshot.
                RecordedChanges.sample("mariadb-create-bad-type")));

        SourceStatus during = tracker.snapshot();
        assertThat(during.state()).isEqualTo(State.SNAPSHOT);
        assertThat(during.snapshotRows()).isEqualTo(3);
        assertThat(during.snapshotTables()).as("tabCustomer and tabContact").isEqualTo(2);
        assertThat(during.snapshotCompleted()).isFalse();
        assertThat(during.eventsRejected()).isEqualTo(1);
        assertThat(during.lastChangeAt()).as("the last mapped change, not the rejected one").isEqualTo(SNAPSHOT_READ);
        assertThat(during.lagMillis()).isEqualTo(250);

        clock.advance(Duration.ofMillis(9_750));
        assertThat(tracker.snapshotProgress()).isEqualTo(new StatusTracker.SnapshotProgress(3, 2, Duration.ofSeconds(10)));
        assertThat(tracker.snapshotDone()).isNull();
        assertThat(snapshotLines()).isEmpty();

        clock.set(CONTACT_CREATED.plusMillis(1_200));
        delivery.deliver(List.of(RecordedChanges.sample("mariadb-create")));

        SourceStatus after = tracker.snapshot();
        assertThat(after.state()).isEqualTo(State.RUNNING);
        assertThat(after.snapshotRows()).as("streamed rows are not snapshot rows").isEqualTo(3);
        assertThat(after.snapshotTables()).isEqualTo(2);
        assertThat(after.snapshotCompleted()).isTrue();
        assertThat(after.eventsMapped()).isEqualTo(4);
        assertThat(after.lastChangeAt()).isEqualTo(CONTACT_CREATED);
        assertThat(after.lagMillis()).isEqualTo(1_200);
        assertThat(tracker.snapshotProgress()).as("no progress once done").isNull();
        assertThat(tracker.snapshotDone()).isEqualTo(new StatusTracker.SnapshotProgress(3, 2,
                Duration.between(SNAPSHOT_READ, CONTACT_CREATED.plusMillis(1_200))));

        clock.advance(Duration.ofSeconds(5));
        delivery.deliver(List.of(RecordedChanges.sample("mariadb-delete")));
        assertThat(tracker.snapshot().lagMillis()).as("a delete carries its commit time too").isEqualTo(6_200);
        assertThat(snapshotLines()).containsExactly("Snapshot of source erp done: 3 rows from 2 tables in 3 s");
    }

    @Test
    void theRowDebeziumMarksAsTheSnapshotsLastCompletesIt() throws Exception {
        delivery.deliver(List.of(RecordedChanges.sample("mariadb-read-customer")));
        clock.advance(Duration.ofSeconds(2));
        delivery.deliver(List.of(RecordedChanges.sample("mariadb-read-last")));

        SourceStatus status = tracker.snapshot();
        assertThat(status.snapshotRows()).isEqualTo(2);
        assertThat(status.snapshotTables()).isEqualTo(2);
        assertThat(status.snapshotCompleted()).isTrue();
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.lagMillis()).isEqualTo(2_000);
        assertThat(snapshotLines()).containsExactly("Snapshot of source erp done: 2 rows from 2 tables in 2 s")
                .allSatisfy(line -> assertThat(line).doesNotContain("Acme", "CUST-", "Ana"));
    }

    @Test
    void aCaptureThatResumesWithoutSnapshotCompletesWithTheFirstStreamedChangeAndLogsNoSnapshot() throws Exception {
        tracker.started();
        delivery.deliver(List.of(RecordedChanges.sample("mariadb-create")));

        SourceStatus status = tracker.snapshot();
        assertThat(status.snapshotRows()).isZero();
        assertThat(status.snapshotTables()).isZero();
        assertThat(status.snapshotCompleted()).isTrue();
        assertThat(status.lastChangeAt()).isEqualTo(CONTACT_CREATED);
        assertThat(status.lagMillis()).as("the clock runs behind the source here").isEqualTo(-2_000);
        assertThat(tracker.snapshotDone()).isNull();
        assertThat(snapshotLines()).isEmpty();
    }

    @Test
    void theHeartbeatRowMarkedAsTheSnapshotsLastCompletesItWithoutCountingAsARow() throws Exception {
        StatusTracker crm = new StatusTracker("crm", clock);
        BatchDelivery crmDelivery = new BatchDelivery(new ChangeMapper(DEMO), new RecordingSink(), c -> crm);
        crm.started();
        crmDelivery.deliver(List.of(RecordedChanges.sample("postgres-read"), RecordedChanges.sample("postgres-read-person")));
        // The heartbeat table is captured after the mapped tables; a row left by an earlier run is snapshotted too.
        crmDelivery.deliver(List.of(heartbeatRow("true")));

        SourceStatus during = crm.snapshot();
        assertThat(during.state()).as("a heartbeat row that is not the last ends nothing").isEqualTo(State.SNAPSHOT);
        assertThat(during.snapshotCompleted()).isFalse();
        assertThat(during.snapshotRows()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(3));
        crmDelivery.deliver(List.of(heartbeatRow("last")));

        SourceStatus done = crm.snapshot();
        assertThat(done.state()).isEqualTo(State.RUNNING);
        assertThat(done.snapshotCompleted()).isTrue();
        assertThat(done.snapshotRows()).as("the heartbeat rows are not records").isEqualTo(2);
        assertThat(done.snapshotTables()).isEqualTo(1);
        assertThat(done.eventsMapped()).isEqualTo(2);
        assertThat(done.lastChangeAt()).as("the newest record, not the heartbeat row")
                .isEqualTo(Instant.ofEpochMilli(1795323149840L));
        assertThat(snapshotLines()).containsExactly("Snapshot of source crm done: 2 rows from 1 table in 3 s");
    }

    @Test
    void theHeartbeatDebeziumSendsAfterTheSnapshotCompletesItWhenNoDeliveredRowWasMarkedLast() throws Exception {
        tracker.started();
        // The snapshot's last row broke the mapping: it went to the dead-letter topic, its mark with it.
        delivery.deliver(List.of(RecordedChanges.sample("mariadb-read-customer"),
                edit(RecordedChanges.sample("mariadb-create-bad-type"), v -> {
                    v.put("op", "r");
                    ((ObjectNode) v.get("source")).put("snapshot", "last");
                })));
        assertThat(tracker.snapshot().snapshotCompleted()).isFalse();
        assertThat(tracker.snapshot().state()).isEqualTo(State.SNAPSHOT);

        delivery.deliver(List.of(heartbeat("erp")));

        SourceStatus status = tracker.snapshot();
        assertThat(status.snapshotCompleted()).isTrue();
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.snapshotRows()).isEqualTo(1);
        assertThat(status.eventsMapped()).as("a heartbeat is no record").isEqualTo(1);
        assertThat(status.lastChangeAt()).as("nor a change").isEqualTo(SNAPSHOT_READ);
        assertThat(snapshotLines()).containsExactly("Snapshot of source erp done: 1 rows from 1 table in 0 s");
    }

    @Test
    void aCaptureThatResumesWithoutSnapshotRunsAndCompletesWithAHeartbeatOrTheHeartbeatTablesUpdate() throws Exception {
        StatusTracker crm = new StatusTracker("crm", clock);
        BatchDelivery crmDelivery = new BatchDelivery(new ChangeMapper(DEMO), new RecordingSink(), c -> crm);
        crm.started();
        assertThat(crm.snapshot().state()).isEqualTo(State.RUNNING);
        assertThat(crm.snapshot().snapshotCompleted()).isFalse();

        // What Debezium's heartbeat.action.query writes while the captured tables are quiet.
        crmDelivery.deliver(List.of(edit(RecordedChanges.sample("postgres-update"), v -> {
            ((ObjectNode) v.get("source")).put("table", "tessera_heartbeat");
            v.set("before", JSON.createObjectNode().put("id", 1).put("beat", "2026-11-22T09:59:50Z"));
            v.set("after", JSON.createObjectNode().put("id", 1).put("beat", "2026-11-22T10:00:00Z"));
        })));
        assertThat(crm.snapshot()).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).isTrue();
            assertThat(status.eventsMapped()).isZero();
            assertThat(status.snapshotRows()).isZero();
            assertThat(status.lastChangeAt()).isNull();
        });

        tracker.started();
        delivery.deliver(List.of(heartbeat("erp")));
        assertThat(tracker.snapshot().snapshotCompleted()).as("a source without heartbeat table").isTrue();
        assertThat(tracker.snapshot().state()).isEqualTo(State.RUNNING);
        assertThat(snapshotLines()).as("no snapshot ran").isEmpty();
    }

    @Test
    void progressRateIsRowsPerSecondSinceTheSnapshotStarted() {
        assertThat(new StatusTracker.SnapshotProgress(50_000, 3, Duration.ofSeconds(20)).rowsPerSecond()).isEqualTo(2_500);
        assertThat(new StatusTracker.SnapshotProgress(7, 1, Duration.ZERO).rowsPerSecond()).isEqualTo(7);
    }

    /** The snapshot lines logged at INFO (a rejection is logged too, at WARN). */
    private List<String> snapshotLines() {
        return log.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Snapshot")).toList();
    }

    /** The event as Debezium sends it in the middle of a snapshot ({@code snapshot=true}). */
    private static RawChange snapshotRow(RawChange change) throws IOException {
        return edit(change, v -> ((ObjectNode) v.get("source")).put("snapshot", "true"));
    }

    /** The snapshot row of the CRM's heartbeat table (captured, not mapped) with the {@code source.snapshot} mark. */
    private static RawChange heartbeatRow(String snapshot) throws IOException {
        RawChange row = edit(RecordedChanges.sample("postgres-read"), v -> {
            ((ObjectNode) v.get("source")).put("table", "tessera_heartbeat").put("snapshot", snapshot);
            v.set("after", JSON.createObjectNode().put("id", 1).put("beat", "2026-11-22T09:59:50Z"));
        });
        return new RawChange("crm.public.tessera_heartbeat", "{\"id\":1}", row.value());
    }

    /** A Debezium heartbeat as the embedded engine hands it over. */
    private static RawChange heartbeat(String source) {
        return new RawChange("__debezium-heartbeat." + source, "{\"serverName\":\"" + source + "\"}",
                "{\"ts_ms\":1795323160000}");
    }

    private static RawChange edit(RawChange change, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode value = (ObjectNode) JSON.readTree(change.value());
        edit.accept(value);
        return new RawChange(change.topic(), change.key(), JSON.writeValueAsString(value));
    }


    /** A clock that stands still until the test moves it. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
