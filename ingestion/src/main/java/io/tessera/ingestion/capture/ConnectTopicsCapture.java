package io.tessera.ingestion.capture;

import io.tessera.ingestion.mapping.ChangeMapper;
import io.tessera.ingestion.mapping.RawChange;
import io.tessera.ingestion.source.SourceCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Connect shape of capture: Debezium runs in Connect (configs from {@link ConnectorConfigs}) and writes
 * raw events to {@code <source>.<schema or database>.<table>}; this consumer maps them with the same
 * {@link ChangeMapper} and hands them to the same {@link RecordSink}, committing consumer offsets only after the
 * sink accepted a polled batch. If the sink fails the loop stops (state {@code FAILED}) without committing, so a
 * restart re-reads the batch.
 *
 * <p>It also reads each source's heartbeat topics ({@link ConnectorConfigs#capturedTopics(SourceCatalog)}), which
 * carry no records but show when the snapshot is over; the sources' snapshot progress comes from the events'
 * {@code op} and {@code source.snapshot} ({@link ConnectSnapshots}), and is logged every 10 s while it runs, as in
 * the embedded shape.
 */
public final class ConnectTopicsCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectTopicsCapture.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final Consumer<String, String> consumer;
    /** Every topic read, with its source's name. */
    private final Map<String, String> topicSources;
    private final Map<String, StatusTracker> trackers = new LinkedHashMap<>();
    private final BatchDelivery delivery;
    private final ConnectSnapshots snapshots;
    private volatile boolean stopping;
    private Thread thread;

    /** A capture with its own consumer: {@link #consumerDefaults(String)} overlaid with {@code config}. */
    public ConnectTopicsCapture(SourceCatalog catalog, Map<String, Object> config, RecordSink sink) {
        this(catalog, new KafkaConsumer<>(merged(config)), sink);
    }

    /** A capture over a consumer the caller configured (e.g. a {@code MockConsumer}); closed with the capture. */
    public ConnectTopicsCapture(SourceCatalog catalog, Consumer<String, String> consumer, RecordSink sink) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topicSources = ConnectorConfigs.capturedTopics(catalog);
        catalog.sources().forEach(s -> trackers.put(s.name(), new StatusTracker(s.name())));
        this.delivery = new BatchDelivery(new ChangeMapper(catalog), sink,
                change -> trackers.get(topicSources.get(change.topic())));
        this.snapshots = new ConnectSnapshots(topicSources, trackers);
    }

    /** Manual commits after delivery, from the beginning of the raw topics, only committed Connect writes. */
    public static Map<String, Object> consumerDefaults(String groupId) {
        return Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "tessera-ingestion-connect");
    }

    private static Map<String, Object> merged(Map<String, Object> config) {
        Map<String, Object> merged = new HashMap<>(consumerDefaults("tessera-ingestion"));
        merged.putAll(config);
        merged.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        merged.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return merged;
    }

    /** The topics this capture reads: the raw topics of the mapped tables, then the sources' heartbeat topics. */
    public List<String> topics() {
        return List.copyOf(topicSources.keySet());
    }

    /** Subscribes and runs the poll loop on its own thread until {@link #close()} or a sink failure. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("Already started");
        }
        consumer.subscribe(topics());
        thread = new Thread(this::loop, "tessera-connect-capture");
        thread.start();
    }

    private void loop() {
        trackers.values().forEach(t -> t.moveTo(SourceStatus.State.RUNNING));
        long progressEvery = BatchDelivery.SNAPSHOT_PROGRESS_INTERVAL.toNanos();
        long nextProgress = System.nanoTime() + progressEvery;
        try {
            while (!stopping) {
                pollOnce(POLL_TIMEOUT);
                if (System.nanoTime() - nextProgress >= 0) {
                    nextProgress += progressEvery;
                    trackers.values().forEach(BatchDelivery::logSnapshotProgress);
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                trackers.values().forEach(t -> t.failed(e, "woken up unexpectedly"));
                LOG.error("The Connect topics capture was woken up without being stopped", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            trackers.values().forEach(t -> t.failed(e, "interrupted"));
        } catch (RuntimeException e) {
            trackers.values().forEach(t -> t.failed(e, "the Connect topics capture failed"));
            LOG.error("The Connect topics capture failed and stopped; uncommitted events are read again on restart", e);
        } finally {
            consumer.close();
            trackers.values().forEach(StatusTracker::stopped);
        }
    }

    /**
     * One iteration of the loop: poll, map and deliver the batch, commit its offsets, then complete the snapshots
     * that are over.
     *
     * @return how many records the poll returned
     */
    int pollOnce(Duration timeout) throws InterruptedException {
        ConsumerRecords<String, String> records = consumer.poll(timeout);
        if (!records.isEmpty()) {
            List<RawChange> changes = new ArrayList<>(records.count());
            List<TopicPartition> partitions = new ArrayList<>(records.count());
            for (ConsumerRecord<String, String> record : records) {
                changes.add(new RawChange(record.topic(), record.key(), record.value()));
                partitions.add(new TopicPartition(record.topic(), record.partition()));
            }
            delivery.deliver(changes, (index, tracker, phase) -> snapshots.seen(partitions.get(index), tracker, phase));
            // Commits the positions after this poll: every record of it was delivered above.
            consumer.commitSync();
        }
        // After an empty poll too: the partitions may have been read to their end by the previous one.
        snapshots.settle(consumer.assignment(), consumer::currentLag);
        return records.count();
    }

    /** The status of every source of the catalog. */
    public List<SourceStatus> status() {
        return trackers.values().stream().map(StatusTracker::snapshot).toList();
    }

    /** Stops the loop after the current batch and closes the consumer. */
    @Override
    public void close() {
        stopping = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null) {
            consumer.close();
            trackers.values().forEach(StatusTracker::stopped);
            return;
        }
        consumer.wakeup();
        try {
            running.join(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Interrupted while waiting for the Connect topics capture to stop", e);
        }
    }
}
