package io.tessera.identity.stream;

import io.tessera.contracts.JsonSerde;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.identity.bench.SyntheticPeople;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.Link;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.infra.bench.LoadAverage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * How long a task that starts without its derived stores (after a crash, or on a new machine) spends rebuilding them
 * ({@link DerivedStores}) before it resolves anything, at {@code bench.records} records (default 1,000,000). The
 * rebuild runs on the stream thread before its next poll, so a rebuild longer than the consumer's
 * {@code max.poll.interval.ms} ({@link IdentityConfig#MAX_POLL_INTERVAL_MS}) would get the member dropped from its
 * group.
 *
 * <p>The records store is filled the way resolution fills it ({@code KafkaStoresResolutionState.putRecord}: sealed
 * values that list their index hashes) on RocksDB with the product's options ({@link StateStoreOptions}); each record
 * is assigned to its generated person's profile. Each run then rebuilds into new, empty derived stores, as after a
 * wiped state directory. Run with {@code ./mvnw -pl identity-resolution -Pbench test -Dtest=DerivedStoresRebuildBench
 * -Dbench.records=1000000}; appends its figures to docs/benchmarks.md. Not a test: it asserts nothing about speed.
 */
class DerivedStoresRebuildBench {

    private static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final long SEED = 42;

    @Test
    void rebuild() throws Exception {
        Path stateDir = Files.createTempDirectory(Path.of("target"), "rebuild-bench");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rebuild-bench");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StateStoreOptions.class);
        config.put(StateStoreOptions.BLOCK_CACHE_CONFIG, Integer.toString(IdentityConfig.DEFAULT_BLOCK_CACHE_MIB));
        MockProcessorContext<String, Object> context = new MockProcessorContext<>(config, new TaskId(0, 0),
                stateDir.toFile());
        ResolutionPrivacy privacy = new ResolutionPrivacy(new InMemoryRecordKeys(), new byte[32]);
        IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
        List<KeyValueStore<?, ?>> opened = new ArrayList<>();
        try {
            KeyValueStore<String, byte[]> records = open(context, IdentityTopology.RECORDS_STORE,
                    Serdes.ByteArray(), opened);
            KeyValueStore<String, String> recordProfiles = open(context, IdentityTopology.RECORD_PROFILES_STORE,
                    Serdes.String(), opened);
            KeyValueStore<String, Link> links = open(context, IdentityTopology.LINKS_STORE,
                    new JsonSerde<>(Link.class), opened);
            KeyValueStore<String, String> unusedHolders = open(context, "fill-holders", Serdes.String(), opened);
            KeyValueStore<String, String> unusedMembers = open(context, "fill-members", Serdes.String(), opened);
            KafkaStoresResolutionState filler = new KafkaStoresResolutionState(records, unusedHolders, links,
                    recordProfiles, unusedMembers, privacy, resolver::indexKeys, 1);
            long fillStart = System.nanoTime();
            SyntheticPeople.stream(SEED, RECORDS).forEach(labelled -> {
                filler.putRecord(resolver.index(labelled.record()));
                recordProfiles.put(labelled.record().key().asString(), SyntheticPeople.personId(labelled.person()));
            });
            records.flush();
            recordProfiles.flush();
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

            double[] seconds = new double[RUNS];
            long entries = 0;
            for (int run = 0; run < RUNS; run++) {
                KeyValueStore<String, String> holders = open(context, IdentityTopology.HOLDERS_STORE + "-" + run,
                        Serdes.String(), opened);
                KeyValueStore<String, String> members = open(context,
                        IdentityTopology.PROFILE_MEMBERS_STORE + "-" + run, Serdes.String(), opened);
                KeyValueStore<String, String> generations = open(context,
                        IdentityTopology.GENERATION_STORE + "-" + run, Serdes.String(), opened);
                KafkaStoresResolutionState state = new KafkaStoresResolutionState(records, holders, links,
                        recordProfiles, members, privacy, resolver::indexKeys, 1);
                long start = System.nanoTime();
                DerivedStores.ensure(records, recordProfiles, holders, members, generations, state::indexHashes);
                holders.flush();
                members.flush();
                seconds[run] = (System.nanoTime() - start) / 1e9;
                entries = holders.approximateNumEntries();
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = sorted[RUNS / 2];
            String report = String.format(Locale.ROOT, """

                    ## Rebuilding resolution's derived stores (issue 3) (%s)
                    Command: `./mvnw -pl identity-resolution -Pbench test -Dtest=DerivedStoresRebuildBench -Dbench.records=%d
                    -Dbench.runs=%d`. Machine: %d cores, %s, JDK %s, max heap %d MiB. Data: `SyntheticPeople`, seed %d.

                    | records | stored in | rebuild, median of %d | runs | index entries (RocksDB's estimate) | µs per record |
                    |---:|---:|---:|---|---:|---:|
                    | %,d | %.0f s | **%.1f s** | %s | %,d | %.1f |

                    The records store is filled as resolution fills it (sealed values listing their index hashes), on
                    RocksDB with the product's options, each record in its person's profile. Each run rebuilds the
                    index and the profiles' members into new, empty stores, as after a wiped state directory
                    (`DerivedStores.ensure`). The stream thread does this before its next poll; resolution's consumer
                    may go %d minutes without polling (`max.poll.interval.ms`). Load average (1, 5, 15 min) at the
                    end: %s.
                    """, Instant.now().truncatedTo(ChronoUnit.SECONDS), RECORDS, RUNS,
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getName(), Runtime.version(),
                    Runtime.getRuntime().maxMemory() >> 20, SEED, RUNS, RECORDS, fillSeconds, median,
                    Arrays.stream(seconds).mapToObj(s -> String.format(Locale.ROOT, "%.1f s", s)).toList(),
                    entries, median * 1e6 / RECORDS, IdentityConfig.MAX_POLL_INTERVAL_MS / 60_000, LoadAverage.now());
            System.out.println(report);
            Path file = Path.of(System.getProperty("bench.report", "../docs/benchmarks.md"));
            if (Files.isRegularFile(file)) {
                Files.writeString(file, report, StandardOpenOption.APPEND);
            }
        } finally {
            opened.forEach(KeyValueStore::close);
            Utils.delete(stateDir.toFile()); // 2.4 GB at a million records
        }
    }

    private static <V> KeyValueStore<String, V> open(MockProcessorContext<String, Object> context, String name,
            Serde<V> values, List<KeyValueStore<?, ?>> opened) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                        Serdes.String(), values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        opened.add(store);
        return store;
    }
}
