package io.tessera.identity.bench;

import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.identity.eval.Evaluator;
import io.tessera.identity.eval.PartitionMetrics;
import io.tessera.identity.stream.IdentityConfig;
import io.tessera.identity.stream.IdentityStreams;
import io.tessera.identity.stream.ResolutionPrivacy;
import io.tessera.infra.bench.CpuSnapshot;
import io.tessera.infra.bench.PeakMemory;
import io.tessera.infra.embedded.StandaloneKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Resolution throughput through the real topology: synthetic people ({@link SyntheticPeople}) are written to
 * {@code tessera.records} on a real Kafka broker running in this JVM ({@link StandaloneKafka}), then
 * {@link IdentityStreams} (Kafka Streams, RocksDB stores, commits every 100 ms, as the product runs it) resolves them
 * all. records/s = records ÷ time from the client being RUNNING until its committed offset reaches the last record.
 * Also reports peak heap and RSS (sampled every 100 ms; the broker shares the JVM), the state directory's size, and
 * the pairwise accuracy of the final partition (latest decision per profile) against the generator's truth.
 *
 * <p>Run: {@code ./mvnw -pl identity-resolution -Pbench test -Dbench.sizes=10000,100000 -Dbench.runs=3} (the
 * default build does not run it). Each size runs {@code bench.runs} times (one run for sizes of 100,000 and more)
 * and the median run by records/s is reported; the section is appended to {@code docs/benchmarks.md}. A run is cut
 * after {@code bench.max-seconds} (default 3600); then the records resolved so far are reported.
 */
class KafkaThroughputBench {

    /** Records are sealed with their keys on the topics, as capture writes them; the keys live in memory here. */
    private static final ResolutionPrivacy PRIVACY = new ResolutionPrivacy(new InMemoryRecordKeys(), new byte[32]);
    private static final Serializer<SourceRecord> RECORDS = PRIVACY.records().serializer();

