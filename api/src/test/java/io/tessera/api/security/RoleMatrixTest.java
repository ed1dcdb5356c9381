package io.tessera.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.api.RunningTessera;
import io.tessera.infra.demo.CrmPartner;
import io.tessera.infra.demo.DemoDataGenerator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each role may call, on the running Tessera: every endpoint against every role and an anonymous caller. A
 * refusal is 401 without credentials and 403 with a role that does not allow it, both as problem documents.
 */
class RoleMatrixTest {

    /** The callers: anonymous, then one user per role. */
    enum Caller {
        ANONYMOUS(null, null),
        ANALYST(RunningTessera.ANALYST, RunningTessera.ANALYST_PASSWORD),
        MARKETER(RunningTessera.MARKETER, RunningTessera.MARKETER_PASSWORD),
        SALES_OPS(RunningTessera.SALES_OPS, RunningTessera.SALES_OPS_PASSWORD),
        PRIVACY_OFFICER(RunningTessera.PRIVACY_OFFICER, RunningTessera.PRIVACY_OFFICER_PASSWORD),
        ADMIN(RunningTessera.ADMIN, RunningTessera.ADMIN_PASSWORD);

        final String user;
        final String password;

        Caller(String user, String password) {
            this.user = user;
            this.password = password;
        }
    }

    /**
     * Each endpoint with the status of each caller, in {@link Caller} order. {@code {profile}}, {@code {record}} and
     * {@code {other}} stand for a demo profile and two demo records.
     */
    enum Endpoint {
        HEALTH("/actuator/health", 200, 200, 200, 200, 200, 200),
        PROFILE("/api/v1/profiles/{profile}", 401, 200, 200, 200, 200, 200),
        SEARCH("/api/v1/profiles?q=garcia", 401, 200, 200, 200, 200, 200),
        EXPORT("/api/v1/profiles/export", 401, 200, 403, 403, 403, 200),
        RECORD("/api/v1/records/{record}/profile", 401, 200, 200, 200, 200, 200),
        EXPLAIN_PAIR("/api/v1/explain?a={record}&b={other}", 401, 200, 403, 403, 200, 200),
        EXPLAIN_PROFILE("/api/v1/profiles/{profile}/explain", 401, 200, 403, 403, 200, 200),
        SOURCES("/api/v1/sources", 401, 403, 403, 403, 403, 200),
        METRICS("/actuator/metrics", 401, 403, 403, 403, 403, 200),
        AUDIT("/api/v1/audit", 401, 403, 403, 403, 200, 200),
        HISTORY("/api/v1/profiles/{profile}/history", 401, 200, 200, 200, 200, 200),
        CONSENTS("/api/v1/profiles/{profile}/consents", 401, 200, 200, 200, 200, 200),
        SUBJECT_ACCESS("/api/v1/privacy/export?profileId={profile}", 401, 403, 403, 403, 200, 200),
        READ_MODEL_DIGEST("/api/v1/admin/read-models/digest", 401, 403, 403, 403, 403, 200),
        DEAD_LETTERS("/api/v1/admin/dead-letters?limit=5", 401, 403, 403, 403, 403, 200),
        CONTACTS("/api/v1/contacts/export?channel=email", 401, 403, 200, 200, 403, 200);

        final String path;
        final int[] statuses;

        Endpoint(String path, int... statuses) {
            this.path = path;
            this.statuses = statuses;
        }
    }

    private static Map<String, String> placeholders;

    @BeforeAll
    static void demoProfileAndRecords() {
        RunningTessera.get();
        List<String> records = new ArrayList<>();
        for (CrmPartner partner : new DemoDataGenerator().generate(RunningTessera.DEMO_PEOPLE).crmPartners()) {
            if (!partner.company() && records.size() < 2) {
                records.add("crm/res_partner/" + partner.id());
            }
        }
        String profile = RunningTessera.awaitProfile("/api/v1/records/" + records.get(0) + "/profile", p -> true)
                .get("profileId").asText();
        RunningTessera.awaitProfile("/api/v1/records/" + records.get(1) + "/profile", p -> true);
        placeholders = Map.of("{profile}", profile, "{record}", records.get(0), "{other}", records.get(1));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(endpoint, caller, endpoint.statuses[caller.ordinal()]));
            }
        }
        return cases.stream();
    }

    /**
     * Recording consent, in {@link Caller} order. The body lacks {@code granted}, so an allowed caller gets 400 and
     * nothing is recorded, while a caller without the role is refused before the body is read.
     */
    private static final int[] STATE_CONSENT = {401, 403, 400, 400, 400, 400};

    static Stream<Arguments> consentMatrix() {
        return Stream.of(Caller.values()).map(caller -> Arguments.of(caller, STATE_CONSENT[caller.ordinal()]));
    }

    @ParameterizedTest(name = "PUT consent as {0}: {1}")
    @MethodSource("consentMatrix")
    void onlyTheRolesThatTalkToCustomersRecordConsent(Caller caller, int expected) throws Exception {
        HttpResponse<String> response = RunningTessera.put("/api/v1/profiles/" + placeholders.get("{profile}")
                + "/consents/email", "{}", caller.user, caller.password);
        assertThat(response.statusCode()).as("PUT consent as %s: %s", caller, response.body()).isEqualTo(expected);
    }

    /**
     * Lifting a suppression, in {@link Caller} order. The demo record is not suppressed, so an allowed caller gets 404
     * and nothing changes, while a caller without the role is refused first.
     */
    private static final int[] LIFT_SUPPRESSION = {401, 403, 403, 403, 404, 404};

    static Stream<Arguments> liftMatrix() {
        return Stream.of(Caller.values()).map(caller -> Arguments.of(caller, LIFT_SUPPRESSION[caller.ordinal()]));
    }

    @ParameterizedTest(name = "DELETE suppression as {0}: {1}")
    @MethodSource("liftMatrix")
    void onlyPrivacyWorkLiftsASuppression(Caller caller, int expected) throws Exception {
        HttpResponse<String> response = RunningTessera.delete("/api/v1/privacy/suppressions?record="
                + placeholders.get("{record}"), caller.user, caller.password);
        assertThat(response.statusCode()).as("DELETE suppression as %s: %s", caller, response.body())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("matrix")
    void eachRoleGetsWhatItIsAllowed(Endpoint endpoint, Caller caller, int expected) {
        String path = endpoint.path;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            path = path.replace(placeholder.getKey(), placeholder.getValue());
        }
        HttpResponse<String> response = RunningTessera.get(path, caller.user, caller.password,
                Map.of("X-Purpose", "role matrix test"));
        assertThat(response.statusCode()).as("%s %s as %s: %s", endpoint, path, caller, response.body())
                .isEqualTo(expected);
        if (expected == 401 || expected == 403) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        if (expected == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"tessera\"");
        }
    }
}
