package io.tessera.identity.stream;

import io.tessera.contracts.JsonSerde;
import io.tessera.contracts.Topics;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.Link;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The identity-resolution topology: {@code tessera.records} → resolver (Processor API, state in persistent
 * key-value stores) → {@code tessera.identity} keyed by profile id; unreadable or unresolvable inputs →
 * {@code tessera.deadletter}. A pure function of the configuration; {@link IdentityStreams} runs it.
 *
 * <p><b>Partitioning.</b> Records that should be linked must be resolved by the same task, because each task
 * sees only its own partitions' state. For now {@code tessera.records} is expected to have <b>one partition</b>:
 * with N partitions the topology is still correct within each partition, but two records on different partitions
 * that should match are never compared. Routing records so that candidates meet (repartition by blocking
 * key, then cluster by component) is the scale-out design of a later issue (DESIGN invariant 8).
 *
 * <p><b>Stores</b> (persistent; no personal data in clear, see {@link ResolutionPrivacy}). Changelogged, so that a lost
 * machine restores them from Kafka:
 * <ul>
 *   <li>{@value #RECORDS_STORE}: record key → the record with its normalised features ({@link IndexedRecordCodec})
 *       and, in clear, the hashes of its index keys</li>
 *   <li>{@value #LINKS_STORE}: {@code record key NUL record key} → the link (scored edge) between them</li>
 *   <li>{@value #RECORD_PROFILES_STORE}: record key → profile id</li>
 *   <li>{@value #GENERATION_STORE}: the generation the derived stores must have been built for</li>
 * </ul>
 * Derived from those, not changelogged, rebuilt when the task starts without them ({@link DerivedStores}):
 * <ul>
 *   <li>{@value #HOLDERS_STORE}: {@code index key NUL record key} → record key (the records in a block, and
 *       the holders of an email, phone or identifier value, counted against the cardinality cap)</li>
 *   <li>{@value #PROFILE_MEMBERS_STORE}: {@code profile id NUL record key} → record key (a profile's members)</li>
 * </ul>
 */
public final class IdentityTopology {

    /** The stage name on dead letters. */
    public static final String STAGE = "identity-resolution";

    public static final String SOURCE = "records-source";
    public static final String PROCESSOR = "identity-resolver";
    public static final String IDENTITY_SINK = "identity-sink";
    public static final String DEAD_LETTER_SINK = "deadletter-sink";

    public static final String RECORDS_STORE = "identity-records";
    public static final String HOLDERS_STORE = "identity-index";
    public static final String LINKS_STORE = "identity-links";
    public static final String RECORD_PROFILES_STORE = "identity-record-profiles";
    public static final String PROFILE_MEMBERS_STORE = "identity-profile-members";
    public static final String GENERATION_STORE = "identity-generation";

    /** The changelogs' topic configuration beyond Kafka Streams' own: a bound on how long a deleted value stays. */
    private static final Map<String, String> CHANGELOG = Map.of(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
            Long.toString(Topics.MAX_COMPACTION_LAG.toMillis()));

    private IdentityTopology() {
    }

    /**
     * The changelog topics that versions before the derived stores wrote, and nothing reads any more. The index's holds
     * keyed hashes of emails and phones, so they are best deleted rather than left to age.
     */
    public static List<String> retiredChangelogs(String applicationId) {
        return List.of(applicationId + "-" + HOLDERS_STORE + "-changelog",
                applicationId + "-" + PROFILE_MEMBERS_STORE + "-changelog");
    }

    /** Builds the topology for the given configuration; starts nothing. */
    public static Topology build(IdentityConfig config, ResolutionPrivacy privacy) {
        return build(new IdentityResolver(config.resolverSettings()), privacy, config.cachedFeatures());
    }

    /** Builds the topology around a resolver, with the default features cache; starts nothing. */
    public static Topology build(IdentityResolver resolver, ResolutionPrivacy privacy) {
        return build(resolver, privacy, IdentityConfig.DEFAULT_CACHED_FEATURES);
    }

    /**
     * Builds the topology around a resolver; starts nothing.
     *
     * @param cachedFeatures how many records' features each task keeps in the heap
     */
    public static Topology build(IdentityResolver resolver, ResolutionPrivacy privacy, int cachedFeatures) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.RECORDS.name());
        topology.addProcessor(PROCESSOR, () -> new IdentityProcessor(ChangeResolution.of(resolver), privacy,
                cachedFeatures), SOURCE);
        topology.addStateStore(recordsStore(), PROCESSOR);
        topology.addStateStore(derivedStore(HOLDERS_STORE), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINKS_STORE),
                Serdes.String(), new JsonSerde<>(Link.class)).withLoggingEnabled(CHANGELOG), PROCESSOR);
        topology.addStateStore(loggedStore(RECORD_PROFILES_STORE), PROCESSOR);
        topology.addStateStore(derivedStore(PROFILE_MEMBERS_STORE), PROCESSOR);
        topology.addStateStore(loggedStore(GENERATION_STORE), PROCESSOR);
        topology.addSink(IDENTITY_SINK, Topics.IDENTITY.name(), Topics.IDENTITY.keySerde().serializer(),
                privacy.decisions().serializer(), PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTER.name(), Topics.DEAD_LETTER.keySerde().serializer(),
                Topics.DEAD_LETTER.valueSerde().serializer(), PROCESSOR);
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> recordsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECORDS_STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingEnabled(CHANGELOG);
    }

    private static StoreBuilder<KeyValueStore<String, String>> loggedStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String())
                .withLoggingEnabled(CHANGELOG);
    }

    private static StoreBuilder<KeyValueStore<String, String>> derivedStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String())
                .withLoggingDisabled();
    }
}
