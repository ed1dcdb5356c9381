package io.tessera.identity.stream;

import io.tessera.identity.core.batch.CanonicalResolution;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.core.scoring.DefaultParameters;
import io.tessera.identity.core.scoring.InvalidParametersException;
import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelParametersJson;
import io.tessera.identity.core.normalise.Countries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the identity-resolution stage. Validated on construction with messages that name the setting
 * ({@code tessera.resolution.*}, {@code tessera.kafka.*}, {@code tessera.state-dir}) and the fix, so that a wrong
 * setting stops the start with a clear reason.
 *
 * @param applicationId      Kafka Streams application id: consumer group, prefix of internal topics and state
 * @param bootstrapServers   Kafka brokers, {@code host:port[,host:port]}
 * @param defaultPhoneRegion ISO 3166-1 alpha-2 region for phone numbers of records without a (known) country
 * @param cardinalityCap     an email, phone or identifier value held by more records than this counts for nothing
 * @param stateDir           where the local state stores live (RocksDB); keep it across restarts to avoid a
 *                           full restore from the changelog topics
 * @param commitInterval     how often progress is committed; small, for latency
 * @param parameters         the Fellegi-Sunter parameters records are scored with ({@link DefaultParameters} unless
 *                           an operator learned their own)
 * @param maxBirthYearsApart dates of birth further apart than this forbid a link; 0 turns the rule off
 * @param blockCacheMiB      RocksDB's block cache, one for all the state stores of the process
 *                           ({@link StateStoreOptions}); Kafka Streams' default is 50 MiB for each of the five stores
 * @param cachedFeatures     how many records' features (what scoring compares) resolution keeps in the heap, besides
 *                           the store; about half a kilobyte each
 */
