package io.tessera.api;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.api.launch.LaunchPlan;
import io.tessera.api.launch.Launcher;
import io.tessera.contracts.Json;
import io.tessera.infra.embedded.DatabaseEndpoint;
import io.tessera.infra.embedded.StackSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * One Tessera, started once per test run the way {@code bin/tessera demo} starts it (real embedded servers, a small
 * demo data set, ephemeral ports), shared by every integration test of this module: start-up is the expensive part.
 */
public final class RunningTessera {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "integration-secret";
    public static final String ANALYST = "ana";
    public static final String ANALYST_PASSWORD = "analyst-secret";
    public static final String MARKETER = "mark";
    public static final String MARKETER_PASSWORD = "marketer-secret";
    public static final String SALES_OPS = "sol";
    public static final String SALES_OPS_PASSWORD = "sales-ops-secret";
    public static final String PRIVACY_OFFICER = "pia";
    public static final String PRIVACY_OFFICER_PASSWORD = "privacy-officer-secret";
    /** The roles that see pseudonyms instead of personal values: analysts, as a privacy-minded operator sets it. */
    public static final String PSEUDONYMISED_ROLE = "analyst";
    public static final int DEMO_PEOPLE = 120;

    private static Launcher.Running running;

    /** How long a change may take from a source commit to the API in tests: generous, the machine is shared. */
    public static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = Json.mapper();

    private RunningTessera() {
    }

    /** Where the shared stack keeps everything: Kafka's logs in {@code kafka/}, resolution's state in {@code state/}. */
    public static Path workDir() {
        return Path.of("target", "tessera-it-" + ProcessHandle.current().pid()).toAbsolutePath();
    }

    public static synchronized Launcher.Running get() {
        if (running == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
            Path workDir = workDir();
            LaunchPlan plan = new LaunchPlan(workDir, StackSettings.ephemeral(workDir), DEMO_PEOPLE, null, Map.ofEntries(
                    Map.entry("server.port", "0"),
                    Map.entry("tessera.security.admin-password", ADMIN_PASSWORD),
                    Map.entry("tessera.security.users[0].name", ANALYST),
                    Map.entry("tessera.security.users[0].password", ANALYST_PASSWORD),
                    Map.entry("tessera.security.users[0].roles[0]", "analyst"),
                    Map.entry("tessera.security.users[1].name", MARKETER),
                    Map.entry("tessera.security.users[1].password", MARKETER_PASSWORD),
                    Map.entry("tessera.security.users[1].roles[0]", "marketer"),
                    Map.entry("tessera.security.users[2].name", SALES_OPS),
                    Map.entry("tessera.security.users[2].password", SALES_OPS_PASSWORD),
                    Map.entry("tessera.security.users[2].roles[0]", "sales-ops"),
                    Map.entry("tessera.security.users[3].name", PRIVACY_OFFICER),
                    Map.entry("tessera.security.users[3].password", PRIVACY_OFFICER_PASSWORD),
                    Map.entry("tessera.security.users[3].roles[0]", "privacy-officer"),
                    Map.entry("tessera.security.pseudonymised-roles[0]", PSEUDONYMISED_ROLE)));
            running = Launcher.launch(plan);
        }
        return running;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + get().context().getEnvironment().getProperty("local.server.port");
    }

    public static HttpResponse<String> get(String path, String user, String password) {
        return get(path, user, password, Map.of());
    }

    /** A GET with extra request headers, such as {@code X-Purpose}. */
    public static HttpResponse<String> get(String path, String user, String password, Map<String, String> headers) {
        return send("GET", path, null, user, password, headers);
    }

    /** A POST of a JSON body ({@code null}: no body). */
    public static HttpResponse<String> post(String path, String json, String user, String password) {
        return send("POST", path, json, user, password, Map.of());
    }

