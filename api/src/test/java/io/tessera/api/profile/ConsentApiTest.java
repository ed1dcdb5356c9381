package io.tessera.api.profile;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static io.tessera.api.RunningTessera.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consent through the API on real servers: a person withdraws email consent, the withdrawal is in force at once,
 * an older statement does not undo it, it is in the profile's history, and it stays with the person when her
 * profile merges with her ERP record.
 */
class ConsentApiTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void aWithdrawalIsInForceAtOnceOutlivesOlderStatementsAndFollowsTheMerge() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Rocío Consentido Pardo", "rocio.pardo@consent-example.es",
                "+34 633 44 55 66", "Calle Libre 9", "28004");
        String crm = "crm/res_partner/" + crmId;
        String path = "/api/v1/records/crm/res_partner/" + crmId + "/profile";
        String id = awaitProfile(path, p -> true).get("profileId").asText();

        HttpResponse<String> withdrawn = put("/api/v1/profiles/" + id + "/consents/email",
                "{\"granted\": false, \"note\": \"unsubscribe link\"}", RunningTessera.MARKETER,
                RunningTessera.MARKETER_PASSWORD);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(consents(json(withdrawn))).containsExactly("email/marketing=false by api mark");
        assertThat(consents(json(getAsAdmin("/api/v1/profiles/" + id)))).containsExactly(
                "email/marketing=false by api mark");

        HttpResponse<String> older = put("/api/v1/profiles/" + id + "/consents/EMAIL",
                "{\"granted\": true, \"statedAt\": \"2020-01-01T00:00:00Z\"}", RunningTessera.ADMIN,
                RunningTessera.ADMIN_PASSWORD);
        assertThat(older.statusCode()).as(older.body()).isEqualTo(200);
        assertThat(consents(json(older))).as("the latest statement wins, not the last one recorded")
                .containsExactly("email/marketing=false by api mark");
        HttpResponse<String> sms = put("/api/v1/profiles/" + id + "/consents/sms",
                "{\"granted\": true, \"purpose\": \"Service\"}", RunningTessera.ADMIN, RunningTessera.ADMIN_PASSWORD);
        assertThat(consents(json(sms))).containsExactly("email/marketing=false by api mark",
                "sms/service=true by api admin");

        List<String> statements = new ArrayList<>();
        for (JsonNode event : json(getAsAdmin("/api/v1/profiles/" + id + "/history?size=500")).get("events")) {
            if (event.get("type").asText().equals("consent-stated")) {
                JsonNode consent = event.get("consent");
                statements.add(consent.get("channel").asText() + " " + consent.get("granted").asBoolean() + " "
                        + consent.get("statedBy").asText());
            }
        }
        assertThat(statements).containsExactly("email false mark", "email true admin", "sms true admin");

        // Her ERP record shares the email: the profiles merge, whichever id survives, and the withdrawal stays.
        RunningTessera.insertErpIndividual("CUST-CONSENT-1", "ROCIO CONSENTIDO PARDO", "rocio.pardo@consent-example.es");
        JsonNode merged = awaitProfile(path, p -> recordKeys(p).size() == 2);
        assertThat(recordKeys(merged)).containsExactly(crm, "erp/tabCustomer/CUST-CONSENT-1");
        JsonNode settled = awaitProfile(path, p -> consents(p).contains("email/marketing=false by api mark"));
        assertThat(consents(settled)).containsExactly("email/marketing=false by api mark",
                "sms/service=true by api admin");
    }

    @Test
    void aSourceStatementIsNotRestatedByAnUnrelatedChangeOfItsRow() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Ximena Baja Soto", "ximena.soto@consent-example.es",
                "+34 655 10 20 30", "Calle Alta 4", "28005");
        String path = "/api/v1/records/crm/res_partner/" + crmId + "/profile";
        try (Connection crm = RunningTessera.crm()) {
            crm.createStatement().executeUpdate("UPDATE res_partner SET opt_out = true, write_date = now() "
                    + "WHERE id = " + crmId);
        }
        String id = awaitProfile(path, p -> consents(p).contains("email/marketing=false by crm"))
                .get("profileId").asText();

        // She subscribes again by phone; later the CRM row changes for another reason (a new phone number).
        HttpResponse<String> granted = put("/api/v1/profiles/" + id + "/consents/email", "{\"granted\": true}",
                RunningTessera.ADMIN, RunningTessera.ADMIN_PASSWORD);
        assertThat(consents(json(granted))).containsExactly("email/marketing=true by api admin");
        try (Connection crm = RunningTessera.crm()) {
            crm.createStatement().executeUpdate("UPDATE res_partner SET phone = '+34 655 10 20 99', "
                    + "write_date = now() WHERE id = " + crmId);
        }
        JsonNode changed = awaitProfile(path, p -> p.toString().contains("+34 655 10 20 99"));
        assertThat(consents(changed)).as("the CRM's opt-out dates from when it was set, before the new consent")
                .containsExactly("email/marketing=true by api admin");
    }

    @Test
    void badStatementsAreRefusedWithWhatToSendInstead() throws Exception {
        String id = awaitProfile("/api/v1/records/crm/res_partner/1/profile", p -> true).get("profileId").asText();
        String admin = RunningTessera.ADMIN;
        String password = RunningTessera.ADMIN_PASSWORD;

        HttpResponse<String> fax = put("/api/v1/profiles/" + id + "/consents/fax", "{\"granted\": true}", admin,
                password);
        assertThat(fax.statusCode()).isEqualTo(400);
        assertThat(fax.body()).contains("Unknown consent channel 'fax'; use one of email, sms, whatsapp, phone, post");

        HttpResponse<String> noGrant = put("/api/v1/profiles/" + id + "/consents/email", "{}", admin, password);
        assertThat(noGrant.statusCode()).isEqualTo(400);
        assertThat(noGrant.body()).contains("Field 'granted' is required");

        HttpResponse<String> notJson = put("/api/v1/profiles/" + id + "/consents/email", "{granted: no", admin,
                password);
        assertThat(notJson.statusCode()).isEqualTo(400);

        HttpResponse<String> future = put("/api/v1/profiles/" + id + "/consents/email",
                "{\"granted\": true, \"statedAt\": \"2999-01-01T00:00:00Z\"}", admin, password);
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("'statedAt' is in the future");

        HttpResponse<String> unknown = put("/api/v1/profiles/no-such-profile/consents/email", "{\"granted\": true}",
                admin, password);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No profile has id 'no-such-profile'");

        HttpResponse<String> anonymous = put("/api/v1/profiles/" + id + "/consents/email", "{\"granted\": true}",
                null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    /** Each consent in force as {@code channel/purpose=granted by system statedBy}. */
    private static List<String> consents(JsonNode profile) {
        List<String> lines = new ArrayList<>();
        for (JsonNode consent : profile.get("consents")) {
            JsonNode source = consent.get("source");
            lines.add(consent.get("channel").asText() + "/" + consent.get("purpose").asText() + "="
                    + consent.get("granted").asBoolean() + " by " + source.get("system").asText()
                    + (source.has("statedBy") ? " " + source.get("statedBy").asText() : ""));
        }
        return lines;
    }

    private static HttpResponse<String> put(String path, String body, String user, String password) {
        return RunningTessera.put(path, body, user, password);
    }
}