public record IdentityConfig(
        String applicationId,
        String bootstrapServers,
        String defaultPhoneRegion,
        int cardinalityCap,
        Path stateDir,
        Duration commitInterval,
        ModelParameters parameters,
        double maxBirthYearsApart,
        int blockCacheMiB,
        int cachedFeatures) {

    public static final String DEFAULT_APPLICATION_ID = "tessera-identity-resolution";
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    /** As much as Kafka Streams' defaults give the five stores together, now shared by them. */
    public static final int DEFAULT_BLOCK_CACHE_MIB = 256;
    /**
     * Enough for the candidates of recent changes at 100,000 records; at 300,000, 250,000 took a tenth off the CPU per
     * record for 100 MiB more heap (docs/benchmarks.md).
     */
    public static final int DEFAULT_CACHED_FEATURES = 50_000;
    /** How long the group waits for a member that stopped (or crashed) before handing its work to another. */
    static final int SESSION_TIMEOUT_MS = 10_000;
    /**
     * The longest a stream thread may go without polling before the group drops it: 30 minutes rather than the
     * consumer's 5. A task that starts without its derived stores rebuilds them before its next poll, about 20 µs per
     * stored record (20 s at a million records, {@code DerivedStoresRebuildBench}), so 5 minutes would end near 15
     * million records; dropped, the task would be closed unclean, its state wiped and rebuilt again, without end.
     */
    static final int MAX_POLL_INTERVAL_MS = 30 * 60 * 1000;

    public IdentityConfig {
        requireText(applicationId, "the Kafka Streams application id", "e.g. " + DEFAULT_APPLICATION_ID);
        requireText(bootstrapServers, "tessera.kafka.bootstrap-servers", "e.g. localhost:9092");
        if (!Countries.isKnownRegion(defaultPhoneRegion)) {
            throw new IllegalArgumentException("tessera.resolution.default-phone-region: '" + defaultPhoneRegion
                    + "' is not an upper-case ISO 3166-1 alpha-2 code with a phone numbering plan; set one such as ES");
        }
        if (cardinalityCap < 1) {
            throw new IllegalArgumentException("tessera.resolution.cardinality-cap: must be at least 1, got "
                    + cardinalityCap + "; the default is " + ResolverSettings.DEFAULT_CARDINALITY_CAP);
        }
        if (stateDir == null) {
            throw new IllegalArgumentException(
                    "tessera.state-dir: missing; set a directory that survives restarts");
        }
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("The commit interval of resolution must be positive, got "
                    + commitInterval + "; the default is " + DEFAULT_COMMIT_INTERVAL.toMillis() + "ms");
        }
        if (parameters == null) {
            throw new IllegalArgumentException("tessera.resolution.parameters: missing; leave the key out for the"
                    + " default parameters or name a file written by 'bin/tessera learn'");
        }
        try {
            new ResolverSettings(defaultPhoneRegion, cardinalityCap, parameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tessera.resolution.parameters: " + e.getMessage(), e);
        }
        if (!(maxBirthYearsApart >= 0)) {
            throw new IllegalArgumentException("tessera.resolution.max-birth-years-apart: must be 0 (off) or more, got "
                    + maxBirthYearsApart + "; the default is " + CanonicalResolution.MAX_BIRTH_YEARS_APART);
        }
        if (blockCacheMiB < 1) {
            throw new IllegalArgumentException("tessera.resolution.block-cache-mb: must be at least 1, got "
                    + blockCacheMiB + "; the default is " + DEFAULT_BLOCK_CACHE_MIB);
        }
        if (cachedFeatures < 1) {
            throw new IllegalArgumentException("tessera.resolution.cached-features: must be at least 1, got "
                    + cachedFeatures + "; the default is " + DEFAULT_CACHED_FEATURES);
        }
    }

    /** A configuration with the default block cache and features cache. */
    public IdentityConfig(String applicationId, String bootstrapServers, String defaultPhoneRegion,
            int cardinalityCap, Path stateDir, Duration commitInterval, ModelParameters parameters,
            double maxBirthYearsApart) {
        this(applicationId, bootstrapServers, defaultPhoneRegion, cardinalityCap, stateDir, commitInterval,
                parameters, maxBirthYearsApart, DEFAULT_BLOCK_CACHE_MIB, DEFAULT_CACHED_FEATURES);
    }

    /** A configuration with the default parameters. */
    public IdentityConfig(String applicationId, String bootstrapServers, String defaultPhoneRegion,
            int cardinalityCap, Path stateDir, Duration commitInterval) {
        this(applicationId, bootstrapServers, defaultPhoneRegion, cardinalityCap, stateDir, commitInterval,
                DefaultParameters.get(), CanonicalResolution.MAX_BIRTH_YEARS_APART);
    }

    /** A configuration with the default application id, cardinality cap and commit interval. */
    public static IdentityConfig defaults(String bootstrapServers, String defaultPhoneRegion, Path stateDir) {
        return new IdentityConfig(DEFAULT_APPLICATION_ID, bootstrapServers, defaultPhoneRegion,
                ResolverSettings.DEFAULT_CARDINALITY_CAP, stateDir, DEFAULT_COMMIT_INTERVAL);
    }

    /** The same configuration with another cardinality cap. */
    public IdentityConfig withCardinalityCap(int cap) {
        return new IdentityConfig(applicationId, bootstrapServers, defaultPhoneRegion, cap, stateDir, commitInterval,
                parameters, maxBirthYearsApart, blockCacheMiB, cachedFeatures);
    }

    /** The same configuration with other parameters. */
    public IdentityConfig withParameters(ModelParameters other) {
        return new IdentityConfig(applicationId, bootstrapServers, defaultPhoneRegion, cardinalityCap, stateDir,
                commitInterval, other, maxBirthYearsApart, blockCacheMiB, cachedFeatures);
    }

    /** The same configuration with another birth-date rule (0: off). */
    public IdentityConfig withMaxBirthYearsApart(double years) {
        return new IdentityConfig(applicationId, bootstrapServers, defaultPhoneRegion, cardinalityCap, stateDir,
                commitInterval, parameters, years, blockCacheMiB, cachedFeatures);
    }

    /** The same configuration with another block cache size. */
    public IdentityConfig withBlockCacheMiB(int mebibytes) {
        return new IdentityConfig(applicationId, bootstrapServers, defaultPhoneRegion, cardinalityCap, stateDir,
                commitInterval, parameters, maxBirthYearsApart, mebibytes, cachedFeatures);
    }

    /** The same configuration with another number of records whose features stay in the heap. */
    public IdentityConfig withCachedFeatures(int records) {
        return new IdentityConfig(applicationId, bootstrapServers, defaultPhoneRegion, cardinalityCap, stateDir,
                commitInterval, parameters, maxBirthYearsApart, blockCacheMiB, records);
    }

    /**
     * The same configuration with the parameters of a file written by {@code bin/tessera learn}.
     *
     * @throws IllegalArgumentException naming the key, the file and what is wrong in it
     */
    public IdentityConfig withParametersFile(Path file) {
        try {
            return withParameters(ModelParametersJson.read(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("tessera.resolution.parameters: cannot read " + file + " ("
                    + e.getMessage() + "); name a file written by 'bin/tessera learn'", e);
        } catch (InvalidParametersException e) {
            throw new IllegalArgumentException("tessera.resolution.parameters: " + e.getMessage(), e);
        }
    }

    /** What the resolution core needs of this configuration. */
    public ResolverSettings resolverSettings() {
        return new ResolverSettings(defaultPhoneRegion, cardinalityCap, parameters, CanonicalResolution.MAX_BLOCK_SIZE,
                maxBirthYearsApart);
    }

    /**
     * The Kafka Streams properties. Exactly once: one change writes several state stores and their changelogs and
     * sends its decisions, and resolution applies a change as the difference from the stored state. At least once
     * let a process killed midway leave part of a change's writes in the changelogs while its input was read again:
     * the re-read change then looked applied, and its index entries, or a delete, were lost for good (found by
     * {@code KillAndRestartTest}). With transactions a change's writes, decisions and input offset commit together or
     * not at all; readers of {@code tessera.identity} read committed decisions only.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Prefix bloom filters for the index, one bounded block cache for all the stores: see StateStoreOptions.
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StateStoreOptions.class);
        props.put(StateStoreOptions.BLOCK_CACHE_CONFIG, Integer.toString(blockCacheMiB));
        // Kafka Streams lingers 100 ms by default before sending decisions; a profile change should show in well
        // under a second, and decisions of one change leave together anyway.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        // A new deployment must resolve every record already on the compacted records topic.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Kafka Streams does not leave its group when it closes, so a restarted instance waits until the group gives
        // up on its former self: 45 s by default, during which nothing is resolved. 10 s, Kafka's default before 3.0.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                Integer.toString(SESSION_TIMEOUT_MS));
        // A crashed member is still noticed after the session timeout; this bounds only a live thread that does not
        // poll, such as one rebuilding the derived stores (DerivedStores).
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
                Integer.toString(MAX_POLL_INTERVAL_MS));
        return props;
    }

    private static void requireText(String value, String key, String example) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": missing; set it (" + example + ")");
        }
    }
}
