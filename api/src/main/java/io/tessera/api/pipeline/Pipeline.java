package io.tessera.api.pipeline;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.identity.stream.IdentityConfig;
import io.tessera.identity.stream.IdentityStreams;
import io.tessera.identity.stream.IdentityTopology;
import io.tessera.identity.stream.ResolutionPrivacy;
import io.tessera.ingestion.capture.ConnectTopicsCapture;
import io.tessera.ingestion.capture.DeliveredPositions;
import io.tessera.ingestion.capture.EmbeddedCapture;
import io.tessera.ingestion.capture.KafkaRecordSink;
import io.tessera.ingestion.capture.RecordSink;
import io.tessera.ingestion.capture.SourceStatus;
import io.tessera.ingestion.capture.SuppressingRecordSink;
import io.tessera.ingestion.capture.Suppressions;
import io.tessera.ingestion.source.SourceCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The running pipeline: Tessera's topics, identity resolution (Kafka Streams) and capture of the sources (Debezium
 * engine in-process, or Kafka Connect's raw topics). Starts after the projections are ready to receive decisions and
 * stops before them.
 */
public class Pipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    /** How many of the newest records per partition are read for the delivered positions: several capture batches. */
    private static final int DELIVERED_WINDOW = 20_000;

    private final PipelineProperties properties;
    private final SourceCatalog catalog;
    private final IdentityConfig identityConfig;
    private final ResolutionPrivacy resolutionPrivacy;
    private final RecordKeys keys;
    private final Suppressions suppressions;
    private final Function<RecordKey, String> keyHash;
    private IdentityStreams identityStreams;
    private KafkaRecordSink sink;
    private volatile SuppressingRecordSink suppressing;
    private EmbeddedCapture embeddedCapture;
    private ConnectTopicsCapture connectCapture;
    private volatile boolean running;

    /**
     * @param resolutionPrivacy how resolution keeps personal data out of its topics and state in clear
     * @param keys              the keys capture seals records with
     * @param suppressions records whose upserts capture drops (erased records)
     * @param keyHash      how a dropped record is named in the log: a keyed hash of its key
     */
    public Pipeline(PipelineProperties properties, SourceCatalog catalog, IdentityConfig identityConfig,
                    ResolutionPrivacy resolutionPrivacy, RecordKeys keys, Suppressions suppressions,
                    Function<RecordKey, String> keyHash) {
        this.resolutionPrivacy = resolutionPrivacy;
        this.keys = keys;
        this.properties = properties;
        this.catalog = catalog;
        this.identityConfig = identityConfig;
        this.suppressions = suppressions;
        this.keyHash = keyHash;
    }

    @Override
    public synchronized void start() {
        TopicsInitializer.createTopics(properties.kafka(),
                IdentityTopology.retiredChangelogs(identityConfig.applicationId()));
        identityStreams = IdentityStreams.start(identityConfig, resolutionPrivacy);
        String bootstrap = properties.kafka().bootstrapServers();
        switch (properties.ingestion().mode()) {
            case EMBEDDED -> {
                if (!catalog.sources().isEmpty()) {
                    sink = new KafkaRecordSink(bootstrap, keys);
                    suppressing = new SuppressingRecordSink(sink, suppressions, keyHash);
                    embeddedCapture = EmbeddedCapture.start(catalog, properties.stateDir().resolve("capture"),
                            delivered(suppressing, bootstrap));
                }
            }
            case CONNECT -> {
                sink = new KafkaRecordSink(bootstrap, keys);
                suppressing = new SuppressingRecordSink(sink, suppressions, keyHash);
                Map<String, Object> config = new HashMap<>(
                        ConnectTopicsCapture.consumerDefaults(properties.ingestion().connectGroup()));
                config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                connectCapture = new ConnectTopicsCapture(catalog, config, delivered(suppressing, bootstrap));
                connectCapture.start();
            }
            case OFF -> log.info("Capture is off (tessera.ingestion.mode=off): only records already on the topics flow");
        }
        running = true;
        log.info("Pipeline started: capture {} of {} source(s) {}", properties.ingestion().mode().name().toLowerCase(),
                catalog.sources().size(), catalog.names());
    }

    /**
     * The sink that remembers what it delivered, seeded with the newest changes already on {@code tessera.records}:
     * a capture restarted after a crash skips the changes it delivered before its offsets reached disk.
     */
    private static DeliveredPositions delivered(RecordSink sink, String bootstrap) {
        List<String> before = DeliveredPositions.readTopic(bootstrap, DELIVERED_WINDOW);
        log.info("Read the newest {} change(s) on {}: a restarted capture does not deliver them again", before.size(),
                Topics.RECORDS.name());
        return new DeliveredPositions(sink, before);
    }

    /** The state of each captured source. */
    public List<SourceStatus> sources() {
        if (embeddedCapture != null) {
            return embeddedCapture.status();
        }
        if (connectCapture != null) {
            return connectCapture.status();
        }
        return List.of();
    }

    /** Upserts of suppressed (erased) records that capture dropped since start. */
    public long suppressedUpserts() {
        SuppressingRecordSink current = suppressing;
        return current == null ? 0 : current.dropped();
    }

    public KafkaStreams.State resolutionState() {
        return identityStreams == null ? KafkaStreams.State.NOT_RUNNING : identityStreams.state();
    }

    /** Records resolved since start that had no attribute to compare on; each is a profile of its own. */
    public long recordsWithoutUsableAttributes() {
        return identityStreams == null ? 0 : identityStreams.unusableRecords();
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeQuietly("capture", embeddedCapture);
        closeQuietly("capture", connectCapture);
        closeQuietly("record sink", sink);
        if (identityStreams != null) {
            identityStreams.close(Duration.ofSeconds(30));
        }
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing the {} failed", what, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the decision consumer (which starts at MAX - 100), so every decision has somewhere to go. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
