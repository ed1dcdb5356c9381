package io.tessera.identity.stream;

import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.core.normalise.Countries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the identity-resolution stage. Validated on construction with messages that name the
 * {@code tessera.identity.*} key and the fix, so that a wrong setting stops the start with a clear reason.
 *
 * @param applicationId      Kafka Streams application id: consumer group, prefix of internal topics and state
 * @param bootstrapServers   Kafka brokers, {@code host:port[,host:port]}
 * @param defaultPhoneRegion ISO 3166-1 alpha-2 region for phone numbers of records without a (known) country
 * @param cardinalityCap     an identifier held by more records than this stops linking
 * @param stateDir           where the local state stores live (RocksDB); keep it across restarts to avoid a
 *                           full restore from the changelog topics
 * @param commitInterval     how often progress is committed; small, for latency
 */
public record IdentityConfig(
        String applicationId,
        String bootstrapServers,
        String defaultPhoneRegion,
        int cardinalityCap,
        Path stateDir,
        Duration commitInterval) {

    public static final String DEFAULT_APPLICATION_ID = "tessera-identity-resolution";
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public IdentityConfig {
        requireText(applicationId, "tessera.identity.application-id", "e.g. " + DEFAULT_APPLICATION_ID);
        requireText(bootstrapServers, "tessera.identity.bootstrap-servers", "e.g. localhost:9092");
        if (!Countries.isKnownRegion(defaultPhoneRegion)) {
            throw new IllegalArgumentException("tessera.identity.default-phone-region: '" + defaultPhoneRegion
                    + "' is not an upper-case ISO 3166-1 alpha-2 code with a phone numbering plan; set one such as ES");
        }
        if (cardinalityCap < 1) {
            throw new IllegalArgumentException("tessera.identity.cardinality-cap: must be at least 1, got "
                    + cardinalityCap + "; the default is " + ResolverSettings.DEFAULT_CARDINALITY_CAP);
        }
        if (stateDir == null) {
            throw new IllegalArgumentException(
                    "tessera.identity.state-dir: missing; set a directory that survives restarts");
        }
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("tessera.identity.commit-interval: must be positive, got "
                    + commitInterval + "; the default is " + DEFAULT_COMMIT_INTERVAL.toMillis() + "ms");
        }
    }

    /** A configuration with the default application id, cardinality cap and commit interval. */
    public static IdentityConfig defaults(String bootstrapServers, String defaultPhoneRegion, Path stateDir) {
        return new IdentityConfig(DEFAULT_APPLICATION_ID, bootstrapServers, defaultPhoneRegion,
                ResolverSettings.DEFAULT_CARDINALITY_CAP, stateDir, DEFAULT_COMMIT_INTERVAL);
    }

    /** What the resolution core needs of this configuration. */
    /** The same configuration with another cardinality cap. */
    public IdentityConfig withCardinalityCap(int cap) {
        return new IdentityConfig(applicationId, bootstrapServers, defaultPhoneRegion, cap, stateDir, commitInterval);
    }

    public ResolverSettings resolverSettings() {
        return new ResolverSettings(defaultPhoneRegion, cardinalityCap);
    }

    /**
     * The Kafka Streams properties. At-least-once is enough: a change processed twice yields the same decisions
     * (same ids, full membership), which downstream applies harmlessly.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        // Kafka Streams lingers 100 ms by default before sending decisions; a profile change should show in well
        // under a second, and decisions of one change leave together anyway.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        // A new deployment must resolve every record already on the compacted records topic.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    private static void requireText(String value, String key, String example) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": missing; set it (" + example + ")");
        }
    }
}
