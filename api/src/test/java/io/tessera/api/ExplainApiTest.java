package io.tessera.api;

import static io.tessera.api.RunningTessera.ANALYST;
import static io.tessera.api.RunningTessera.ANALYST_PASSWORD;
import static io.tessera.api.RunningTessera.MARKETER;
import static io.tessera.api.RunningTessera.MARKETER_PASSWORD;
import static io.tessera.api.RunningTessera.get;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Why are these records one profile, and why not" (DESIGN invariant 4) on real servers: one person in the CRM and
 * the ERP is explained while linked by the email, and again after the ERP email changed and the profile split.
 */
class ExplainApiTest {

    private static final String ERP_PK = "CUST-EXPLAIN-00001";
    private static final String ERP_KEY = "erp/tabCustomer/" + ERP_PK;
    /** Every value of the two rows, as a response might spell it; none may appear in an explanation. */
    private static final List<String> VALUES = List.of("rosa", "beltr", "ibanez", "ibáñez", "explica-e2e",
            "otro-e2e", "622334455", "toledo", "28005");

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void explainsWhyTwoRecordsAreOneProfileAndWhyNotAfterTheEvidenceEnded() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Rosa María Beltrán-Ibáñez", "rosa.beltran.ibanez@explica-e2e.es",
                "+34 622 33 44 55", "Calle de Toledo 40", "28005");
        RunningTessera.insertErpIndividual(ERP_PK, "ROSA MARIA BELTRAN IBANEZ", " Rosa.Beltran.Ibanez@Explica-E2E.es");
        String crmKey = "crm/res_partner/" + crmId;
        String crmProfilePath = "/api/v1/records/" + crmKey + "/profile";
        String pairPath = "/api/v1/explain?a=" + crmKey + "&b=" + ERP_KEY;
        JsonNode merged = RunningTessera.awaitProfile(crmProfilePath, p -> p.get("records").size() == 2);
        String profileId = merged.get("profileId").asText();
        String profilePath = "/api/v1/profiles/" + profileId + "/explain";

        // Why one profile: the pair, attribute by attribute.
        HttpResponse<String> linked = get(pairPath, ANALYST, ANALYST_PASSWORD);
        assertThat(linked.statusCode()).isEqualTo(200);
        assertNoValues(linked);
        JsonNode pair = json(linked);
        assertThat(pair.get("a").asText()).isEqualTo(crmKey);
        assertThat(pair.get("b").asText()).isEqualTo(ERP_KEY);
        assertThat(pair.get("sameProfile").asBoolean()).isTrue();
        assertThat(pair.get("profileOfA").asText()).isEqualTo(profileId);
        JsonNode explanation = pair.get("explanation");
        assertThat(explanation.get("verdict").asText()).isEqualTo("LINKED");
        assertThat(explanation.get("reason").asText()).isEqualTo("AT_OR_ABOVE_THRESHOLD");
        JsonNode email = attribute(explanation, "email");
        assertThat(email.get("level").asText()).isEqualTo("exact");
        assertThat(email.get("weight").asDouble()).isPositive();
        assertThat(explanation.get("sharedBlockingKeys").toString()).contains("email");
        assertThat(explanation.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(explanation.get("note").asText()).contains("cardinality").doesNotContain("null");

        // Why one profile: the profile's links, as stored and as scored now.
        HttpResponse<String> profile = get(profilePath, ANALYST, ANALYST_PASSWORD);
        assertThat(profile.statusCode()).isEqualTo(200);
        assertNoValues(profile);
        JsonNode why = json(profile);
        assertThat(why.get("active").asBoolean()).isTrue();
        assertThat(texts(why.get("members"))).containsExactly(crmKey, ERP_KEY);
        assertThat(why.get("links")).singleElement().satisfies(link -> {
            assertThat(link.get("rule").asText()).isEqualTo("fellegi-sunter");
            assertThat(link.get("detail").asText()).contains("email exact");
            assertThat(attribute(link.get("explanation"), "email").get("level").asText()).isEqualTo("exact");
        });
        assertThat(why.get("history")).isNotEmpty();

        // The ERP email changes: the only strong evidence ends and the profile splits.
        try (Connection erp = RunningTessera.erp()) {
            erp.createStatement().executeUpdate("UPDATE `tabCustomer` SET email_id = 'rb.1970@otro-e2e.es', "
                    + "modified = NOW(6) WHERE name = '" + ERP_PK + "'");
        }
        RunningTessera.awaitProfile(crmProfilePath, p -> p.get("records").size() == 1);

        JsonNode split = RunningTessera.awaitProfile(profilePath, p -> entries(p, "SPLIT").size() == 1
                && entries(p, "SPLIT").getFirst().get("otherProfiles").size() == 1);
        assertNoValues(getAsAdmin(profilePath));
        JsonNode splitEntry = entries(split, "SPLIT").getFirst();
        assertThat(texts(splitEntry.get("left"))).containsExactly(ERP_KEY);
        assertThat(splitEntry.get("cause").asText()).isEqualTo(ERP_KEY);
        assertThat(splitEntry.get("endedLinks")).singleElement().satisfies(link -> {
            assertThat(link.get("a").asText()).isEqualTo(crmKey);
            assertThat(link.get("b").asText()).isEqualTo(ERP_KEY);
            assertThat(link.get("detail").asText()).contains("email exact");
            assertThat(attribute(link.get("explanation"), "email").get("level").asText()).isNotEqualTo("exact");
        });
        String erpProfile = splitEntry.get("otherProfiles").get(0).asText();
        assertThat(split.get("links")).isEmpty();

        // The other side says where it came from and which link ended.
        JsonNode splitOff = json(get("/api/v1/profiles/" + erpProfile + "/explain", ANALYST, ANALYST_PASSWORD));
        assertThat(entries(splitOff, "SPLIT_OFF")).singleElement().satisfies(entry -> {
            assertThat(texts(entry.get("otherProfiles"))).containsExactly(profileId);
            assertThat(entry.get("endedLinks")).singleElement()
                    .satisfies(link -> assertThat(link.get("detail").asText()).contains("email exact"));
        });

        // Why not, now.
        HttpResponse<String> apart = get(pairPath, ANALYST, ANALYST_PASSWORD);
        assertThat(apart.statusCode()).isEqualTo(200);
        assertNoValues(apart);
        JsonNode notLinked = json(apart);
        assertThat(notLinked.get("sameProfile").asBoolean()).isFalse();
        assertThat(notLinked.get("profileOfB").asText()).isEqualTo(erpProfile);
        assertThat(notLinked.get("explanation").get("verdict").asText()).isEqualTo("NOT_LINKED");
        assertThat(notLinked.get("explanation").get("reason").asText())
                .isIn("BELOW_THRESHOLD", "NO_SHARED_BLOCKING_KEY", "CANNOT_LINK");
        assertThat(notLinked.get("explanation").get("summary").asText()).startsWith("Not linked");
        assertThat(attribute(notLinked.get("explanation"), "email").get("level").asText()).isNotEqualTo("exact");
    }

    @Test
    void onlyAnalystsPrivacyOfficersAndAdminsMayAskWhy() {
        String anyRecord = "/api/v1/explain?a=crm/res_partner/1&b=erp/tabCustomer/CUST-00001";
        HttpResponse<String> marketer = get(anyRecord, MARKETER, MARKETER_PASSWORD);
        assertThat(marketer.statusCode()).isEqualTo(403);
        assertThat(marketer.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(get("/api/v1/profiles/any-id/explain", MARKETER, MARKETER_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/profiles/any-id/explain", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/profiles/any-id/explain", ANALYST, ANALYST_PASSWORD).statusCode()).isEqualTo(404);
        // The profile itself stays readable for marketers.
        assertThat(get("/api/v1/profiles/any-id", MARKETER, MARKETER_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownRecordsAndProfilesAre404AndMalformedKeys400() {
        HttpResponse<String> unknown = getAsAdmin("/api/v1/explain?a=crm/res_partner/999999999&b=" + ERP_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(unknown).get("detail").asText()).contains("crm/res_partner/999999999")
                .contains("/api/v1/profiles");

        HttpResponse<String> malformed = getAsAdmin("/api/v1/explain?a=res_partner-42&b=" + ERP_KEY);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("detail").asText()).contains("source/table/pk").contains("'a'");

        HttpResponse<String> missing = getAsAdmin("/api/v1/explain?a=crm/res_partner/1");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("detail").asText()).contains("'b'").contains("source/table/pk");

        HttpResponse<String> noProfile = getAsAdmin("/api/v1/profiles/no-such-profile/explain");
        assertThat(noProfile.statusCode()).isEqualTo(404);
        assertThat(json(noProfile).get("detail").asText()).contains("no-such-profile");
    }

    @Test
    void theOpenApiDocumentDescribesBothEndpoints() {
        JsonNode paths = json(getAsAdmin("/v3/api-docs")).get("paths");
        assertThat(paths.path("/api/v1/explain").path("get").path("summary").asText()).contains("Why two records");
        assertThat(paths.path("/api/v1/profiles/{id}/explain").path("get").path("summary").asText())
                .contains("Why a profile");
    }

    private static JsonNode attribute(JsonNode explanation, String name) {
        for (JsonNode attribute : explanation.get("attributes")) {
            if (attribute.get("attribute").asText().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError("No attribute " + name + " in " + explanation);
    }

    private static List<JsonNode> entries(JsonNode profile, String type) {
        List<JsonNode> entries = new ArrayList<>();
        profile.get("history").forEach(entry -> {
            if (entry.get("type").asText().equals(type)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static void assertNoValues(HttpResponse<String> response) {
        String body = response.body().toLowerCase(Locale.ROOT);
        for (String value : VALUES) {
            assertThat(body).as("an explanation shows no value").doesNotContain(value);
        }
    }
}
