package io.tessera.ingestion.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.SourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka Connect connector configurations generated from the same source definitions as the embedded capture, for
 * {@code PUT /connectors/<name>/config} (idempotent). Connect writes raw Debezium events to
 * {@code <source>.<schema or database>.<table>}; {@link ConnectTopicsCapture} maps them with the same mapper.
 *
 * <p>Secrets: when the mapping file took the password from a variable ({@code password: ${CRM_DB_PASSWORD}}), the
 * config says {@code ${env:CRM_DB_PASSWORD}}, resolved by the worker's {@code EnvVarConfigProvider}; the worker then
 * needs {@code config.providers=env} and
 * {@code config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider}.
 * Otherwise the password is written as given.
 */
public final class ConnectorConfigs {

    /** What {@link #forSource(SourceDefinition)} uses for the MariaDB schema-history bootstrap servers. */
    public static final String BOOTSTRAP_FROM_ENV = "${env:KAFKA_BOOTSTRAP_SERVERS}";

    /**
     * How long Kafka keeps a raw change: Tessera must read it within this time (else it is lost to Tessera), and an
     * erased person's rows stay in clear on the raw topics until it passed. Override per source with
     * {@code debezium: {topic.creation.default.retention.ms: …}}.
     */
    public static final Duration RAW_TOPIC_RETENTION = Duration.ofDays(7);
    /** Segments roll hourly, so that retention deletes a change within an hour of its expiry, on quiet topics too. */
    public static final Duration RAW_TOPIC_SEGMENT = Duration.ofHours(1);
    /** Debezium's default {@code topic.heartbeat.prefix}. */
    static final String DEFAULT_HEARTBEAT_PREFIX = "__debezium-heartbeat";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConnectorConfigs() {
    }

    /** The connector name: {@code tessera-<source>}. */
    public static String connectorName(SourceDefinition source) {
        return "tessera-" + source.name();
    }

    /** The config with the MariaDB schema history bootstrap servers taken from the worker's environment. */
    public static Map<String, String> forSource(SourceDefinition source) {
        return forSource(source, BOOTSTRAP_FROM_ENV);
    }

    /**
     * The config of one source's connector, keys sorted.
     *
     * @param kafkaBootstrapServers where a MariaDB connector keeps its schema history (unused for PostgreSQL)
     */
    public static Map<String, String> forSource(SourceDefinition source, String kafkaBootstrapServers) {
        String password = source.connection().passwordVariable() != null
                ? "${env:" + source.connection().passwordVariable() + "}"
                : source.connection().password();
        Map<String, String> config = new TreeMap<>(DebeziumProperties.connector(source, password));
        config.put("tasks.max", "1");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        // The raw topics hold rows in clear: created by the connector with time-based deletion, never compaction
        // (which would keep every row's last image for good), so an erased person is gone from them within the
        // retention. Needs the worker's topic.creation.enable (on by default); an existing topic keeps its settings.
        config.put("topic.creation.default.replication.factor", "-1");
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.cleanup.policy", "delete");
        config.put("topic.creation.default.retention.ms", Long.toString(RAW_TOPIC_RETENTION.toMillis()));
        config.put("topic.creation.default.segment.ms", Long.toString(RAW_TOPIC_SEGMENT.toMillis()));
        if (source.kind() == SourceKind.MARIADB) {
            config.put("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
            config.put("schema.history.internal.kafka.bootstrap.servers", kafkaBootstrapServers);
            config.put("schema.history.internal.kafka.topic", "tessera.schema-history." + source.name());
        }
        config.putAll(source.debezium());
        return config;
    }

    /** The raw topics Connect writes for every mapped table of the catalog. */
    public static List<String> rawTopics(SourceCatalog catalog) {
        List<String> topics = new ArrayList<>();
        for (SourceDefinition source : catalog.captured()) {
            source.tables().forEach(t -> topics.add(DebeziumProperties.topic(source, t)));
        }
        return topics;
    }

    /**
     * Every topic {@link ConnectTopicsCapture} reads, with the source that Connect writes it for: the raw topics of
     * the mapped tables ({@link #rawTopics(SourceCatalog)}), then for each source the topic of its heartbeat table
     * (PostgreSQL, when the mapping names one) and Debezium's heartbeat topic
     * ({@code <topic.heartbeat.prefix>.<source>}, when heartbeats are on). The last two carry no records; they tell
     * when the snapshot is over: Debezium snapshots the heartbeat table last, so it often holds the row marked
     * {@code snapshot=last}, and it sends a heartbeat right after the snapshot and then while streaming.
     */
    public static Map<String, String> capturedTopics(SourceCatalog catalog) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (SourceDefinition source : catalog.captured()) {
            source.tables().forEach(t -> topics.put(DebeziumProperties.topic(source, t), source.name()));
            String heartbeatTable = source.kind() == SourceKind.POSTGRES ? source.capture().heartbeatTable() : null;
            if (heartbeatTable != null) {
                int dot = heartbeatTable.indexOf('.');
                topics.put(DebeziumProperties.topic(source, heartbeatTable.substring(0, dot),
                        heartbeatTable.substring(dot + 1)), source.name());
            }
            Map<String, String> config = forSource(source);
            if (heartbeatsOn(config.get("heartbeat.interval.ms"))) {
                topics.put(config.getOrDefault("topic.heartbeat.prefix", DEFAULT_HEARTBEAT_PREFIX) + "."
                        + source.name(), source.name());
            }
        }
        return topics;
    }

    private static boolean heartbeatsOn(String intervalMs) {
        try {
            return intervalMs != null && Long.parseLong(intervalMs.trim()) > 0;
        } catch (NumberFormatException e) {
            // Connect refuses such a config; no heartbeat topic will exist.
            return false;
        }
    }

    /** {@code config} as indented JSON, the body of {@code PUT /connectors/<name>/config}. */
    public static String toJson(Map<String, String> config) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(config)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a connector config as JSON", e);
        }
    }
}
