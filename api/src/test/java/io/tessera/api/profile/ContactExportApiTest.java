package io.tessera.api.profile;

import static io.tessera.api.RunningTessera.awaitProfile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.api.RunningTessera;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contact export on real servers: a person is in the email list only once she consented, with her golden email,
 * and out of it in the very next export after she withdraws; the phone list and other purposes are apart; only the
 * roles that contact customers may export, never pseudonymised callers.
 */
class ContactExportApiTest {

    private static final String EMAIL = "amparo.listas@contacts-example.es";

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void aPersonIsListedOnlyWhileHerConsentIsInForce() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Amparo Listas Vela", EMAIL, "+34 622 11 22 33",
                "Calle Envío 3", "28005");
        String id = awaitProfile("/api/v1/records/crm/res_partner/" + crmId + "/profile", p -> true)
                .get("profileId").asText();
        assertThat(exportLines("email", "marketing")).as("no statement yet: consent is opt-in")
                .noneMatch(line -> line.startsWith(id));

        consent(id, "email", "{\"granted\": true}");
        List<String> granted = exportLines("email", "marketing");
        assertThat(granted.getFirst()).isEqualTo("profile_id,name,contact,consent_since");
        assertThat(granted).filteredOn(line -> line.startsWith(id)).singleElement()
                .satisfies(line -> assertThat(line).contains("Amparo Listas Vela").contains(EMAIL));
        assertThat(exportLines("sms", "marketing")).as("email consent says nothing about SMS")
                .noneMatch(line -> line.startsWith(id));
        assertThat(exportLines("email", "service")).as("nor about another purpose")
                .noneMatch(line -> line.startsWith(id));

        consent(id, "sms", "{\"granted\": true}");
        assertThat(exportLines("sms", "marketing")).filteredOn(line -> line.startsWith(id)).singleElement()
                .satisfies(line -> assertThat(line).contains("+34 622 11 22 33"));

        consent(id, "email", "{\"granted\": false, \"note\": \"unsubscribe link\"}");
        assertThat(exportLines("email", "marketing")).as("withdrawn: out of the very next export")
                .noneMatch(line -> line.startsWith(id));
        assertThat(exportLines("sms", "marketing")).anyMatch(line -> line.startsWith(id));
    }

    @Test
    void onlyTheRolesThatContactCustomersExportAndBadChannelsAreNamed() {
        String path = "/api/v1/contacts/export?channel=email";
        assertThat(RunningTessera.get(path, RunningTessera.MARKETER, RunningTessera.MARKETER_PASSWORD).statusCode())
                .isEqualTo(200);
        assertThat(RunningTessera.get(path, RunningTessera.SALES_OPS, RunningTessera.SALES_OPS_PASSWORD).statusCode())
                .isEqualTo(200);
        assertThat(RunningTessera.get(path, RunningTessera.ANALYST, RunningTessera.ANALYST_PASSWORD).statusCode())
                .isEqualTo(403);
        assertThat(RunningTessera.get(path, RunningTessera.PRIVACY_OFFICER, RunningTessera.PRIVACY_OFFICER_PASSWORD)
                .statusCode()).isEqualTo(403);
        HttpResponse<String> fax = RunningTessera.getAsAdmin("/api/v1/contacts/export?channel=fax");
        assertThat(fax.statusCode()).isEqualTo(400);
        assertThat(fax.body()).contains("email, sms, whatsapp, phone, post");
    }

    private static void consent(String profileId, String channel, String body) {
        HttpResponse<String> response = RunningTessera.put("/api/v1/profiles/" + profileId + "/consents/" + channel,
                body, RunningTessera.MARKETER, RunningTessera.MARKETER_PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static List<String> exportLines(String channel, String purpose) {
        HttpResponse<String> export = RunningTessera.get("/api/v1/contacts/export?channel=" + channel + "&purpose="
                + purpose, RunningTessera.MARKETER, RunningTessera.MARKETER_PASSWORD);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        return export.body().lines().toList();
    }
}
