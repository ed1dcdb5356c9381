package io.tessera.api.pipeline;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the capture → resolve → project pipeline, under {@code tessera.}.
 *
 * @param stateDir   where local state lives: capture offsets, resolution state stores
 * @param kafka      Tessera's Kafka
 * @param ingestion  which sources to capture and how
 * @param resolution identity resolution settings
 */
@ConfigurationProperties("tessera")
public record PipelineProperties(Path stateDir, Kafka kafka, Ingestion ingestion, Resolution resolution) {

    public PipelineProperties {
        if (stateDir == null) {
            throw new IllegalArgumentException("tessera.state-dir is not set: give a folder for Tessera's local state "
                    + "(capture offsets, resolution stores), e.g. tessera.state-dir: /var/lib/tessera");
        }
        if (kafka == null || kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
            throw new IllegalArgumentException("tessera.kafka.bootstrap-servers is not set: name Tessera's Kafka "
                    + "brokers (host:port,…), or leave it out of the config file to run an embedded broker");
        }
        ingestion = ingestion == null ? new Ingestion(CaptureMode.EMBEDDED, null, Map.of(), null) : ingestion;
        resolution = resolution == null ? new Resolution(null, 0, null, null, null, null) : resolution;
    }

    /**
     * @param bootstrapServers  the brokers
     * @param replicationFactor replication of Tessera's topics (1 on one machine)
     * @param partitions        partitions of Tessera's topics; resolution needs one for now (identity-resolution/README.md)
     */
    public record Kafka(String bootstrapServers, Short replicationFactor, Integer partitions) {

        public short replication() {
            return replicationFactor == null ? 1 : replicationFactor;
        }

        public int partitionCount() {
            return partitions == null ? 1 : partitions;
        }
    }

    /**
     * @param mode        {@code embedded} (Debezium engine inside Tessera), {@code connect} (read Kafka Connect's raw
     *                    topics) or {@code off}
     * @param sources     the source definitions file (a path, or {@code classpath:…})
     * @param connections per source name, connection settings that override the file's (the launcher points the
     *                    demo mapping at the embedded databases this way)
     * @param connectGroup the consumer group for Kafka Connect's raw topics
     */
    public record Ingestion(CaptureMode mode, String sources, Map<String, ConnectionOverride> connections,
                            String connectGroup) {

        public Ingestion {
            mode = mode == null ? CaptureMode.EMBEDDED : mode;
            connections = connections == null ? Map.of() : Map.copyOf(connections);
            connectGroup = connectGroup == null ? "tessera-ingestion" : connectGroup;
        }
    }

    /** Connection settings of one source that replace those of the definitions file; null keeps the file's. */
    public record ConnectionOverride(String host, Integer port, String user, String password) {
    }

    /**
     * @param defaultPhoneRegion ISO country whose rules read a phone number without country code when the record has
     *                           no country
     * @param cardinalityCap     an email, phone or identifier value held by more records than this counts for
     *                           nothing (0 = the default)
     * @param parameters         Fellegi-Sunter parameters written by {@code bin/tessera learn}; null = the defaults
     * @param maxBirthYearsApart dates of birth further apart forbid a link; 0 = no such rule, null = the default
     * @param blockCacheMb       RocksDB's block cache shared by resolution's stores, in MiB; null = the default
     * @param cachedFeatures     how many records' features resolution keeps in the heap; null = the default
     */
    public record Resolution(String defaultPhoneRegion, int cardinalityCap, Path parameters,
            Double maxBirthYearsApart, Integer blockCacheMb, Integer cachedFeatures) {

        public Resolution {
            defaultPhoneRegion = defaultPhoneRegion == null || defaultPhoneRegion.isBlank() ? "ES" : defaultPhoneRegion;
        }
    }

    /** How source changes reach Tessera. */
    public enum CaptureMode {
        EMBEDDED,
        CONNECT,
        OFF
    }
}
