package io.tessera.api;

import static io.tessera.api.RunningTessera.get;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.identity.eval.Evaluator;
import io.tessera.identity.eval.PartitionMetrics;
import io.tessera.infra.demo.CrmPartner;
import io.tessera.infra.demo.DemoDataGenerator;
import io.tessera.infra.demo.DemoDataset;
import io.tessera.projections.profile.query.ProfileReadModel;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a caller of the REST API meets: authentication, roles, errors as problem documents, search and export. */
class ApiContractTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void healthIsOpenAndEverythingElseNeedsACaller() {
        assertThat(get("/actuator/health", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = get("/api/v1/profiles?q=garcia", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(get("/v3/api-docs", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/profiles?q=garcia", "admin", "wrong-password").statusCode()).isEqualTo(401);
    }

    @Test
    void adminsSeeThePipelineInTheHealthDetails() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode pipeline = json(getAsAdmin("/actuator/health")).path("components").path("pipeline");
            return "running".equals(pipeline.path("details").path("sources").path("crm").path("state").asText())
                    && "running".equals(pipeline.path("details").path("sources").path("erp").path("state").asText());
        });
        JsonNode pipeline = json(getAsAdmin("/actuator/health")).path("components").path("pipeline");
        assertThat(pipeline.path("status").asText()).isEqualTo("UP");
        assertThat(pipeline.path("details").path("resolution").asText()).isEqualTo("running");
        assertThat(json(get("/actuator/health", null, null)).has("components"))
                .as("anonymous callers see the status only").isFalse();
    }

    @Test
    void adminsSeeEachSourceAndItsCapture() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode sources = json(getAsAdmin("/api/v1/sources"));
            return sources.size() == 2 && "running".equals(sources.get(0).get("state").asText())
                    && "running".equals(sources.get(1).get("state").asText())
                    && sources.get(0).get("snapshotCompleted").asBoolean()
                    && sources.get(1).get("snapshotCompleted").asBoolean();
        });
        JsonNode sources = json(getAsAdmin("/api/v1/sources"));
        assertThat(sources.findValuesAsText("name")).containsExactlyInAnyOrder("crm", "erp");
        assertThat(sources.get(0).get("mapped").asLong()).isPositive();
        // The demo databases are seeded before capture starts: every source read them in its snapshot.
        assertThat(sources).allSatisfy(source -> {
            assertThat(source.get("snapshotRows").asLong()).isPositive();
            assertThat(source.get("snapshotTables").asInt()).isPositive();
            assertThat(source.get("attempts").asInt()).isZero();
            assertThat(source.get("lastChangeAt").isNull()).isFalse();
            assertThat(source.get("lagMillis").isNumber()).isTrue();
        });
        assertThat(get("/api/v1/sources", RunningTessera.ANALYST, RunningTessera.ANALYST_PASSWORD).statusCode())
                .isEqualTo(403);
    }

    @Test
    void rolesDecideWhatACallerMayDo() {
        assertThat(get("/api/v1/profiles?q=garcia", RunningTessera.MARKETER, RunningTessera.MARKETER_PASSWORD)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> export = get("/api/v1/profiles/export", RunningTessera.MARKETER,
                RunningTessera.MARKETER_PASSWORD);
        assertThat(export.statusCode()).isEqualTo(403);
        assertThat(json(export).get("detail").asText()).contains("role");
        assertThat(get("/actuator/metrics", RunningTessera.ANALYST, RunningTessera.ANALYST_PASSWORD).statusCode())
                .isEqualTo(403);
        assertThat(get("/actuator/metrics", RunningTessera.ADMIN, RunningTessera.ADMIN_PASSWORD).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/profiles/export", RunningTessera.ANALYST, RunningTessera.ANALYST_PASSWORD)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void unknownProfileIsA404ProblemThatSaysWhatToDo() {
        HttpResponse<String> response = getAsAdmin("/api/v1/profiles/no-such-profile");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asText()).contains("no-such-profile").contains("/api/v1/profiles?q=");
        assertThat(getAsAdmin("/api/v1/records/crm/res_partner/999999999/profile").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedSearchIsA400ProblemNamingTheFix() {
        HttpResponse<String> unknownField = getAsAdmin("/api/v1/profiles?q=salary:1000");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).get("detail").asText()).contains("salary").contains("email");
        assertThat(getAsAdmin("/api/v1/profiles").statusCode()).isEqualTo(400);
        assertThat(getAsAdmin("/api/v1/profiles?q=").statusCode()).isEqualTo(400);
        HttpResponse<String> badSize = getAsAdmin("/api/v1/profiles?q=garcia&size=abc");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(json(badSize).get("detail").asText()).contains("size");
        assertThat(getAsAdmin("/api/v1/profiles?q=garcia&size=100000").statusCode()).isEqualTo(400);
    }

    @Test
    void demoDataIsCapturedResolvedAndSearchable() {
        DemoDataset demo = awaitDemoLoaded();
        int sourceRows = sourceRows(demo);
        ProfileReadModel readModel = RunningTessera.get().context().getBean(ProfileReadModel.class);
        assertThat(readModel.profileCount()).as("people in both systems share a profile")
                .isLessThan(sourceRows).isGreaterThan(0);

        CrmPartner partner = demo.crmPartners().stream()
                .filter(p -> p.email() != null && !p.email().isBlank())
                .findFirst().orElseThrow();
        String email = partner.email().trim().toLowerCase();
        String search = "/api/v1/profiles?q=" + URLEncoder.encode("email:" + email, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                json(getAsAdmin(search)).get("total").asLong() >= 1);
        JsonNode page = json(getAsAdmin(search));
        JsonNode hit = page.get("hits").get(0);
        assertThat(hit.get("emails").toString()).contains(email);
        JsonNode profile = json(getAsAdmin("/api/v1/profiles/" + hit.get("profileId").asText()));
        assertThat(RunningTessera.recordKeys(profile)).isNotEmpty();
    }

    /**
     * The demo's ground truth against what the running product resolved with its default parameters, read through
     * the export: the figure a first-time user sees, printed, with a floor well below it so that only a real
     * regression fails.
     */
    @Test
    void demoProfilesMatchTheGeneratorsGroundTruth() {
        DemoDataset demo = awaitDemoLoaded();
        int sourceRows = sourceRows(demo);
        Map<String, String> truth = new HashMap<>();
        demo.truth().forEach(row -> truth.put(row.system().name().toLowerCase(Locale.ROOT) + "/" + row.table() + "/"
                + row.pk(), Integer.toString(row.personId())));
        HttpResponse<String> export = get("/api/v1/profiles/export", RunningTessera.ANALYST,
                RunningTessera.ANALYST_PASSWORD);
        Map<String, List<String>> profiles = new HashMap<>();
        Map<String, String> demoTruth = new HashMap<>();
        for (String line : export.body().split("\r\n")) {
            String[] f = line.split(",");
            String key = f[0] + "/" + f[1] + "/" + f[2];
            if (truth.containsKey(key)) {
                profiles.computeIfAbsent(f[3], any -> new ArrayList<>()).add(key);
                demoTruth.put(key, truth.get(key));
            }
        }
        PartitionMetrics metrics = Evaluator.evaluate(List.copyOf(profiles.values()), demoTruth);
        System.out.printf(Locale.ROOT, "Demo (%d people, %d records): pairwise P %.4f R %.4f F1 %.4f%n",
                RunningTessera.DEMO_PEOPLE, demoTruth.size(), metrics.pairPrecision(), metrics.pairRecall(),
                metrics.pairF1());
        assertThat(demoTruth).hasSizeGreaterThanOrEqualTo(sourceRows);
        assertThat(metrics.pairPrecision()).isGreaterThanOrEqualTo(0.9);
        assertThat(metrics.pairF1()).isGreaterThanOrEqualTo(0.8);
    }

    /** The demo data the running Tessera was seeded with, once all of its source rows are in the read model. */
    private static DemoDataset awaitDemoLoaded() {
        DemoDataset demo = new DemoDataGenerator().generate(RunningTessera.DEMO_PEOPLE);
        ProfileReadModel readModel = RunningTessera.get().context().getBean(ProfileReadModel.class);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> readModel.recordCount() >= sourceRows(demo));
        return demo;
    }

    private static int sourceRows(DemoDataset demo) {
        return demo.crmPartners().size() + demo.erpCustomers().size() + demo.erpContacts().size();
    }

    @Test
    void exportListsEveryRecordWithItsProfile() {
        ProfileReadModel readModel = RunningTessera.get().context().getBean(ProfileReadModel.class);
        await().atMost(Duration.ofSeconds(120)).until(() -> readModel.recordCount() > 0);
        HttpResponse<String> response = get("/api/v1/profiles/export", RunningTessera.ANALYST,
                RunningTessera.ANALYST_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = Arrays.asList(response.body().split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("source,source_table,source_pk,profile_id");
        assertThat(lines.size() - 1L).isGreaterThan(0).isLessThanOrEqualTo(readModel.recordCount() + 5);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line.split(",")).hasSize(4));
    }

    @Test
    void openApiDocumentDescribesTheProfileEndpoints() {
        HttpResponse<String> response = getAsAdmin("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response).get("paths");
        assertThat(paths.has("/api/v1/profiles/{id}")).isTrue();
        assertThat(paths.has("/api/v1/profiles/export")).isTrue();
        assertThat(paths.has("/api/v1/records/{source}/{table}/{pk}/profile")).isTrue();
    }
}