    private static final long SEED = 42;
    /** A run is cut after this many seconds of resolving ({@code bench.max-seconds}); what it resolved is reported. */
    private static final long MAX_SECONDS = Long.getLong("bench.max-seconds", 3600);
    /** The commit interval in ms ({@code bench.commit-ms}); 0 for the product's default. */
    private static final long COMMIT_MS = Long.getLong("bench.commit-ms", 0);
    /**
     * With {@code -Dbench.restarts=true}, each run then restarts resolution three times on its state: as it was
     * left; with the two derived stores deleted, so that the task rebuilds them; and with no state directory, so that
     * it restores the changelogs too.
     */
    private static final boolean RESTARTS = Boolean.getBoolean("bench.restarts");
    private static final StringBuilder RESTART_LINES = new StringBuilder();
    /** tessera.resolution.cached-features; 0 for the default. */
    private static final int CACHED_FEATURES = Integer.getInteger("bench.cached-features", 0);
    /** With a value above 0, the floor topology runs instead of resolution ({@link FloorTopology}). */
    private static final int FLOOR_WRITES = Integer.getInteger("bench.floor-writes", 0);
    private static final String HEADER = "| records | runs | records/s (median) | each run | resolve s | decisions"
            + " | CPU µs/record | resolver µs/record | changelog writes/record"
            + " | peak heap MiB | peak RSS MiB | state MiB | pair P | pair R | pair F1 |\n"
            + "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    @Test
    void throughputThroughTheTopologyOnARealBroker() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.sizes", "10000,100000").split(",")) {
            sizes.add(Integer.parseInt(size.strip().replace("_", "")));
        }
        int runs = Integer.parseInt(System.getProperty("bench.runs", "3"));
        StringBuilder table = new StringBuilder(HEADER);
        for (int size : sizes) {
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < (size >= 100_000 ? 1 : runs); i++) {
                results.add(runOnce(size));
            }
            table.append(row(size, results)).append('\n');
        }
        System.out.print(table);
        System.out.print(RESTART_LINES);
        append(section(table.toString()) + RESTART_LINES);
    }

    /** One run: {@code processed} is below {@code size} when the run was cut at {@code bench.max-seconds}. */
    private record Run(int size, long processed, double seconds, long decisions, Cost cost, long peakHeap,
            long peakRss, long stateBytes, PartitionMetrics metrics) {

        double perSecond() {
            return processed / seconds;
        }
    }

    private static String row(int size, List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Run::perSecond));
        Run median = sorted.get(sorted.size() / 2);
        String each = String.join(" / ", runs.stream()
                .map(r -> String.format(Locale.ROOT, "%,.0f", r.perSecond())).toList());
        PartitionMetrics m = median.metrics();
        String records = median.processed() < size
                ? String.format(Locale.ROOT, "%,d (cut at %,d)", size, median.processed())
                : String.format(Locale.ROOT, "%,d", size);
        Cost cost = median.cost();
        String accuracy = Double.isNaN(m.pairPrecision()) ? "— | — | —"
                : String.format(Locale.ROOT, "%.4f | %.4f | %.4f", m.pairPrecision(), m.pairRecall(), m.pairF1());
        return String.format(Locale.ROOT,
                "| %s | %d | **%,.0f** | %s | %.1f | %,d | %,.0f | %,.0f | %.1f | %d | %d | %d | %s |",
                records, runs.size(), median.perSecond(), each, median.seconds(), median.decisions(),
                cost.processNanos() / 1e3 / median.processed(), cost.resolverNanos() / 1e3 / median.processed(),
                (double) cost.changelogRecords() / median.processed(), median.peakHeap() >> 20,
                median.peakRss() >> 20, median.stateBytes() >> 20, accuracy);
    }

    private static String section(String table) {
        String title = FLOOR_WRITES > 0
                ? "Floor: the same topology shape without resolution, " + FLOOR_WRITES + " store write"
                        + (FLOOR_WRITES == 1 ? "" : "s") + " per record"
                : "Resolution throughput through a real broker";
        String what = FLOOR_WRITES > 0
                ? "`FloorTopology` (reads each record's JSON, writes it " + (FLOOR_WRITES == 1 ? "once" : FLOOR_WRITES + " times") + " to a changelogged"
                        + " RocksDB store, forwards it; no resolution) with the product's Kafka Streams settings"
                        + " processes them all"
                : "`IdentityStreams` as the product runs it (RocksDB stores, commit every "
                        + (COMMIT_MS > 0 ? COMMIT_MS : IdentityConfig.DEFAULT_COMMIT_INTERVAL.toMillis())
                        + " ms) resolves them all";
        return "\n## " + title + " (issue 3) (" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ")\n\n"
                + "Command: `./mvnw -pl identity-resolution -Pbench test -Dbench.sizes=" + System.getProperty(
                        "bench.sizes", "10000,100000")
                + " -Dbench.runs=" + System.getProperty("bench.runs", "3") + " -Dbench.xmx="
                + System.getProperty("bench.xmx", "1g")
                + (System.getProperty("bench.max-seconds") == null ? ""
                        : " -Dbench.max-seconds=" + System.getProperty("bench.max-seconds"))
                + (FLOOR_WRITES > 0 ? " -Dbench.floor-writes=" + FLOOR_WRITES : "")
                + (COMMIT_MS > 0 ? " -Dbench.commit-ms=" + COMMIT_MS : "")
                + (CACHED_FEATURES > 0 ? " -Dbench.cached-features=" + CACHED_FEATURES : "") + "`. Machine: "
                + Runtime.getRuntime().availableProcessors()
                + " cores, JDK " + Runtime.version() + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB; the broker runs in the same JVM. Data: `SyntheticPeople`, seed " + SEED + ", written to"
                + " `tessera.records` (one partition) before the clock starts; then " + what + ". records/s ="
                + " records ÷ time from RUNNING until the committed offset reaches the last record. Peak heap and RSS"
                + " sampled every 100 ms (broker included); state = the state directory at the end. CPU µs/record ="
                + " CPU time of the whole JVM (broker, producer threads and resolver) over the run ÷ records;"
                + " resolver µs/record = CPU time of the stream thread ÷ records; changelog writes/record = records"
                + " in the stores' changelog topics ÷ records (what the broker must take besides input and"
                + " decisions). The CPU figures are less noisy than records/s on a shared machine. Accuracy: the"
                + " latest decision per profile against the generator's truth, with the default parameters.\n\n"
                + table;
    }

    private static void append(String section) throws IOException {
        Path report = Path.of(System.getProperty("bench.report", "../docs/benchmarks.md"));
        if (Files.isRegularFile(report)) {
            Files.writeString(report, section, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static Run runOnce(int size) throws Exception {
        Path home = Files.createTempDirectory("tessera-throughput");
        try (StandaloneKafka kafka = StandaloneKafka.start(home.resolve("kafka"))) {
            createTopics(kafka.bootstrapServers());
            Map<String, String> truth = produce(kafka.bootstrapServers(), size);
            IdentityConfig defaults = IdentityConfig.defaults(kafka.bootstrapServers(), "ES", home.resolve("state"));
            IdentityConfig config = COMMIT_MS <= 0 ? defaults : new IdentityConfig(defaults.applicationId(),
                    defaults.bootstrapServers(), "ES", defaults.cardinalityCap(), defaults.stateDir(),
                    Duration.ofMillis(COMMIT_MS));
            if (CACHED_FEATURES > 0) {
                config = config.withCachedFeatures(CACHED_FEATURES);
            }
            PeakMemory memory = PeakMemory.start();
            long resolveNanos;
            long processed;
            long processNanos;
            long resolverNanos;
            try (Started running = start(config)) {
                KafkaStreams.State state;
                while ((state = running.state().get()) != KafkaStreams.State.RUNNING) {
                    if (state == KafkaStreams.State.ERROR) {
                        throw new IllegalStateException("The topology failed to start");
                    }
                    Thread.sleep(20);
                }
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                long resolverStart = streamThreadCpuNanos();
                processed = awaitCommitted(kafka.bootstrapServers(), config.applicationId(), size, MAX_SECONDS);
                resolveNanos = System.nanoTime() - start;
                processNanos = processCpuNanos() - cpuStart;
                resolverNanos = streamThreadCpuNanos() - resolverStart;
                printCpuByThread();
            } finally {
                memory.close();
            }
            long stateBytes = sizeOf(home.resolve("state"));
            Cost cost = new Cost(processNanos, resolverNanos, changelogRecords(kafka.bootstrapServers()));
            Outcome outcome = FLOOR_WRITES > 0 ? Outcome.NONE : readDecisions(kafka.bootstrapServers(), truth);
            if (RESTARTS) {
                // After the figures: the restarts add changes of their own.
                restarts(kafka.bootstrapServers(), config, size);
            }
            return new Run(size, processed, resolveNanos / 1e9, outcome.decisions(), cost, memory.peakHeap(),
                    memory.peakRss(), stateBytes, outcome.metrics());
        } finally {
            deleteRecursively(home);
        }
    }

    /**
     * Restarts resolution on the state a run left, as it was, with the derived stores deleted, and with no state at
     * all, and notes how long after each start one more change was processed: the group's wait for the stopped
     * member, the task's start, the rebuild of the index and profile members, and the restore of the changelogs.
     */
    private static void restarts(String bootstrap, IdentityConfig config, int size) throws Exception {
        double reused = secondsToProcessOneMore(bootstrap, config, size + 1L);
        Path task = config.stateDir().resolve(config.applicationId()).resolve("0_0").resolve("rocksdb");
        for (String store : List.of("identity-index", "identity-profile-members")) {
            deleteRecursively(task.resolve(store));
        }
        double rebuilt = secondsToProcessOneMore(bootstrap, config, size + 2L);
        deleteRecursively(config.stateDir().resolve(config.applicationId()));
        double restored = secondsToProcessOneMore(bootstrap, config, size + 3L);
        RESTART_LINES.append(String.format(Locale.ROOT, """

                Restarts on the state of %,d records (`-Dbench.restarts=true`): one more change was processed %.1f s
                after the start with the state as it was left, %.1f s after the start with the index and profile
                members deleted (rebuilt from the changelogged stores when the task starts), and %.1f s after the
                start with the whole state directory deleted (as after a crash, which exactly-once wipes, or on a new
                machine: the changelogs restored, then the rebuild). Each includes joining the group, which may wait
                for the stopped member up to the session timeout (10 s). The rebuild's own time is in the log:
                "Rebuilt the resolution index (… entries) … in … ms".
                """, size, reused, rebuilt, restored));
    }

    private static double secondsToProcessOneMore(String bootstrap, IdentityConfig config, long offset)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            SourceRecord another = SyntheticPeople.stream(SEED + offset, 1).findFirst().orElseThrow().record();
            producer.send(new ProducerRecord<>(Topics.RECORDS.name(), another.key().asString(),
                    RECORDS.serialize(Topics.RECORDS.name(), another))).get();
        }
        long start = System.nanoTime();
        try (Started ignored = start(config)) {
            long processed = awaitCommitted(bootstrap, config.applicationId(), offset, MAX_SECONDS);
            if (processed < offset) {
                throw new IllegalStateException("The restarted topology processed nothing within " + MAX_SECONDS + " s");
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** CPU spent during a run: by the whole JVM, by the stream thread, and the changelog records written. */
    private record Cost(long processNanos, long resolverNanos, long changelogRecords) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the Kafka Streams threads (one with the default configuration). */
    private static long streamThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** Prints the CPU seconds of the JVM's threads since they started, grouped by name ({@link CpuSnapshot}). */
    private static void printCpuByThread() {
        System.out.println("CPU s by thread: [" + CpuSnapshot.ofThisJvm().since(new CpuSnapshot(Map.of()), 0.5) + "]");
    }

    /** Records in the state stores' changelog topics (their end offsets: nothing is compacted away in a run). */
    private static long changelogRecords(String bootstrap) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.endsWith("-changelog")) {
                    ends.put(new TopicPartition(topic, 0), OffsetSpec.latest());
                }
            }
            long total = 0;
            Map<String, Long> byTopic = new TreeMap<>();
            for (var end : admin.listOffsets(ends).all().get().entrySet()) {
                total += end.getValue().offset();
                byTopic.put(end.getKey().topic(), end.getValue().offset());
            }
            System.out.println("Changelog records by topic: " + byTopic);
            return total;
        }
    }

    private static void createTopics(String bootstrap) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.RECORDS.name(), 1, (short) 1),
                    new NewTopic(Topics.IDENTITY.name(), 1, (short) 1),
                    new NewTopic(Topics.DEAD_LETTER.name(), 1, (short) 1))).all().get();
        }
    }

    /** Writes the records; returns the true person of each record key. */
    private static Map<String, String> produce(String bootstrap, int size) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        Map<String, String> truth = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            SyntheticPeople.stream(SEED, size).forEach(labelled -> {
                String key = labelled.record().key().asString();
                truth.put(key, SyntheticPeople.personId(labelled.person()));
                byte[] value = RECORDS.serialize(Topics.RECORDS.name(),
                        labelled.record());
                producer.send(new ProducerRecord<>(Topics.RECORDS.name(), key, value));
            });
            producer.flush();
        }
        return truth;
    }

    /** Waits until the group committed the last record, or the time is up; returns the records committed. */
    private static long awaitCommitted(String bootstrap, String group, long size, long maxSeconds) throws Exception {
        TopicPartition partition = new TopicPartition(Topics.RECORDS.name(), 0);
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                long offset = committed == null ? 0 : committed.offset();
                if (offset >= size || System.nanoTime() > deadline) {
                    return offset;
                }
                Thread.sleep(100);
            }
        }
    }

    private record Outcome(PartitionMetrics metrics, long decisions) {
        /** The floor topology resolves nothing. */
        static final Outcome NONE = new Outcome(
                new PartitionMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0), 0);
    }

    /**
     * Starts resolution as the product runs it, or with {@code bench.floor-writes} set, {@link FloorTopology}
     * with that many store writes per record and the same settings.
     */
    private static Started start(IdentityConfig config) {
        if (FLOOR_WRITES <= 0) {
            IdentityStreams streams = IdentityStreams.start(config, PRIVACY);
            return new Started(streams, streams::state);
        }
        KafkaStreams streams = new KafkaStreams(FloorTopology.build(FLOOR_WRITES, PRIVACY), config.streamsProperties());
        streams.start();
        return new Started(streams, streams::state);
    }

    /** A running topology and how to ask its state. */
    private record Started(AutoCloseable handle, Supplier<KafkaStreams.State> state) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            handle.close();
        }
    }

    /** Folds the decisions (latest per profile wins, no members = retired) into the final partition. */
    private static Outcome readDecisions(String bootstrap, Map<String, String> truth) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, List<String>> profiles = new HashMap<>();
        long decisions = 0;
        TopicPartition partition = new TopicPartition(Topics.IDENTITY.name(), 0);
        try (KafkaConsumer<String, IdentityDecision> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                PRIVACY.decisions().deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, IdentityDecision> record : consumer.poll(Duration.ofSeconds(1))) {
                    decisions++;
                    IdentityDecision decision = record.value();
                    if (decision.members().isEmpty()) {
                        profiles.remove(decision.profileId());
                    } else {
                        profiles.put(decision.profileId(), decision.members().stream()
                                .map(ProfileMember::record).map(r -> r.key().asString()).toList());
                    }
                }
            }
        }
        // Only the records resolved (before a cut) are evaluated.
        List<List<String>> clusters = List.copyOf(profiles.values());
        Map<String, String> resolved = new HashMap<>();
        clusters.forEach(cluster -> cluster.forEach(key -> resolved.put(key, truth.get(key))));
        return new Outcome(Evaluator.evaluate(clusters, resolved), decisions);
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
