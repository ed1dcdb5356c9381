package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tessera.infra.embedded.StandaloneKafka;
import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The snapshot progress of a source captured in the Kafka Connect shape, on a real Kafka broker in this JVM: the test
 * plays Connect, writing Debezium events as Connect's {@code JsonConverter} does (schemas off) to the raw topics of
 * a PostgreSQL source with two mapped tables ({@code public.contact}, {@code public.lead}) and a heartbeat table,
 * and to Debezium's heartbeat topic. Each test has a source (and so topics and a consumer group) of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectSnapshotTest {

    private static final Path WORK = Path.of("target").toAbsolutePath().resolve("connect-snapshot-test");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Debezium's {@code source.ts_ms} of the snapshot rows: 2026-11-22T09:00:00Z. */
    private static final long SNAPSHOT_TS = 1795338000000L;

    private StandaloneKafka kafka;
    private KafkaProducer<String, String> connect;
    private final List<ConnectTopicsCapture> captures = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    void startKafka() throws Exception {
        TestServers.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        kafka = StandaloneKafka.start(WORK.resolve("kafka"));
        // One send, one record batch: the consumer can then hand out a topic's records in small pieces.
        connect = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    void stopKafka() {
        if (connect != null) {
            connect.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(BatchDelivery.class)).addAppender(log);
    }

    @AfterEach
    void stopCaptures() {
        captures.forEach(ConnectTopicsCapture::close);
        captures.clear();
        ((Logger) LoggerFactory.getLogger(BatchDelivery.class)).detachAppender(log);
    }

    @Test
    void theSourceShowsItsSnapshotRunningWithProgressThenCompleteAfterTheRowMarkedLast() throws Exception {
        SourceCatalog catalog = catalog("snap");
        createTopics(catalog);
        send(row("snap", "contact", 1, "first"), row("snap", "contact", 2, "true"), row("snap", "contact", 3, "true"),
                row("snap", "lead", 1, "first_in_data_collection"), row("snap", "lead", 2, "last_in_data_collection"));
        ConnectTopicsCapture capture = start(catalog, new RecordingSink(), Map.of());

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(capture, "snap")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.SNAPSHOT);
            assertThat(status.snapshotRows()).isEqualTo(5);
            assertThat(status.snapshotTables()).isEqualTo(2);
            assertThat(status.snapshotCompleted()).as("the row marked last has not come").isFalse();
            assertThat(status.lastChangeAt()).isEqualTo(Instant.ofEpochMilli(SNAPSHOT_TS));
        }));
        // Logged every 10 s while the snapshot runs, as by the embedded capture.
        await().atMost(Duration.ofSeconds(30)).until(() -> lines().stream()
                .anyMatch(line -> line.startsWith("Snapshot of source snap: 5 rows from 2 tables so far (")));

        // Debezium snapshots the heartbeat table last: its row, which maps to nothing, carries the mark.
        send(heartbeatRow("snap", "last"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(capture, "snap")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).isTrue();
        }));
        SourceStatus done = status(capture, "snap");
        assertThat(done.snapshotRows()).isEqualTo(5);
        assertThat(done.snapshotTables()).isEqualTo(2);
        assertThat(done.eventsMapped()).as("the heartbeat row is no record").isEqualTo(5);
        assertThat(lines()).anyMatch(line -> line.matches("Snapshot of source snap done: 5 rows from 2 tables in \\d+ s"));

        send(change("snap", "lead", 3));
        await().atMost(WAIT).until(() -> status(capture, "snap").eventsMapped() == 6);
        assertThat(status(capture, "snap")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotRows()).as("a streamed change is no snapshot row").isEqualTo(5);
        });
    }

    @Test
    void aConnectorRestartedDuringItsSnapshotSnapshotsAgainAndTheSourceCompletesWithTheRepeatedSnapshot()
            throws Exception {
        SourceCatalog catalog = catalog("again");
        createTopics(catalog);
        send(row("again", "contact", 1, "first"), row("again", "contact", 2, "true"));
        ConnectTopicsCapture capture = start(catalog, new RecordingSink(), Map.of());
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(capture, "again")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.SNAPSHOT);
            assertThat(status.snapshotRows()).isEqualTo(2);
            assertThat(status.snapshotCompleted()).isFalse();
        }));

        // Connect restarted the task before the snapshot ended: Debezium starts it over, from the first row.
        send(row("again", "contact", 1, "first"), row("again", "contact", 2, "true"),
                row("again", "contact", 3, "last_in_data_collection"), row("again", "lead", 1, "last"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(capture, "again")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).isTrue();
            assertThat(status.snapshotRows()).as("rows a snapshot repeats count again").isEqualTo(6);
            assertThat(status.snapshotTables()).isEqualTo(2);
        }));
    }

    @Test
    void theEndOfTheSnapshotReadFromOneTopicDoesNotCompleteItWhileAnotherTopicStillHoldsSnapshotRows()
            throws Exception {
        SourceCatalog catalog = catalog("wide");
        createTopics(catalog);
        int contacts = 200;
        List<ProducerRecord<String, String>> snapshot = new ArrayList<>();
        for (int id = 1; id <= contacts; id++) {
            snapshot.add(row("wide", "contact", id, id == 1 ? "first" : "true"));
        }
        snapshot.add(row("wide", "lead", 1, "first_in_data_collection"));
        snapshot.add(heartbeatRow("wide", "last"));
        send(snapshot.toArray(ProducerRecord[]::new));
        // What Connect writes right after the snapshot: a heartbeat, then streamed changes.
        send(heartbeat("wide"), change("wide", "lead", 2));

        // Each batch the sink accepts notes what the API showed before it.
        List<SourceStatus> shown = new CopyOnWriteArrayList<>();
        AtomicReference<ConnectTopicsCapture> running = new AtomicReference<>();
        RecordingSink recording = new RecordingSink();
        RecordSink watching = new RecordSink() {
            @Override
            public CompletionStage<Void> accept(MappingResult.Output output) {
                ConnectTopicsCapture capture = running.get();
                if (capture != null) {
                    shown.add(status(capture, "wide"));
                }
                return recording.accept(output);
            }
        };
        // Small fetches: the consumer reads the topics side by side, a few contacts at a time, so the lead topic,
        // the heartbeat table's row marked last and the heartbeat come long before the last contact.
        ConnectTopicsCapture capture = start(catalog, watching, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 512));
        running.set(capture);

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(capture, "wide")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).isTrue();
            assertThat(status.snapshotRows()).isEqualTo(contacts + 1);
            assertThat(status.eventsMapped()).isEqualTo(contacts + 2);
        }));
        assertThat(recording.upserts()).hasSize(contacts + 2);
        assertThat(shown).as("what the API showed during the snapshot").isNotEmpty()
                .allSatisfy(status -> {
                    if (status.snapshotCompleted()) {
                        assertThat(status.snapshotRows()).as("completed with every snapshot row delivered")
                                .isEqualTo(contacts + 1);
                    }
                })
                .anySatisfy(status -> {
                    assertThat(status.state()).isEqualTo(State.SNAPSHOT);
                    assertThat(status.snapshotRows()).isBetween(1L, (long) contacts);
                });
        assertThat(lines()).filteredOn(line -> line.startsWith("Snapshot of source wide done")).singleElement()
                .matches(line -> line.matches("Snapshot of source wide done: 201 rows from 2 tables in \\d+ s"));
    }

    @Test
    void aCaptureThatResumesAfterTheSnapshotShowsItCompleteWithTheFirstHeartbeatAndNoSnapshotRows() throws Exception {
        SourceCatalog catalog = catalog("resumed");
        createTopics(catalog);
        send(row("resumed", "contact", 1, "first"), row("resumed", "lead", 1, "last"));
        ConnectTopicsCapture first = start(catalog, new RecordingSink(), Map.of());
        await().atMost(WAIT).until(() -> status(first, "resumed").snapshotCompleted());
        first.close();

        // Tessera restarts; meanwhile Connect only sent a heartbeat (the tables are quiet).
        send(heartbeat("resumed"));
        RecordingSink sink = new RecordingSink();
        ConnectTopicsCapture again = start(catalog, sink, Map.of());

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(again, "resumed")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(State.RUNNING);
            assertThat(status.snapshotCompleted()).isTrue();
            assertThat(status.snapshotRows()).as("resumed after the committed offsets: no snapshot").isZero();
        }));
        assertThat(sink.received()).isEmpty();
    }

    private ConnectTopicsCapture start(SourceCatalog catalog, RecordSink sink, Map<String, Object> consumer) {
        Map<String, Object> config = new HashMap<>(consumer);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "tessera-" + catalog.sources().getFirst().name());
        ConnectTopicsCapture capture = new ConnectTopicsCapture(catalog, config, sink);
        captures.add(capture);
        capture.start();
        return capture;
    }

    /** A PostgreSQL source as Connect captures it: two mapped tables and a heartbeat table. */
    private static SourceCatalog catalog(String source) {
        return SourceCatalogLoader.withVariables(Map.of()).parse(source + ".yaml", """
                sources:
                  - name: %s
                    kind: postgres
                    connection: {host: 127.0.0.1, port: 5432, database: crm, user: tessera, password: tessera}
                    capture: {heartbeat-table: public.tessera_heartbeat}
                    tables:
                      - table: public.contact
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                      - table: public.lead
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                """.formatted(source));
    }

    /** The topics as Connect creates them before it writes (the broker creates none by itself). */
    private void createTopics(SourceCatalog catalog) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(ConnectorConfigs.capturedTopics(catalog).keySet().stream()
                    .map(topic -> new NewTopic(topic, 1, (short) 1)).toList()).all().get();
        }
    }

    @SafeVarargs
    private void send(ProducerRecord<String, String>... records) throws Exception {
        for (ProducerRecord<String, String> record : records) {
            connect.send(record).get();
        }
    }

    /** A row read by the snapshot, {@code source.snapshot} as given. */
    private static ProducerRecord<String, String> row(String source, String table, int id, String snapshot) {
        return event(source, table, id, "r", snapshot, "{\"id\":%d,\"name\":\"Person %d\"}".formatted(id, id));
    }

    /** A streamed insert. */
    private static ProducerRecord<String, String> change(String source, String table, int id) {
        return event(source, table, id, "c", "false", "{\"id\":%d,\"name\":\"Person %d\"}".formatted(id, id));
    }

    /** The heartbeat table's row read by the snapshot. */
    private static ProducerRecord<String, String> heartbeatRow(String source, String snapshot) {
        return event(source, "tessera_heartbeat", 1, "r", snapshot, "{\"id\":1,\"beat\":\"2026-11-22T09:00:00Z\"}");
    }

    private static ProducerRecord<String, String> event(String source, String table, int id, String op,
            String snapshot, String after) {
        String value = """
                {"before":null,"after":%s,"source":{"version":"3.5.0.Final","connector":"postgresql","name":"%s",\
                "ts_ms":%d,"snapshot":"%s","db":"crm","sequence":"[null,\\"28952808\\"]","schema":"public",\
                "table":"%s","txId":762,"lsn":28952808,"xmin":null},"transaction":null,"op":"%s","ts_ms":%d}"""
                .formatted(after, source, SNAPSHOT_TS, snapshot, table, op, SNAPSHOT_TS + 200);
        return new ProducerRecord<>(source + ".public." + table, "{\"id\":" + id + "}", value);
    }

    /** A Debezium heartbeat as Connect writes it to {@code __debezium-heartbeat.<source>}. */
    private static ProducerRecord<String, String> heartbeat(String source) {
        return new ProducerRecord<>("__debezium-heartbeat." + source, "{\"serverName\":\"" + source + "\"}",
                "{\"ts_ms\":" + System.currentTimeMillis() + "}");
    }

    private static SourceStatus status(ConnectTopicsCapture capture, String source) {
        return capture.status().stream().filter(s -> s.name().equals(source)).findFirst().orElseThrow();
    }

    private List<String> lines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
