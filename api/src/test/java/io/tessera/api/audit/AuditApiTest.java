package io.tessera.api.audit;

import static io.tessera.api.RunningTessera.ADMIN;
import static io.tessera.api.RunningTessera.ADMIN_PASSWORD;
import static io.tessera.api.RunningTessera.ANALYST;
import static io.tessera.api.RunningTessera.ANALYST_PASSWORD;
import static io.tessera.api.RunningTessera.MARKETER;
import static io.tessera.api.RunningTessera.MARKETER_PASSWORD;
import static io.tessera.api.RunningTessera.PRIVACY_OFFICER;
import static io.tessera.api.RunningTessera.PRIVACY_OFFICER_PASSWORD;
import static io.tessera.api.RunningTessera.SALES_OPS;
import static io.tessera.api.RunningTessera.SALES_OPS_PASSWORD;
import static io.tessera.api.RunningTessera.get;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import io.tessera.infra.demo.CrmPartner;
import io.tessera.infra.demo.DemoDataGenerator;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit log on the running Tessera: every read of personal data is in it with caller, roles, purpose, time, path,
 * the profiles read and the status; privacy officers and admins read it with {@code GET /api/v1/audit}; it keeps no
 * search word or email in clear.
 */
class AuditApiTest {

    private static CrmPartner person;
    private static String recordKey;
    private static String profileId;

    @BeforeAll
    static void demoPerson() {
        RunningTessera.get();
        person = new DemoDataGenerator().generate(RunningTessera.DEMO_PEOPLE).crmPartners().stream()
                .filter(p -> !p.company() && p.email() != null && p.name().split(" ").length >= 2)
                .findFirst().orElseThrow();
        recordKey = "crm/res_partner/" + person.id();
        profileId = RunningTessera.awaitProfile("/api/v1/records/" + recordKey + "/profile", p -> true)
                .get("profileId").asText();
    }

    @Test
    void aReadIsLoggedWithCallerRolesPurposeProfileAndStatus() {
        Instant before = Instant.now().minusSeconds(2);
        String purpose = "campaign check " + UUID.randomUUID();
        assertThat(get("/api/v1/profiles/" + profileId, MARKETER, MARKETER_PASSWORD, purpose(purpose)).statusCode())
                .isEqualTo(200);

        JsonNode entry = awaitEntry("caller=" + MARKETER + "&profileId=" + profileId + "&from=" + before, purpose);
        assertThat(entry.get("caller").asText()).isEqualTo(MARKETER);
        assertThat(texts(entry.get("roles"))).containsExactly("marketer");
        assertThat(entry.get("pseudonymised").asBoolean()).isFalse();
        assertThat(entry.get("method").asText()).isEqualTo("GET");
        assertThat(entry.get("path").asText()).isEqualTo("/api/v1/profiles/" + profileId);
        assertThat(texts(entry.get("profileIds"))).contains(profileId);
        assertThat(entry.get("queryParameters")).isEmpty();
        assertThat(entry.get("queryHash").isNull()).isTrue();
        Instant at = Instant.parse(entry.get("at").asText());
        assertThat(at).isAfter(before).isBefore(Instant.now().plusSeconds(2));

        // The time filter: from inclusive, to exclusive.
        assertThat(entry("caller=" + MARKETER + "&from=" + at + "&to=" + at.plusMillis(1), purpose)).isPresent();
        assertThat(entry("caller=" + MARKETER + "&from=" + before + "&to=" + at, purpose)).isEmpty();
        assertThat(entry("caller=" + ANALYST + "&from=" + before, purpose)).as("another caller's").isEmpty();
    }

    @Test
    void aRecordLookupIsLoggedWithTheRecordAndTheProfileItsAnswerHeld() {
        String purpose = "lead routing " + UUID.randomUUID();
        assertThat(get("/api/v1/records/" + recordKey + "/profile", SALES_OPS, SALES_OPS_PASSWORD, purpose(purpose))
                .statusCode()).isEqualTo(200);
        JsonNode entry = awaitEntry("caller=" + SALES_OPS + "&profileId=" + profileId, purpose);
        assertThat(texts(entry.get("recordKeys"))).containsExactly(recordKey);
        assertThat(texts(entry.get("profileIds"))).as("learned from the answer").contains(profileId);
        assertThat(texts(entry.get("roles"))).containsExactly("sales-ops");
    }

