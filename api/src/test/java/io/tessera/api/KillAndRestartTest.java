package io.tessera.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Json;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.infra.demo.DemoCountry;
import io.tessera.infra.demo.DemoDataGenerator;
import io.tessera.infra.demo.DemoDataset;
import io.tessera.infra.demo.DemoSeeder;
import io.tessera.infra.demo.ErpAddress;
import io.tessera.infra.demo.ErpCustomer;
import io.tessera.infra.embedded.DatabaseEndpoint;
import io.tessera.infra.embedded.EmbeddedStack;
import io.tessera.infra.embedded.StackComponent;
import io.tessera.infra.embedded.StackSettings;
import io.tessera.projections.privacy.KeyEncryptionKey;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.projections.profile.api.ConsentStated;
import io.tessera.projections.profile.api.ProfileCreated;
import io.tessera.projections.profile.api.ProfileErased;
import io.tessera.projections.profile.api.ProfileEvent;
import io.tessera.projections.profile.api.ProfileMergedInto;
import io.tessera.projections.profile.api.ProfileRetired;
import io.tessera.projections.profile.api.ProfileSplit;
import io.tessera.projections.profile.api.ProfilesMerged;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.api.RecordUpdated;
import io.tessera.projections.profile.api.SuppressionLifted;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Restart safety: Tessera killed with SIGKILL during the initial snapshot of a source, and again while changes stream
 * in, then started on the same configuration and state, ends with the profiles of an uninterrupted run: no change
 * lost, none applied twice. One exception is known and tolerated (logged, not failed): the changes of the last
 * batch Kafka accepted before the capture's offsets reached disk are captured again, which shows in histories as a
 * stretch applied twice ({@link #isOneStretchAppliedTwice}); the final state must still be identical.
 *
 * <p>Real servers only. This JVM owns them (the CRM PostgreSQL, Elasticsearch, and a PostgreSQL and a Kafka for each
 * Tessera), so that a kill takes nothing down but Tessera itself. Two Tesseras run side by side as processes of their
 * own, exactly as {@code bin/tessera run --config FILE} runs them, and capture the same CRM through their own
 * replication slots: the <em>reference</em> is never interrupted, the <em>killed</em> one is killed twice. Both see
 * the same source changes in the same order, so every difference between them is the kills' doing. The comparison
 * is what a user sees: the partition of records into profiles (with their ids) through the export API, each record's
 * latest values, the profile summaries, the search index, and each profile's history of membership changes. Both are
 * also checked against the CRM itself: every row present with its latest values, deleted rows gone.
 *
 * <p>The CRM is the demo's Odoo-style {@code res_partner}, seeded by the demo generator with its partners and, as a
 * second import, the ERP's customers of the same people, so that hundreds of profiles hold more than one record. The
 * stream of changes then merges and splits profiles, inserts and deletes records.
 */
class KillAndRestartTest {

    private static final Logger log = LoggerFactory.getLogger(KillAndRestartTest.class);

    private static final int PEOPLE = 700;
    private static final String ADMIN_PASSWORD = "restart-secret";
    /** From a restart to the last change visible: a restarted consumer may wait out its dead predecessor's session. */
    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    private static final int STREAMED_CHANGES = 300;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path dir;
    private static EmbeddedStack servers;
    private static EmbeddedStack referenceServers;
    private static Instance killed;
    private static Instance reference;
    /** Whether the test passed: the servers' data (some 400 MB) is kept only to look into a failure. */
    private static boolean passed;

    /** One Tessera: its process and the stores behind what it shows. */
    private record Instance(String name, TesseraProcess process, DatabaseEndpoint database, URI elasticsearch,
                            String index, Path keyEncryptionKey) {
    }

    @BeforeAll
    static void startServers() throws Exception {
        dir = Path.of("target", "kill-and-restart-" + ProcessHandle.current().pid()).toAbsolutePath();
        // Both stacks start at once; each starts its own servers in parallel.
        CompletableFuture<EmbeddedStack> second = CompletableFuture.supplyAsync(() -> EmbeddedStack.start(
                StackSettings.ephemeral(dir.resolve("reference-servers"))
                        .only(StackComponent.TESSERA_POSTGRES, StackComponent.KAFKA)));
        try {
            servers = EmbeddedStack.start(StackSettings.ephemeral(dir.resolve("servers")).only(
                    StackComponent.TESSERA_POSTGRES, StackComponent.CRM_POSTGRES, StackComponent.KAFKA,
                    StackComponent.ELASTICSEARCH));
        } finally {
            referenceServers = second.join();
        }
        int rows = seedCrm();
        log.info("CRM seeded with {} res_partner rows", rows);
        killed = instance("killed", servers);
        reference = instance("reference", referenceServers);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Instance instance : new Instance[] {killed, reference}) {
            if (instance != null) {
                instance.process().close();
            }
        }
        for (EmbeddedStack stack : new EmbeddedStack[] {referenceServers, servers}) {
            if (stack != null) {
                stack.close();
            }
        }
        if (passed) {
            // The Tesseras' logs and state stay; the servers' data goes.
            for (String folder : new String[] {"servers", "reference-servers"}) {
                try (Stream<Path> files = Files.walk(dir.resolve(folder))) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
        }
    }

    @Test
    void killedDuringSnapshotAndDuringStreamingEndsWithTheProfilesOfAnUninterruptedRun() throws Exception {
        long begin = System.nanoTime();
        try (ExecutorService starts = Executors.newFixedThreadPool(2)) {
            Future<?> referenceStart = starts.submit(() -> {
                reference.process().start();
                return null;
            });
            killed.process().start();
            killDuringSnapshot();
            referenceStart.get();
        }
        killed.process().start();
        log.info("Restarted {} after the kill during the snapshot", killed.name());
        compareAfterCatchingUp("after a kill during the snapshot");

        List<Step> script = script(new Random(20_260_404L));
        AtomicInteger applied = new AtomicInteger();
        try (ExecutorService writer = Executors.newSingleThreadExecutor()) {
            Future<?> firstHalf = writer.submit(() -> {
                apply(script.subList(0, STREAMED_CHANGES / 2), applied);
                return null;
            });
            killDuringStreaming(applied);
            // The source goes on changing while Tessera is down.
            firstHalf.get();
        }
        killed.process().start();
        log.info("Restarted {} after the kill during streaming; applying the remaining changes", killed.name());
        apply(script.subList(STREAMED_CHANGES / 2, script.size()), applied);
        compareAfterCatchingUp("after a kill during streaming");
        // Resumed from its offsets: a new snapshot would miss the rows deleted while it was down (issue #4, offsets
        // lost by a kill during their write), even when no delete happened to fall in that window.
        assertThat(crmStatus(killed).get("snapshotRows").asLong())
                .as("rows snapshotted again after the kill during streaming: %s", crmStatus(killed)).isZero();
        passed = true;
        log.info("Kill and restart test done in {} s", (System.nanoTime() - begin) / 1_000_000_000);
    }

    /** Kills the process once part of the snapshot is delivered, before its last row. */
    private static void killDuringSnapshot() throws Exception {
        int total = crmRowCount();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode crm = crmStatus(killed);
            long rows = crm.get("snapshotRows").asLong();
            // The row count too: the status misses the end of a snapshot whose last row is the heartbeat table's.
            if (crm.get("snapshotCompleted").asBoolean() || rows >= total) {
                throw new AssertionError("The snapshot of " + total + " rows completed before the test could kill "
                        + "Tessera during it (" + rows + " rows seen); slow it down with a smaller max.batch.size");
            }
            if (rows >= Math.min(100, total / 10)) {
                killed.process().kill();
                assertThat(killed.process().exitValue()).as("exit code of SIGKILL").isEqualTo(137);
                log.info("Killed {} during the snapshot: {} of {} rows delivered", killed.name(), rows, total);
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("The snapshot of " + killed.name() + " did not start within 60 s: "
                + crmStatus(killed));
    }

    /**
     * Kills the process while changes stream in, a fifth of the way through them, just after it delivered a batch of
     * them: the batches since its last offset flush are read again after the restart.
     */
    private static void killDuringStreaming(AtomicInteger applied) throws Exception {
        long before = crmStatus(killed).get("mapped").asLong();
        while (applied.get() < STREAMED_CHANGES / 5) {
            Thread.sleep(5);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long seen = crmStatus(killed).get("mapped").asLong();
        long mapped;
        while ((mapped = crmStatus(killed).get("mapped").asLong()) == seen) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(killed.name() + " captured no change for 30 s: " + crmStatus(killed));
            }
        }
        killed.process().kill();
        assertThat(killed.process().exitValue()).as("exit code of SIGKILL").isEqualTo(137);
        log.info("Killed {} during streaming after {} changes were committed ({} captured since the restart)",
                killed.name(), applied.get(), mapped - before);
    }

    private static JsonNode crmStatus(Instance instance) {
        for (JsonNode source : instance.process().getJson("/api/v1/sources")) {
            if (source.get("name").asText().equals("crm")) {
                return source;
            }
        }
        throw new AssertionError(instance.name() + " reports no source crm");
    }

    // ---- comparison --------------------------------------------------------------------------------------------

    /**
     * Waits until both Tesseras show every CRM row with its latest values (and nothing else) in the read model and
     * the search index, then compares everything a user sees between them.
     */
    private static void compareAfterCatchingUp(String when) throws Exception {
        long start = System.nanoTime();
        long deadline = start + CATCH_UP.toNanos();
        Map<String, Expected> source;
        Observed killedView;
        Observed referenceView;
        while (true) {
            source = sourceRows();
            killedView = observe(killed);
            referenceView = observe(reference);
            List<String> killedLag = killedView.differencesFrom(source);
            List<String> referenceLag = referenceView.differencesFrom(source);
            if (killedLag.isEmpty() && referenceLag.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(when + ": after " + CATCH_UP.toSeconds() + " s the profiles still differ "
                        + "from the CRM.\n" + killed.name() + ": " + summary(killed, killedLag) + "\n"
                        + reference.name() + ": " + summary(reference, referenceLag) + "\n"
                        // snapshotRows above 0 after the streaming restart: a new snapshot, which misses deletes.
                        + "capture of crm: " + killed.name() + " " + crmStatus(killed) + ", " + reference.name()
                        + " " + crmStatus(reference));
            }
            Thread.sleep(1000);
        }
        log.info("{}: both caught up with {} CRM rows in {} s", when, source.size(),
                (System.nanoTime() - start) / 1_000_000_000);
        Lineage killedLineage = lineage(killed);
        Lineage referenceLineage = lineage(reference);
        Map<String, List<String>> killedHistory = killedLineage.memberships();
        Map<String, List<String>> referenceHistory = referenceLineage.memberships();
        Map<String, List<Content>> killedValues = killedLineage.values();
        Map<String, List<Content>> referenceValues = referenceLineage.values();

        // The history the API shows, for the profiles whose membership changed most.
        List<String> busiest = referenceHistory.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(40).map(Map.Entry::getKey).toList();
        Map<String, List<String>> killedExplained = new TreeMap<>();
        Map<String, List<String>> referenceExplained = new TreeMap<>();
        for (String profile : busiest) {
            killedExplained.put(profile, explainedHistory(killed, profile));
            referenceExplained.put(profile, explainedHistory(reference, profile));
        }

        // Every difference at once: each says something else about what went wrong.
        Observed k = killedView;
        Observed r = referenceView;
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(onlyInFirst(partition(k.profileOfRecord()), partition(r.profileOfRecord())))
                    .as("%s: groups of records that are a profile only after the kills", when).isEmpty();
            softly.assertThat(onlyInFirst(partition(r.profileOfRecord()), partition(k.profileOfRecord())))
                    .as("%s: groups of records that are a profile only in the uninterrupted run", when).isEmpty();
            softly.assertThat(differingEntries(k.profileOfRecord(), r.profileOfRecord()))
                    .as("%s: records in another profile than in the uninterrupted run (killed vs reference)", when)
                    .isEmpty();
            softly.assertThat(differingEntries(k.contents(), r.contents()))
                    .as("%s: records with other values (killed vs reference)", when).isEmpty();
            softly.assertThat(onlyInFirst(k.relations(), r.relations()))
                    .as("%s: relations only after the kills", when).isEmpty();
            softly.assertThat(onlyInFirst(r.relations(), k.relations()))
                    .as("%s: relations only in the uninterrupted run", when).isEmpty();
            softly.assertThat(differingEntries(k.recordCounts(), r.recordCounts()))
                    .as("%s: profile summaries (record counts, killed vs reference)", when).isEmpty();
            softly.assertThat(differingEntries(k.searchCounts(), r.searchCounts()))
                    .as("%s: search documents (record counts, killed vs reference)", when).isEmpty();
            softly.assertThat(differingSequences(killedExplained, referenceExplained, when + ", explain API"))
                    .as("%s: profile histories in the explain API (killed vs reference)", when).isEmpty();
            softly.assertThat(differingSequences(killedHistory, referenceHistory, when + ", membership events"))
                    .as("%s: profiles whose membership events differ (killed vs reference)", when).isEmpty();
            softly.assertThat(differingSequences(killedValues, referenceValues, when + ", record versions"))
                    .as("%s: records whose values went through other versions than in the uninterrupted run, e.g. "
                            + "an older version coming back: a change applied twice (killed vs reference)", when)
                    .isEmpty();
        });
        log.info("{}: {} profiles of {} records identical, with {} membership events", when,
                referenceView.recordCounts().size(), referenceView.profileOfRecord().size(),
                referenceHistory.values().stream().mapToInt(List::size).sum());
    }

    /** The membership changes {@code GET /profiles/{id}/explain} lists, without times and decision ids. */
    private static List<String> explainedHistory(Instance instance, String profile) {
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : instance.process().getJson("/api/v1/profiles/" + profile + "/explain").get("history")) {
            entries.add(entry.get("type").asText() + " +" + entry.get("joined") + " -" + entry.get("left") + " "
                    + entry.get("otherProfiles"));
        }
        return entries;
    }

    /**
     * The first differences; a record missing or shown after its delete says where the event store has it, which
     * tells a read model that went wrong from a change lost before the events.
     */
    private static String summary(Instance instance, List<String> differences) throws SQLException, IOException {
        Map<String, String> holders = eventStoreHolders(instance);
        List<String> first = new ArrayList<>();
        for (String difference : differences.subList(0, Math.min(10, differences.size()))) {
            String key = difference.substring(difference.indexOf(": ") + 2);
            if (difference.startsWith("missing: ") || difference.startsWith("deleted in the CRM but shown: ")) {
                first.add(difference + (holders.containsKey(key)
                        ? " (the event store has it in profile " + holders.get(key) + ")"
                        : " (the event store has it in no profile)"));
            } else {
                first.add(difference);
            }
        }
        return differences.size() + " differences, e.g. " + first;
    }

    /** Record key → the profile that holds it according to the event store. */
    private static Map<String, String> eventStoreHolders(Instance instance) throws SQLException, IOException {
        Map<String, String> holders = new HashMap<>();
        readEvents(instance, (profile, event) -> {
            switch (event) {
                case RecordLinked linked -> holders.put(key(linked.record().key()), profile);
                case RecordUpdated updated -> holders.put(key(updated.record().key()), profile);
                case RecordUnlinked unlinked -> holders.remove(key(unlinked.recordKey()), profile);
                default -> {
                }
            }
        });
        return holders;
    }

    /**
     * Like {@link #differingEntries} for histories, except the one difference the capture is known to make: after a
     * crash, the changes of the last batch Kafka accepted before the capture's offsets reached disk are captured
     * again (docs/architecture.md, "Known limits"; issue 4 leaves it open). Such a history is the uninterrupted one
     * with one stretch of it applied a second time right after itself. Those are logged, not failed; any other
     * difference, and every difference of the final state, still fails.
     */
    private static <T> Map<String, String> differingSequences(Map<String, List<T>> killedMap,
            Map<String, List<T>> referenceMap, String what) {
        Map<String, List<T>> killedOthers = new TreeMap<>(killedMap);
        List<String> redelivered = new ArrayList<>();
        for (Map.Entry<String, List<T>> entry : killedMap.entrySet()) {
            List<T> reference = referenceMap.get(entry.getKey());
            if (reference != null && !entry.getValue().equals(reference)
                    && isOneStretchAppliedTwice(entry.getValue(), reference)) {
                killedOthers.put(entry.getKey(), reference);
                redelivered.add(entry.getKey());
            }
        }
        if (!redelivered.isEmpty()) {
            log.warn("{}: {} histories show changes captured again after the kill (the known redelivery window): {}",
                    what, redelivered.size(), redelivered.subList(0, Math.min(10, redelivered.size())));
        }
        return differingEntries(killedOthers, referenceMap);
    }

    /** Whether {@code killed} is {@code reference} with one stretch {@code reference[i..k]} repeated after {@code k}. */
    static <T> boolean isOneStretchAppliedTwice(List<T> killed, List<T> reference) {
        int extra = killed.size() - reference.size();
        if (extra <= 0) {
            return false;
        }
        for (int end = extra; end <= reference.size(); end++) {
            // killed = reference[0, end) + reference[end - extra, end) + reference[end, n)
            if (killed.subList(0, end).equals(reference.subList(0, end))
                    && killed.subList(end, end + extra).equals(reference.subList(end - extra, end))
                    && killed.subList(end + extra, killed.size()).equals(reference.subList(end, reference.size()))) {
                return true;
            }
        }
        return false;
    }

    private static <V> Map<String, String> differingEntries(Map<String, V> killedMap, Map<String, V> referenceMap) {
        Map<String, String> differing = new TreeMap<>();
        Set<String> keys = new TreeSet<>(killedMap.keySet());
        keys.addAll(referenceMap.keySet());
        for (String key : keys) {
            V a = killedMap.get(key);
            V b = referenceMap.get(key);
            if (!Objects.equals(a, b)) {
                differing.put(key, a + "  vs  " + b);
            }
            if (differing.size() == 10) {
                break;
            }
        }
        return differing;
    }

    /** At most ten elements of {@code a} that {@code b} lacks. */
    private static <T> List<T> onlyInFirst(Set<T> a, Set<T> b) {
        return a.stream().filter(element -> !b.contains(element)).limit(10).toList();
    }

    private static Set<Set<String>> partition(Map<String, String> profileOfRecord) {
        Map<String, Set<String>> members = new HashMap<>();
        profileOfRecord.forEach((record, profile) -> members.computeIfAbsent(profile, p -> new TreeSet<>()).add(record));
        return new LinkedHashSet<>(members.values());
    }

    /** What a CRM row must look like as a record: the mapping's name, e-mail and phones. */
    private record Expected(String fullName, List<String> emails, List<String> phones) {
    }

    /** The values of a record that come from its source row (not when or where it was read). */
    private record Content(EntityKind kind, Attributes attributes, List<Relation> relations) {

        static Content of(SourceRecord record) {
            return new Content(record.kind(), record.attributes(), record.relations());
        }

        /** Compact, for failure messages. */
        @Override
        public String toString() {
            return "<" + kind + " " + attributes.fullName() + " | " + attributes.companyName() + " | "
                    + attributes.emails() + " | " + attributes.phones() + " | " + attributes.address() + " | "
                    + attributes.taxId() + " | " + relations + ">";
        }
    }

    /**
     * What one Tessera shows.
     *
     * @param profileOfRecord record key → profile id, from the export API
     * @param duplicates      record keys the export listed more than once
     * @param contents        record key → its values, from the read model
     * @param relations       the records' relations, from the read model
     * @param recordCounts    profile id → record count of its summary, from the read model
     * @param searchCounts    profile id → record count of its search document
     */
    private record Observed(Map<String, String> profileOfRecord, List<String> duplicates, Map<String, Content> contents,
                            Set<String> relations, Map<String, Integer> recordCounts,
                            Map<String, Integer> searchCounts) {

        /** Where this view is not (yet) the CRM's rows with their latest values; empty once caught up. */
        List<String> differencesFrom(Map<String, Expected> source) {
            List<String> differences = new ArrayList<>();
            duplicates.forEach(key -> differences.add("exported twice: " + key));
            source.keySet().stream().filter(key -> !profileOfRecord.containsKey(key))
                    .forEach(key -> differences.add("missing: " + key));
            profileOfRecord.keySet().stream().filter(key -> !source.containsKey(key))
                    .forEach(key -> differences.add("deleted in the CRM but shown: " + key));
            source.forEach((key, expected) -> {
                Content content = contents.get(key);
                if (content != null && !expected.equals(new Expected(content.attributes().fullName(),
                        content.attributes().emails(), content.attributes().phones()))) {
                    differences.add("stale values: " + key);
                }
            });
            Map<String, Integer> counts = new HashMap<>();
            profileOfRecord.values().forEach(profile -> counts.merge(profile, 1, Integer::sum));
            if (!counts.equals(recordCounts)) {
                differences.add("profile summaries do not match the records");
            }
            if (!recordCounts.equals(searchCounts)) {
                differences.add("search index does not match the profiles");
            }
            return differences;
        }
    }

    private static Observed observe(Instance instance) throws SQLException, IOException, InterruptedException {
        Map<String, String> profileOfRecord = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        HttpResponse<String> export = instance.process().get("/api/v1/profiles/export");
        assertThat(export.statusCode()).as("export of %s", instance.name()).isEqualTo(200);
        List<String> lines = export.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("source,source_table,source_pk,profile_id");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            String key = cells[0] + "/" + cells[1] + "/" + cells[2];
            if (profileOfRecord.put(key, cells[3]) != null) {
                duplicates.add(key);
            }
        }
        Map<String, Content> contents = new HashMap<>();
        Set<String> relations = new TreeSet<>();
        Map<String, Integer> recordCounts = new HashMap<>();
        try (Connection db = connect(instance.database()); Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT record::text FROM profile_record")) {
                while (rows.next()) {
                    SourceRecord record = Json.mapper().readValue(rows.getString(1), SourceRecord.class);
                    contents.put(key(record.key()), Content.of(record));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT source, source_table, source_pk, relation_type, "
                    + "target_source, target_table, target_pk FROM record_relation")) {
                while (rows.next()) {
                    relations.add(rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3) + " "
                            + rows.getString(4) + " " + rows.getString(5) + "/" + rows.getString(6) + "/"
                            + rows.getString(7));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT profile_id, record_count FROM profile_view")) {
                while (rows.next()) {
                    recordCounts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return new Observed(profileOfRecord, duplicates, contents, relations, recordCounts, searchCounts(instance));
    }

    /** Profile id → record count of every document in the instance's search index. */
    private static Map<String, Integer> searchCounts(Instance instance) throws IOException, InterruptedException {
        String index = instance.elasticsearch() + "/" + instance.index();
        send(HttpRequest.newBuilder(URI.create(index + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
        JsonNode hits = Json.mapper().readTree(send(HttpRequest.newBuilder(URI.create(index + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"size": 10000, "track_total_hits": true, "_source": ["record_count"],
                         "query": {"match_all": {}}}"""))));
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode hit : hits.get("hits").get("hits")) {
            counts.put(hit.get("_id").asText(), hit.get("_source").get("record_count").asInt());
        }
        assertThat(hits.get("hits").get("total").get("value").asInt()).as("profiles indexed").isEqualTo(counts.size());
        return counts;
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /**
     * What the event store says happened.
     *
     * @param memberships profile id → its membership changes, oldest first, as its history shows them: created,
     *                    records linked and unlinked, merges, splits, retirement (updates of a record's values are
     *                    not membership changes)
     * @param values      record key → the successive values the profiles held for it, a value repeated right after
     *                    itself counted once (a record moving to another profile, or read again unchanged, is no new
     *                    value); a change applied twice shows as an older value coming back
     */
    private record Lineage(Map<String, List<String>> memberships, Map<String, List<Content>> values) {
    }

    private static Lineage lineage(Instance instance) throws SQLException, IOException {
        Map<String, List<String>> memberships = new HashMap<>();
        Map<String, List<Content>> values = new HashMap<>();
        readEvents(instance, (profile, event) -> {
            String entry = switch (event) {
                case ProfileCreated created -> "created";
                case RecordLinked linked -> "linked " + key(linked.record().key());
                case RecordUnlinked unlinked -> "unlinked " + key(unlinked.recordKey());
                case RecordUpdated updated -> null;
                case ProfilesMerged merged -> "merged " + merged.absorbedProfileIds();
                case ProfileSplit split -> "split from " + split.fromProfileId();
                case ProfileMergedInto into -> "merged into " + into.survivorProfileId();
                case ProfileRetired retired -> "retired";
                case ConsentStated consent -> "consent " + consent.channel() + " " + consent.granted();
                case ProfileErased erased -> "erased " + erased.records();
                case SuppressionLifted lifted -> "lifted " + key(lifted.record());
            };
            if (entry != null) {
                memberships.computeIfAbsent(profile, p -> new ArrayList<>()).add(entry);
            }
            SourceRecord record = switch (event) {
                case RecordLinked linked -> linked.record();
                case RecordUpdated updated -> updated.record();
                default -> null;
            };
            if (record != null) {
                List<Content> versions = values.computeIfAbsent(key(record.key()), k -> new ArrayList<>());
                Content content = Content.of(record);
                if (versions.isEmpty() || !versions.getLast().equals(content)) {
                    versions.add(content);
                }
            }
        });
        return new Lineage(memberships, values);
    }

    private interface EventVisitor {
        void visit(String profileId, ProfileEvent event);
    }

    /** Every profile event of the instance's event store, in the order they were stored. */
    private static void readEvents(Instance instance, EventVisitor visitor) throws SQLException, IOException {
        Map<String, Class<?>> types = new HashMap<>();
        // Records' personal data is sealed with their keys in the instance's key table, read on one connection.
        SingleConnectionDataSource keyTable = new SingleConnectionDataSource(instance.database().jdbcUrl(),
                instance.database().user(), instance.database().password(), true);
        ObjectMapper events = SealedRecords.mapper(new RecordKeyStore(keyTable, 200_000,
                KeyEncryptionKey.load(instance.keyEncryptionKey(), new JdbcTemplate(keyTable))));
        try (keyTable; Connection db = connect(instance.database()); Statement statement = db.createStatement()) {
            db.setAutoCommit(false);
            statement.setFetchSize(2000);
            try (ResultSet rows = statement.executeQuery("SELECT aggregateidentifier, payloadtype, payload "
                    + "FROM domainevententry ORDER BY globalindex")) {
                while (rows.next()) {
                    Class<?> type = types.computeIfAbsent(rows.getString(2), name -> {
                        try {
                            return Class.forName(name);
                        } catch (ClassNotFoundException e) {
                            throw new IllegalStateException("Unknown event type " + name, e);
                        }
                    });
                    if (events.readValue(rows.getBytes(3), type) instanceof ProfileEvent event) {
                        visitor.visit(rows.getString(1), event);
                    }
                }
            }
        }
    }

    private static String key(RecordKey key) {
        return key.source() + "/" + key.table() + "/" + key.pk();
    }

    // ---- the CRM -------------------------------------------------------------------------------------------------

    private static Connection crm() throws SQLException {
        return connect(servers.endpoints().crmPostgres());
    }

    private static Connection connect(DatabaseEndpoint db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /**
     * The demo's CRM partners and, as a second import, the ERP's customers of the same people (about two thirds of
     * them, with their own spelling and contact data): many customers are in the CRM twice.
     */
    private static int seedCrm() throws SQLException {
        DemoDataset dataset = new DemoDataGenerator().generate(PEOPLE);
        Map<String, ErpAddress> addresses = dataset.erpAddresses().stream()
                .collect(Collectors.toMap(ErpAddress::name, Function.identity()));
        Map<String, Integer> countries = new HashMap<>();
        for (DemoCountry country : DemoCountry.values()) {
            countries.put(country.englishName(), country.crmId());
        }
        try (Connection crm = crm()) {
            new DemoSeeder(dataset).seedCrm(crm);
            crm.setAutoCommit(false);
            try (PreparedStatement insert = crm.prepareStatement("""
                    INSERT INTO res_partner (name, email, mobile, vat, is_company, commercial_company_name, zip, city,
                                             country_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (ErpCustomer customer : dataset.erpCustomers()) {
                    boolean company = "Company".equals(customer.customerType());
                    ErpAddress address = customer.primaryAddress() == null ? null
                            : addresses.get(customer.primaryAddress());
                    insert.setString(1, customer.customerName());
                    insert.setString(2, customer.emailId());
                    insert.setString(3, customer.mobileNo());
                    insert.setString(4, customer.taxId());
                    insert.setBoolean(5, company);
                    insert.setString(6, company ? customer.customerName() : null);
                    insert.setString(7, address == null ? null : address.pincode());
                    insert.setString(8, address == null ? null : address.city());
                    insert.setObject(9, countries.get(customer.territory()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            crm.commit();
        }
        return crmRowCount();
    }

    private static int crmRowCount() throws SQLException {
        try (Connection crm = crm(); Statement statement = crm.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM res_partner")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Record key → what the mapping makes of the row now. */
    private static Map<String, Expected> sourceRows() throws SQLException {
        Map<String, Expected> rows = new HashMap<>();
        try (Connection crm = crm(); Statement statement = crm.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, name, email, phone, mobile FROM res_partner")) {
            while (rs.next()) {
                List<String> emails = new ArrayList<>();
                addValue(emails, rs.getString(3));
                List<String> phones = new ArrayList<>();
                addValue(phones, rs.getString(4));
                addValue(phones, rs.getString(5));
                String name = rs.getString(2) == null || rs.getString(2).isBlank() ? null : rs.getString(2).strip();
                rows.put("crm/res_partner/" + rs.getLong(1), new Expected(name, emails, phones));
            }
        }
        return rows;
    }

    private static void addValue(List<String> values, String value) {
        if (value != null && !value.isBlank() && !values.contains(value.strip())) {
            values.add(value.strip());
        }
    }

    // ---- the stream of changes -----------------------------------------------------------------------------------

    /** One change to the CRM, in its own transaction. */
    private interface Step {
        void apply(Connection crm) throws SQLException;
    }

    private static void apply(List<Step> steps, AtomicInteger applied) throws SQLException, InterruptedException {
        try (Connection crm = crm()) {
            for (Step step : steps) {
                crm.setAutoCommit(false);
                step.apply(crm);
                crm.commit();
                applied.incrementAndGet();
                // About a hundred changes a second: the kill lands while they flow through the pipeline.
                Thread.sleep(10);
            }
        }
    }

    private static final String[] GIVEN = {"Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Leo", "Julia", "Pablo",
            "Valeria", "Álvaro", "Chiara", "Lorenzo", "Emma", "Lukas", "Zofia", "Tomás"};
    private static final String[] FAMILY = {"Navarro", "Iglesias", "Cortés", "Garrido", "Rossi", "Bianchi",
            "Schneider", "Kowalski", "Dubois", "Ferreira", "Moreau", "Jansen", "O'Brien", "Gruber", "Peeters"};

    /**
     * {@value #STREAMED_CHANGES} changes of the kinds that move records between profiles: records given another
     * person's data (a merge), records of a merged profile given a new identity (a split), duplicates inserted, new
     * customers, phone changes, deletes, a record changed twice in a row, and transactions that merge and split at
     * once. The targets come from the reference's profiles; the same script runs against the one CRM both capture.
     */
    private static List<Step> script(Random random) throws SQLException {
        Map<String, List<Long>> profiles = new TreeMap<>();
        try (Connection db = connect(reference.database()); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT profile_id, source_pk FROM profile_record")) {
            while (rows.next()) {
                profiles.computeIfAbsent(rows.getString(1), p -> new ArrayList<>()).add(rows.getLong(2));
            }
        }
        List<List<Long>> merged = new ArrayList<>();
        List<Long> singles = new ArrayList<>();
        for (List<Long> members : profiles.values()) {
            members.sort(Long::compare);
            if (members.size() > 1) {
                merged.add(members);
            } else {
                singles.add(members.getFirst());
            }
        }
        List<Long> all = profiles.values().stream().flatMap(Collection::stream).sorted().toList();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; steps.size() < STREAMED_CHANGES; i++) {
            int n = i;
            switch (random.nextInt(8)) {
                case 0 -> {
                    long member = pick(random, merged);
                    steps.add(crm -> newIdentity(crm, member, n));
                }
                case 1 -> {
                    long target = take(random, singles);
                    long model = take(random, singles);
                    steps.add(crm -> copyPerson(crm, target, model));
                }
                case 2 -> {
                    long model = all.get(random.nextInt(all.size()));
                    steps.add(crm -> update(crm, """
                            INSERT INTO res_partner (name, email, phone, mobile, street, street2, zip, city, country_id,
                                                     vat, is_company, commercial_company_name, company_name)
                            SELECT upper(name), email, phone, mobile, street, street2, zip, city, country_id, vat,
                                   is_company, commercial_company_name, company_name
                            FROM res_partner WHERE id = ?""", model));
                }
                case 3 -> steps.add(crm -> insertNew(crm, n));
                case 4 -> {
                    long target = all.get(random.nextInt(all.size()));
                    String phone = "+34 6" + (10_000_000 + random.nextInt(89_999_999));
                    steps.add(crm -> update(crm, "UPDATE res_partner SET phone = ?, write_date = now() WHERE id = ?",
                            phone, target));
                }
                case 5 -> {
                    long target = all.get(random.nextInt(all.size()));
                    steps.add(crm -> update(crm, """
                            DELETE FROM res_partner p WHERE id = ?
                            AND NOT EXISTS (SELECT 1 FROM res_partner c WHERE c.parent_id = p.id)""", target));
                }
                case 6 -> {
                    long target = pick(random, merged);
                    steps.add(crm -> update(crm, "UPDATE res_partner SET email = ?, write_date = now() WHERE id = ?",
                            "cambio" + n + "@correo-restart.es", target));
                    steps.add(crm -> update(crm, "UPDATE res_partner SET name = upper(name), write_date = now() "
                            + "WHERE id = ?", target));
                }
                default -> {
                    long target = take(random, singles);
                    long model = take(random, singles);
                    long member = pick(random, merged);
                    steps.add(crm -> {
                        copyPerson(crm, target, model);
                        newIdentity(crm, member, n);
                    });
                }
            }
        }
        return steps.subList(0, STREAMED_CHANGES);
    }

    private static long pick(Random random, List<List<Long>> groups) {
        List<Long> group = groups.get(random.nextInt(groups.size()));
        return group.get(random.nextInt(group.size()));
    }

    private static long take(Random random, List<Long> pool) {
        return pool.remove(random.nextInt(pool.size()));
    }

    private static void update(Connection crm, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = crm.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    /** The row becomes another person altogether: it leaves whatever profile it was in. */
    private static void newIdentity(Connection crm, long id, int n) throws SQLException {
        String given = GIVEN[n % GIVEN.length];
        String family = FAMILY[(n / GIVEN.length) % FAMILY.length];
        update(crm, """
                UPDATE res_partner SET name = ?, email = ?, phone = ?, mobile = NULL, vat = NULL, street = ?,
                    street2 = NULL, zip = ?, city = 'Zaragoza', country_id = 1, is_company = false,
                    commercial_company_name = NULL, company_name = NULL, parent_id = NULL, write_date = now()
                WHERE id = ?""", given + " " + family, asciiLower(given + "." + family) + n + "@correo-restart.es",
                "+34 7" + (10_000_000 + n * 7919), "Calle Mayor " + (n + 1), "500" + (10 + n % 90), id);
    }

    private static void insertNew(Connection crm, int n) throws SQLException {
        String given = GIVEN[(n + 5) % GIVEN.length];
        String family = FAMILY[(n / 3) % FAMILY.length];
        update(crm, """
                INSERT INTO res_partner (name, email, phone, street, zip, city, country_id, is_company)
                VALUES (?, ?, ?, ?, ?, 'Valencia', 1, false)""", given + " " + family,
                asciiLower(family + "." + given) + n + "@correo-alta.es", "+34 9" + (60_000_000 + n * 104_729),
                "Avenida del Puerto " + (n + 2), "460" + (10 + n % 90));
    }

    /** The row takes another row's person (name, contact data, address, tax id): the two profiles merge. */
    private static void copyPerson(Connection crm, long target, long model) throws SQLException {
        update(crm, """
                UPDATE res_partner t SET name = m.name, email = m.email, phone = m.phone, mobile = m.mobile,
                    street = m.street, street2 = m.street2, zip = m.zip, city = m.city, country_id = m.country_id,
                    vat = m.vat, is_company = m.is_company, commercial_company_name = m.commercial_company_name,
                    company_name = m.company_name, write_date = now()
                FROM res_partner m WHERE t.id = ? AND m.id = ?""", target, model);
    }

    private static String asciiLower(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z.]", "")
                .toLowerCase(java.util.Locale.ROOT);
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    /**
     * Writes the {@code --config} file and the source definitions of one Tessera that uses {@code stack}'s
     * PostgreSQL and Kafka, the shared Elasticsearch (its own index) and the CRM through its own replication slot.
     */
    private static Instance instance(String name, EmbeddedStack stack) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        DatabaseEndpoint db = stack.endpoints().tesseraPostgres();
        DatabaseEndpoint crm = servers.endpoints().crmPostgres();
        URI elasticsearch = servers.endpoints().elasticsearchUrl();
        String index = "tessera-profiles-" + name;
        String slot = "tessera_crm_" + name;
        Files.writeString(home.resolve("sources.yaml"), """
                sources:
                  - name: crm
                    kind: postgres
                    connection: {host: "%s", port: %d, database: %s, user: %s, password: %s}
                    capture:
                      slot: %s
                      publication: %s
                      heartbeat-table: public.tessera_heartbeat
                    debezium:
                      # Small batches: the snapshot takes long enough to be interrupted.
                      max.batch.size: "10"
                      max.queue.size: "50"
                    tables:
                      - table: public.res_partner
                        key: [id]
                        entity: {column: is_company, type: boolean, company-when: ["true"], otherwise: person}
                        attributes:
                          full-name: name
                          company-name: {first-of: [commercial_company_name, company_name]}
                          emails: [email]
                          phones: [phone, mobile]
                          tax-id: vat
                          address:
                            street: {columns: [street, street2], join: ", "}
                            postcode: zip
                            city: city
                            country:
                              column: country_id
                              type: integer
                              map: {"1": ES, "2": PT, "3": FR, "4": IT, "5": DE, "6": NL, "7": PL, "8": GB, "9": BE, "10": AT, "11": IE}
                              unmapped: drop
                              default: ES
                        relations:
                          - {type: employee-of, column: parent_id, table: res_partner}
                """.formatted(crm.host(), crm.port(), crm.database(), crm.user(), crm.password(), slot, slot));
        Path config = home.resolve("tessera.yaml");
        Files.writeString(config, """
                server: {port: 0}
                spring:
                  datasource: {url: "%s", username: %s, password: %s}
                tessera:
                  state-dir: "%s"
                  kafka: {bootstrap-servers: "%s"}
                  elasticsearch: {url: "%s", profile-index: %s}
                  ingestion: {sources: sources.yaml}
                  security: {admin-user: admin, admin-password: %s}
                """.formatted(db.jdbcUrl(), db.user(), db.password(), home.resolve("state"),
                stack.endpoints().kafkaBootstrapServers(), elasticsearch, index, ADMIN_PASSWORD));
        TesseraProcess process = new TesseraProcess(name, config, home, home.resolve("tessera.log"), "admin",
                ADMIN_PASSWORD);
        return new Instance(name, process, db, elasticsearch, index, home.resolve("secrets/key-encryption-key"));
    }
}
