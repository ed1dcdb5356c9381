package io.tessera.api.bench;

import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;

import io.tessera.api.RunningTessera;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures the time from a commit in a source database to the change being visible through the REST API, on the
 * embedded stack: a CRM insert, then an ERP insert with the same email (a merge), each polled every 5 ms.
 * Run with {@code ./mvnw -pl api -Pbench verify}; appends its figures to docs/benchmarks.md. Not a test: it asserts
 * nothing and is excluded from the default build.
 */
class CommitToApiLatencyBench {

    private static final int CHANGES = Integer.getInteger("bench.changes", 100);

    @Test
    void commitToApiLatency() throws Exception {
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
                poll(() -> getAsAdmin(path).statusCode() == 200);
                insertMs.add((System.nanoTime() - start) / 1_000_000);

                erpInsert.setString(1, "CUST-BENCH-" + id);
                erpInsert.setString(2, "BENCH PERSON " + i);
                erpInsert.setString(3, email.toUpperCase());
                start = System.nanoTime();
                erpInsert.executeUpdate();
                poll(() -> {
                    var response = getAsAdmin(path);
                    return response.statusCode() == 200 && json(response).get("records").size() == 2;
                });
                mergeMs.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        String report = String.format("""

                ## Commit in a source → visible in the REST API (%s)
                Command: `./mvnw -pl api -Pbench verify` (embedded stack, %d demo people loaded first, %d changes of each
                kind, one at a time, API polled every 5 ms). Machine: %d cores, %s, JDK %s.

                | change | p50 | p90 | p99 | max |
                |---|---|---|---|---|
                | CRM insert → new profile visible | %s |
                | ERP insert with the same email → merged profile visible | %s |
                """, LocalDateTime.now().withNano(0), RunningTessera.DEMO_PEOPLE, CHANGES,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getName(),
                Runtime.version(), stats(insertMs), stats(mergeMs));
        System.out.println(report);
        Path file = Path.of("..", "docs", "benchmarks.md");
        if (!Files.exists(file)) {
            Files.writeString(file, "# Benchmarks\n\nFigures measured on this project's machines; newest last.\n");
        }
        Files.writeString(file, report, StandardOpenOption.APPEND);
    }

    private static void awaitDemoLoaded() throws InterruptedException, IOException {
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

    private static void poll(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The change did not become visible within 30 s");
            }
            Thread.sleep(5);
        }
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