    @Test
    void withoutAPurposeTheReadIsLoggedAsUnspecifiedAndAnOverlongPurposeIsRefused() {
        Instant before = Instant.now().minusSeconds(2);
        assertThat(get("/api/v1/profiles/" + profileId, SALES_OPS, SALES_OPS_PASSWORD).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode newest = json(audit("caller=" + SALES_OPS + "&from=" + before + "&size=1")).get("entries").get(0);
            assertThat(newest.get("path").asText()).isEqualTo("/api/v1/profiles/" + profileId);
            assertThat(newest.get("purpose").asText()).isEqualTo("unspecified");
            assertThat(newest.get("status").asInt()).isEqualTo(200);
        });

        HttpResponse<String> overlong = get("/api/v1/profiles/" + profileId, SALES_OPS, SALES_OPS_PASSWORD,
                purpose("x".repeat(201)));
        assertThat(overlong.statusCode()).isEqualTo(400);
        assertThat(overlong.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(overlong).get("detail").asText()).contains("X-Purpose").contains("200");
    }

    @Test
    void marketersMayNotReadTheAuditLogAndTheRefusalIsLogged() {
        String purpose = "curiosity " + UUID.randomUUID();
        HttpResponse<String> refused = get("/api/v1/audit", MARKETER, MARKETER_PASSWORD, purpose(purpose));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("detail").asText()).contains("role");
        JsonNode entry = awaitEntry("caller=" + MARKETER, purpose);
        assertThat(entry.get("path").asText()).isEqualTo("/api/v1/audit");
        assertThat(entry.get("status").asInt()).isEqualTo(403);
    }

    @Test
    void readsOfTheAuditLogAreAuditedWithoutTheirFilterValues() {
        String purpose = "quarterly review " + UUID.randomUUID();
        HttpResponse<String> read = get("/api/v1/audit?caller=" + MARKETER + "&size=5", PRIVACY_OFFICER,
                PRIVACY_OFFICER_PASSWORD, purpose(purpose));
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode entry = awaitEntry("caller=" + PRIVACY_OFFICER, purpose);
        assertThat(entry.get("path").asText()).isEqualTo("/api/v1/audit");
        assertThat(texts(entry.get("roles"))).containsExactly("privacy-officer");
        assertThat(texts(entry.get("queryParameters"))).containsExactly("caller", "size");
        assertThat(entry.get("queryHash").asText()).matches("[0-9a-f]{32}");
        assertThat(entry.toString()).doesNotContain("caller=" + MARKETER);
    }

    @Test
    void theLogHoldsNoSearchWordsOrEmailsInClear() throws Exception {
        String email = person.email().strip().toLowerCase(Locale.ROOT);
        String familyName = person.name().split(" ")[person.name().split(" ").length - 1].toLowerCase(Locale.ROOT);
        String purpose = "segment sizing " + UUID.randomUUID();
        String byEmail = "/api/v1/profiles?q=" + URLEncoder.encode("email:" + email, StandardCharsets.UTF_8);
        String byName = "/api/v1/profiles?size=5&q=" + URLEncoder.encode(familyName, StandardCharsets.UTF_8);
        for (String search : List.of(byEmail, byEmail, byName)) {
            assertThat(get(search, MARKETER, MARKETER_PASSWORD, purpose(purpose)).statusCode()).isEqualTo(200);
        }
        String pair = "/api/v1/explain?a=" + recordKey + "&b=erp/tabCustomer/CUST-00001";
        get(pair, ANALYST, ANALYST_PASSWORD, purpose(purpose));

        List<String> rows = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            rows.clear();
            rows.addAll(rowsWithPurpose(purpose));
            assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row).doesNotContain("\"status\":null"));
        });
        for (String row : rows) {
            assertThat(row.toLowerCase(Locale.ROOT)).as("an audit row").doesNotContain(email)
                    .doesNotContain(email.substring(0, email.indexOf('@'))).doesNotContain(familyName);
        }
        try (Connection tessera = RunningTessera.tessera(); PreparedStatement anywhere = tessera.prepareStatement(
                "SELECT count(*) FROM audit_log a WHERE strpos(lower(row_to_json(a)::text), ?) > 0")) {
            anywhere.setString(1, email);
            try (ResultSet rs = anywhere.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows of the whole log holding the email").isZero();
            }
        }

        List<List<String>> searches = searchRows(purpose);
        assertThat(searches).hasSize(3).allSatisfy(search -> assertThat(search.get(0)).isIn("{q}", "{size,q}"));
        assertThat(searches.get(0).get(1)).as("the same search, the same hash").isEqualTo(searches.get(1).get(1));
        assertThat(searches.get(2).get(1)).as("another search, another hash").isNotEqualTo(searches.get(0).get(1));
        // Record keys are no personal values: the explained pair is kept as asked.
        JsonNode explained = awaitEntry("caller=" + ANALYST, purpose);
        assertThat(texts(explained.get("recordKeys"))).containsExactly(recordKey, "erp/tabCustomer/CUST-00001");
    }

    @Test
    void aStreamedExportIsLoggedWithItsFinalStatus() {
        String purpose = "evaluation " + UUID.randomUUID();
        HttpResponse<String> export = get("/api/v1/profiles/export", ANALYST, ANALYST_PASSWORD, purpose(purpose));
        assertThat(export.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode entry = entry("caller=" + ANALYST, purpose).orElseThrow();
            assertThat(entry.get("path").asText()).isEqualTo("/api/v1/profiles/export");
            assertThat(entry.get("status").asInt()).isEqualTo(200);
            assertThat(entry.get("pseudonymised").asBoolean()).isTrue();
        });
    }

    @Test
    void pagesAreNewestFirstAndBadParametersAre400sNamingTheParameter() {
        for (int i = 0; i < 3; i++) {
            get("/api/v1/profiles/" + profileId, MARKETER, MARKETER_PASSWORD, purpose("paging " + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> json(audit("size=1")).get("total").asLong() >= 4);
        // Reading the log is logged too: a fixed end keeps the pages still while they are read.
        Instant until = Instant.now();
        JsonNode first = json(audit("size=2&page=0&to=" + until));
        JsonNode second = json(audit("size=2&page=1&to=" + until));
        assertThat(first.get("size").asInt()).isEqualTo(2);
        List<Instant> times = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            page.get("entries").forEach(entry -> times.add(Instant.parse(entry.get("at").asText())));
        }
        assertThat(times).hasSize(4).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(first.get("entries").findValuesAsText("id"))
                .doesNotContainAnyElementsOf(second.get("entries").findValuesAsText("id"));
        assertThat(audit("from=" + LocalDate.now(ZoneOffset.UTC)).statusCode()).isEqualTo(200);

        Map<String, String> bad = Map.of(
                "size=0", "'size'", "size=501", "'size'", "page=-1", "'page'", "page=abc", "'page'",
                "from=yesterday", "'from'", "to=2026-13-01", "'to'", "caller=", "'caller'",
                "from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z", "'from'");
        bad.forEach((query, parameter) -> {
            HttpResponse<String> response = audit(query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("detail").asText()).as(query).contains(parameter);
        });
    }

    @Test
    void theOpenApiDocumentDescribesTheAuditLog() {
        JsonNode paths = json(RunningTessera.getAsAdmin("/v3/api-docs")).get("paths");
        assertThat(paths.path("/api/v1/audit").path("get").path("summary").asText()).contains("purpose");
    }

    private static Map<String, String> purpose(String purpose) {
        return Map.of("X-Purpose", purpose);
    }

    private static HttpResponse<String> audit(String query) {
        return get("/api/v1/audit?" + query, ADMIN, ADMIN_PASSWORD, purpose("audit api test"));
    }

    /** The entry with this purpose among the newest 500 that match the query, once it has a status. */
    private static JsonNode awaitEntry(String query, String purpose) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Optional<JsonNode> entry = entry(query, purpose);
            entry.filter(e -> !e.get("status").isNull()).ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.getFirst();
    }

    private static Optional<JsonNode> entry(String query, String purpose) {
        HttpResponse<String> response = audit(query + "&size=500");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode entry : json(response).get("entries")) {
            if (entry.get("purpose").asText().equals(purpose)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Every column of the rows with this purpose, each row as JSON text, read from the table itself. */
    private static List<String> rowsWithPurpose(String purpose) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection tessera = RunningTessera.tessera(); PreparedStatement select = tessera.prepareStatement(
                "SELECT row_to_json(a)::text FROM audit_log a WHERE purpose = ? ORDER BY id")) {
            select.setString(1, purpose);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    /** For each search with this purpose, oldest first: its parameter names (as PostgreSQL prints them) and hash. */
    private static List<List<String>> searchRows(String purpose) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection tessera = RunningTessera.tessera(); PreparedStatement select = tessera.prepareStatement(
                "SELECT query_parameters, query_hash FROM audit_log WHERE purpose = ? AND path = '/api/v1/profiles' "
                        + "ORDER BY id")) {
            select.setString(1, purpose);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Array names = rs.getArray(1);
                    rows.add(List.of("{" + String.join(",", (String[]) names.getArray()) + "}", rs.getString(2)));
                }
            }
        }
        return rows;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
