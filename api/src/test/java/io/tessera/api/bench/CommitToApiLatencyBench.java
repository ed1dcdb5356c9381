package io.tessera.api.bench;

import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;

import io.tessera.api.RunningTessera;
import io.tessera.contracts.Topics;
import io.tessera.identity.stream.IdentityConfig;
import io.tessera.infra.bench.CpuSnapshot;
import io.tessera.infra.bench.LoadAverage;
import io.tessera.infra.demo.CrmPartner;
import io.tessera.infra.demo.DemoDataGenerator;
import io.tessera.projections.profile.query.ProfileProjection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * Measures the end-to-end path on the embedded stack: from a commit in a source database to the change being visible
 * through the REST API.
 * <ol>
 *   <li>One change at a time: a CRM insert, then an ERP insert with the same email (a merge), each polled every
 *       5 ms ({@code bench.changes} of each kind).</li>
 *   <li>Under load: {@code bench.bulk} CRM rows of people the demo generator makes (realistic names, mailboxes,
 *       phones and addresses, with its noise and duplicates) committed as fast as PostgreSQL takes them, in
 *       transactions of {@code bench.batch} rows. Changes/s = rows ÷ time from the first commit until the last row is visible. A watcher polls
 *       the last row of the oldest batch not yet visible; its commit-to-visible time is the latency of every row of
 *       that batch (an upper bound for the others: one partition keeps their order).</li>
 * </ol>
 * During the bulk load it also watches Tessera's event store ({@link EventStoreWatch}): how many events the decisions
 * appended and how fast, and how far the profile projection trailed the store's head.
 * Run with {@code ./mvnw -pl api -Pbench verify}; appends its figures to docs/benchmarks.md. Not a test: it asserts
 * nothing and is excluded from the default build.
 */
class CommitToApiLatencyBench {

    private static final int CHANGES = Integer.getInteger("bench.changes", 500);
    private static final int BULK = Integer.getInteger("bench.bulk", 20_000);
    private static final int BATCH = Integer.getInteger("bench.batch", 200);
    private static final long BULK_SEED = 7_771L;
    /**
     * Rows of other people loaded the same way before the measured bulk, so that it measures the pipeline warmed up
     * (the JIT compilers took a quarter of the machine's CPU during a first bulk), as it runs after its first minutes;
     * 0 for none. Reported too.
     */
    private static final int WARMUP = Integer.getInteger("bench.warmup", BULK);
    private static final long WARMUP_SEED = 7_772L;
    /** The design's end-to-end target: source changes per second from CDC to updated profile. */
    private static final int TARGET_CHANGES_PER_SECOND = 5_000;