    /** A PUT of a JSON body. */
    public static HttpResponse<String> put(String path, String json, String user, String password) {
        return send("PUT", path, json, user, password, Map.of());
    }

    public static HttpResponse<String> delete(String path, String user, String password) {
        return send("DELETE", path, null, user, password, Map.of());
    }

    /** One request to the running Tessera, with HTTP Basic credentials unless {@code user} is null (anonymous). */
    private static HttpResponse<String> send(String method, String path, String json, String user, String password,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> getAsAdmin(String path) {
        return get(path, ADMIN, ADMIN_PASSWORD);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    public static Connection crm() throws SQLException {
        return connect(get().stack().endpoints().crmPostgres());
    }

    /** Tessera's own PostgreSQL: event store, token store and read models. */
    public static Connection tessera() throws SQLException {
        return connect(get().stack().endpoints().tesseraPostgres());
    }

    public static Connection erp() throws SQLException {
        return connect(get().stack().endpoints().erpMariaDb());
    }

    /** Inserts a Madrid person into the CRM's {@code res_partner}; returns its id. */
    public static long insertCrmPerson(String name, String email, String phone, String street, String zip)
            throws SQLException {
        try (Connection crm = crm(); PreparedStatement insert = crm.prepareStatement("""
                INSERT INTO res_partner (name, email, phone, street, zip, city, country_id, is_company)
                VALUES (?, ?, ?, ?, ?, 'Madrid', 1, false) RETURNING id""")) {
            insert.setString(1, name);
            insert.setString(2, email);
            insert.setString(3, phone);
            insert.setString(4, street);
            insert.setString(5, zip);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Inserts an individual Spanish customer into the ERP's {@code tabCustomer}, without a mobile number. */
    public static void insertErpIndividual(String pk, String customerName, String email) throws SQLException {
        try (Connection erp = erp(); PreparedStatement insert = erp.prepareStatement("""
                INSERT INTO `tabCustomer` (name, creation, modified, customer_name, customer_type, customer_group,
                                           territory, email_id, mobile_no)
                VALUES (?, NOW(6), NOW(6), ?, 'Individual', 'Individual', 'Spain', ?, NULL)""")) {
            insert.setString(1, pk);
            insert.setString(2, customerName);
            insert.setString(3, email);
            insert.executeUpdate();
        }
    }

    /** Inserts a Spanish company into the CRM's {@code res_partner}; returns its id. */
    public static long insertCrmCompany(String name, String vat, String email) throws SQLException {
        try (Connection crm = crm(); PreparedStatement insert = crm.prepareStatement("""
                INSERT INTO res_partner (name, vat, email, city, country_id, is_company, commercial_company_name)
                VALUES (?, ?, ?, 'Madrid', 1, true, ?) RETURNING id""")) {
            insert.setString(1, name);
            insert.setString(2, vat);
            insert.setString(3, email);
            insert.setString(4, name);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits until the profile at {@code path} (a profile or a record's profile) answers and meets the condition. */
    public static JsonNode awaitProfile(String path, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> response = getAsAdmin(path);
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode profile = json(response);
            last.set(profile);
            return condition.test(profile);
        });
        return last.get();
    }

    /** Waits until the CRM person of that id is in a profile; returns the profile's id. */
    public static String awaitCrmProfileId(long crmId) {
        return awaitProfile("/api/v1/records/crm/res_partner/" + crmId + "/profile", p -> true)
                .get("profileId").asText();
    }

    /** The keys of a profile's records as {@code source/table/pk}, sorted. */
    public static List<String> recordKeys(JsonNode profile) {
        List<String> keys = new ArrayList<>();
        for (JsonNode record : profile.get("records")) {
            JsonNode key = record.get("record").get("key");
            keys.add(key.get("source").asText() + "/" + key.get("table").asText() + "/" + key.get("pk").asText());
        }
        keys.sort(String::compareTo);
        return keys;
    }

    private static Connection connect(DatabaseEndpoint db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