    @Test
    void commitToApiLatency() throws Exception {
        String loadAtStart = LoadAverage.now();
        RunningTessera.get();
        awaitDemoLoaded();
        List<Long> insertMs = new ArrayList<>();
        List<Long> mergeMs = new ArrayList<>();
        try (Connection crm = RunningTessera.crm(); Connection erp = RunningTessera.erp()) {
            PreparedStatement crmInsert = crm.prepareStatement(
                    "INSERT INTO res_partner (name, email, country_id) VALUES (?, ?, 1) RETURNING id");
            PreparedStatement erpInsert = erp.prepareStatement("INSERT INTO `tabCustomer` (name, creation, modified, "
                    + "customer_name, customer_type, email_id, territory) VALUES (?, NOW(6), NOW(6), ?, 'Individual', ?, 'Spain')");
            for (int i = 0; i < CHANGES; i++) {
                String email = "bench" + i + "." + System.nanoTime() + "@latency-bench.es";
                crmInsert.setString(1, "Bench Person " + i);
                crmInsert.setString(2, email);
                long start = System.nanoTime();
                long id;
                try (ResultSet rs = crmInsert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                String path = "/api/v1/records/crm/res_partner/" + id + "/profile";
                poll(() -> getAsAdmin(path).statusCode() == 200, 5);
                insertMs.add((System.nanoTime() - start) / 1_000_000);

                erpInsert.setString(1, "CUST-BENCH-" + id);
                erpInsert.setString(2, "BENCH PERSON " + i);
                erpInsert.setString(3, email.toUpperCase());
                start = System.nanoTime();
                erpInsert.executeUpdate();
                poll(() -> {
                    var response = getAsAdmin(path);
                    return response.statusCode() == 200 && json(response).get("records").size() == 2;
                }, 5);
                mergeMs.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        List<Long> oneAtATime = new ArrayList<>(insertMs);
        oneAtATime.addAll(mergeMs);
        Bulk warmup = WARMUP > 0 ? bulk(WARMUP, WARMUP_SEED) : null;
        Bulk bulk = bulk(BULK, BULK_SEED);
        String loadAtEnd = LoadAverage.now();
        String report = String.format("""

                ## Commit in a source → visible in the REST API (%s)
                Command: `./mvnw -pl api -Pbench verify -Dbench.changes=%d -Dbench.bulk=%d -Dbench.batch=%d -Dbench.warmup=%d` (embedded
                stack, %d demo people loaded first). Machine: %d cores, %s, JDK %s.

                One change at a time (%d changes of each kind, API polled every 5 ms):

                | change | p50 | p90 | p99 | max |
                |---|---|---|---|---|
                | CRM insert → new profile visible | %s |
                | ERP insert with the same email → merged profile visible | %s |
                | all %d changes | %s |

                %sUnder load: %,d CRM rows of demo-generated people (%,d of them repeat an email of another) committed in transactions of
                %d rows in %.1f s; the last visible after %.1f s: **%,.0f changes/s end to end**.

                | change | p50 | p90 | p99 | max |
                |---|---|---|---|---|
                | commit → visible, under load (%,d changes) | %s |

                Seconds from the first commit until each stage had all the rows: %s.

                CPU seconds used on the machine from the first commit until the last row was visible, %.1f in all
                (%.2f ms per change; this JVM's threads grouped by name, other processes by kind; 0.5 s or more): %s.
                %s""", LocalDateTime.now().withNano(0), CHANGES, BULK, BATCH, WARMUP, RunningTessera.DEMO_PEOPLE,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getName(),
                Runtime.version(), CHANGES, stats(insertMs), stats(mergeMs), oneAtATime.size(), stats(oneAtATime),
                warmupLine(warmup), BULK, bulk.merges(), BATCH, bulk.commitSeconds(), bulk.visibleSeconds(), BULK / bulk.visibleSeconds(),
                bulk.latencies().size(), stats(bulk.latencies()), stagesLine(bulk.stageSeconds()),
                bulk.cpu().total() - bulk.cpuBefore().total(),
                (bulk.cpu().total() - bulk.cpuBefore().total()) * 1000 / BULK, bulk.cpu().since(bulk.cpuBefore(), 0.5),
                eventStoreReport(bulk, loadAtStart, loadAtEnd));
        System.out.println(report);
        Path file = Path.of("..", "docs", "benchmarks.md");
        if (!Files.exists(file)) {
            Files.writeString(file, "# Benchmarks\n\nFigures measured on this project's machines; newest last.\n");
        }
        Files.writeString(file, report, StandardOpenOption.APPEND);
    }

    /** What the warm-up bulk measured, or nothing without one. */
    private static String warmupLine(Bulk warmup) {
        if (warmup == null) {
            return "No warm-up: the bulk below is the first load of a fresh JVM.\n\n";
        }
        return String.format(Locale.ROOT, """
                Warm-up first: %,d CRM rows of other people (another seed), loaded the same way, the last visible after \
                %.1f s (%,.0f changes/s, with the JIT compiling: CPU s %s). The figures below are for the bulk after it.

                """, WARMUP, warmup.visibleSeconds(), WARMUP / warmup.visibleSeconds(),
                warmup.cpu().since(warmup.cpuBefore(), 2.0));
    }

    /** What the run under load measured; a latency per row. */
    private record Bulk(int merges, double commitSeconds, double visibleSeconds, List<Long> latencies,
                        Map<String, Double> stageSeconds, Instant start, EventStoreWatch.Figures store,
                        CpuSnapshot cpuBefore, CpuSnapshot cpu) {
    }

    /** A committed batch: the path of its last row and when it was committed. */
    private record Committed(String lastRowPath, long committedAt, int rows) {
    }

    private static Bulk bulk(int bulkRows, long seed) throws Exception {
        BlockingQueue<Committed> pending = new LinkedBlockingQueue<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long[] lastVisible = new long[1];
        Thread watcher = Thread.ofPlatform().name("bench-watcher").start(() -> {
            try {
                for (int seen = 0; seen < bulkRows; ) {
                    Committed batch = pending.take();
                    poll(() -> getAsAdmin(batch.lastRowPath()).statusCode() == 200, 50);
                    long now = System.nanoTime();
                    long ms = (now - batch.committedAt()) / 1_000_000;
                    for (int i = 0; i < batch.rows(); i++) {
                        latencies.add(ms);
                    }
                    seen += batch.rows();
                    lastVisible[0] = now;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<CrmPartner> partners = bulkPartners(bulkRows, seed);
        List<String> emails = partners.stream().map(CrmPartner::email).filter(java.util.Objects::nonNull).toList();
        int merges = emails.size() - (int) emails.stream().distinct().count();
        Stages stages = new Stages(bulkRows);
        EventStoreWatch store = new EventStoreWatch();
        CpuSnapshot cpuBefore = CpuSnapshot.ofMachine("tessera: ");
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        stages.start(start);
        store.start();
        try (Connection crm = RunningTessera.crm()) {
            crm.setAutoCommit(false);
            PreparedStatement insert = crm.prepareStatement("""
                    INSERT INTO res_partner (name, email, phone, mobile, street, street2, zip, city, country_id,
                                             is_company, vat, commercial_company_name)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""");
            for (int done = 0; done < bulkRows; ) {
                long lastId = 0;
                int rows = Math.min(BATCH, bulkRows - done);
                for (int i = 0; i < rows; i++) {
                    CrmPartner p = partners.get(done + i);
                    insert.setString(1, p.name());
                    insert.setString(2, p.email());
                    insert.setString(3, p.phone());
                    insert.setString(4, p.mobile());
                    insert.setString(5, p.street());
                    insert.setString(6, p.street2());
                    insert.setString(7, p.zip());
                    insert.setString(8, p.city());
                    insert.setInt(9, p.countryId());
                    insert.setBoolean(10, p.company());
                    insert.setString(11, p.vat());
                    insert.setString(12, p.commercialCompanyName());
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        lastId = rs.getLong(1);
                    }
                }
                crm.commit();
                pending.add(new Committed("/api/v1/records/crm/res_partner/" + lastId + "/profile",
                        System.nanoTime(), rows));
                done += rows;
            }
        }
        double commitSeconds = (System.nanoTime() - start) / 1e9;
        watcher.join(Duration.ofMinutes(30));
        CpuSnapshot cpu = CpuSnapshot.ofMachine("tessera: ");
        EventStoreWatch.Figures storeFigures = store.finish(Duration.ofMinutes(2));
        Map<String, Double> stageSeconds = stages.stop();
        if (watcher.isAlive() || latencies.size() < bulkRows) {
            watcher.interrupt();
            throw new IOException("Only " + latencies.size() + " of " + bulkRows + " rows became visible");
        }
        return new Bulk(merges, commitSeconds, (lastVisible[0] - start) / 1e9, new ArrayList<>(latencies),
                stageSeconds, startedAt, storeFigures, cpuBefore, cpu);
    }

    /**
     * Watches, every 100 ms, how far each stage of the pipeline has got with the bulk's rows, and notes when each has
     * all of them: written to {@code tessera.records} (captured), read by resolution (resolved), every decision
     * applied to the profiles (applied), and every row in the read model (visible).
     */
    private static final class Stages {

        private final int rows;
        private final Map<String, Double> doneAt = new LinkedHashMap<>();
        private final Admin admin;
        private final Connection tessera;
        private final TopicPartition records = new TopicPartition(Topics.RECORDS.name(), 0);
        private final TopicPartition identity = new TopicPartition(Topics.IDENTITY.name(), 0);
        private final long recordsBase;
        private final long readModelBase;
        private Long identityTarget;
        private Thread thread;
        private volatile boolean running = true;

        Stages(int rows) throws Exception {
            this.rows = rows;
            this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    RunningTessera.get().stack().endpoints().kafkaBootstrapServers()));
            this.tessera = RunningTessera.tessera();
            this.recordsBase = endOffset(records);
            this.readModelBase = readModelRows();
        }

        void start(long startNanos) {
            thread = Thread.ofPlatform().name("bench-stages").start(() -> {
                while (running && doneAt.size() < 4) {
                    try {
                        sample((System.nanoTime() - startNanos) / 1e9);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        System.err.println("Stage sample failed: " + e);
                    }
                }
            });
        }

        private void sample(double seconds) throws Exception {
            if (!doneAt.containsKey("captured") && endOffset(records) >= recordsBase + rows) {
                doneAt.put("captured", seconds);
            }
            if (doneAt.containsKey("captured") && !doneAt.containsKey("resolved")
                    && committed(resolutionGroup(), records) >= recordsBase + rows) {
                doneAt.put("resolved", seconds);
                identityTarget = endOffset(identity);
            }
            if (identityTarget != null && !doneAt.containsKey("applied")
                    && committed("tessera-projections", identity) >= identityTarget) {
                doneAt.put("applied", seconds);
            }
            if (!doneAt.containsKey("visible") && readModelRows() >= readModelBase + rows) {
                doneAt.put("visible", seconds);
            }
        }

        Map<String, Double> stop() throws Exception {
            running = false;
            thread.join(Duration.ofSeconds(5));
            admin.close();
            tessera.close();
            return doneAt;
        }

        private long endOffset(TopicPartition partition) throws Exception {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }

        private String resolutionGroup() throws Exception {
            return admin.listConsumerGroups().all().get().stream()
                    .map(group -> group.groupId())
                    .filter(id -> id.startsWith(IdentityConfig.DEFAULT_APPLICATION_ID))
                    .findFirst().orElseThrow();
        }

        private long committed(String group, TopicPartition partition) throws Exception {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            return offset == null ? -1 : offset.offset();
        }

        private long readModelRows() throws SQLException {
            try (Statement sql = tessera.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT count(*) FROM profile_record")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * CRM partners of people the demo does not hold: the demo generator's realistic names, mailboxes, phones and
     * addresses with its noise, from another seed, contacts without their company link.
     */
    private static List<CrmPartner> bulkPartners(int rows, long seed) {
        int people = rows;
        while (true) {
            List<CrmPartner> partners = new DemoDataGenerator(seed).generate(people).crmPartners();
            if (partners.size() >= rows) {
                return partners.subList(0, rows);
            }
            people *= 2;
        }
    }

    static void awaitDemoLoaded() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            var response = getAsAdmin("/api/v1/profiles/export");
            if (response.statusCode() == 200 && response.body().lines().count() > RunningTessera.DEMO_PEOPLE) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("The demo data did not load within 5 minutes");
    }

    private static void poll(java.util.function.BooleanSupplier condition, long everyMs) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The change did not become visible within 10 minutes");
            }
            Thread.sleep(everyMs);
        }
    }

    /** The event store's figures for the bulk: a table, how they are measured, and what they mean for the target. */
    private static String eventStoreReport(Bulk bulk, String loadAtStart, String loadAtEnd) {
        EventStoreWatch.Figures store = bulk.store();
        List<Long> lag = new ArrayList<>(store.lag());
        Collections.sort(lag);
        double perChange = (double) store.appended() / BULK;
        double needed = perChange * TARGET_CHANGES_PER_SECOND;
        String caughtUp = store.caughtUp() == null ? "not within 2 min"
                : String.format(Locale.ROOT, "%.1f s", store.catchUpSeconds());
        String gaps = store.rows() == store.appended() ? ""
                : String.format(" (%,d rows: the rest are gaps in the sequence)", store.rows());
        String unknown = store.unknownPositions() == 0 ? ""
                : String.format(" %d samples found a replay token without a position and are left out.",
                        store.unknownPositions());
        return String.format(Locale.ROOT, """

                Event store and profile projection during the bulk (Tessera's PostgreSQL, sampled every 100 ms):

                | events appended | per source change | applying phase | events/s | projection lag p50 | p99 | max | token at the last event after |
                |---:|---:|---|---:|---:|---:|---:|---:|
                | %,d | %.2f | %.1f → %.1f s | **%,.0f** | %,d events | %,d events | %,d events | %s |

                Events appended = rise of `max(globalindex)` in `domainevententry`%s. Applying phase = the bulk's first to
                last event by the events' own `timestamp` (taken when a command applies the event, before its transaction
                commits), in seconds from the first commit; events/s = events ÷ that time. Lag = the store's head minus
                the `index` of the `%s` token, over the %d samples from the first event of the bulk until the token
                reached the last one; that moment is sampled (up to 0.1 s late) and counted from the last event's
                timestamp.%s Decisions waiting for the decision consumer (offsets of `%s` it had not committed,
                transaction markers included): at most %,d.

                At %.2f events per source change, %,d source changes/s needs about %,.0f events/s appended and projected;
                this run appended %,.0f events/s (%.0f%% of that). Load average (1, 5, 15 min) at the bench's start %s,
                after the bulk %s.
                """, store.appended(), perChange,
                Duration.between(bulk.start(), store.firstEvent()).toMillis() / 1e3,
                Duration.between(bulk.start(), store.lastEvent()).toMillis() / 1e3, store.eventsPerSecond(),
                at(lag, 0.50), at(lag, 0.99), lag.getLast(), caughtUp, gaps,
                ProfileProjection.PROCESSING_GROUP, lag.size(), unknown,
                Topics.IDENTITY.name(), store.decisionsWaitingMax(), perChange, TARGET_CHANGES_PER_SECOND, needed,
                store.eventsPerSecond(), 100 * store.eventsPerSecond() / needed, loadAtStart, loadAtEnd);
    }

    private static String stagesLine(Map<String, Double> stages) {
        StringBuilder line = new StringBuilder();
        stages.forEach((stage, seconds) -> line.append(line.isEmpty() ? "" : ", ")
                .append(String.format(java.util.Locale.ROOT, "%s %.1f", stage, seconds)));
        return line.toString();
    }

    private static String stats(List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return String.format("%d ms | %d ms | %d ms | %d ms", at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                sorted.getLast());
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
