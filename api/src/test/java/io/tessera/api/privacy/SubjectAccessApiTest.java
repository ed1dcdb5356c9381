package io.tessera.api.privacy;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static io.tessera.api.RunningTessera.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subject access on real servers: a person in the CRM and the ERP asks what Tessera holds about her; the export
 * finds her by her email however she spells it, by one of her records, or by profile id, and holds her profile with
 * its records, consents and full history.
 */
class SubjectAccessApiTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void theExportHoldsEveryProfileOfThePersonWithRecordsAndHistory() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Begoña Acceso Ruiz", "begona.acceso@subject-example.es",
                "+34 644 55 66 77", "Calle Clara 2", "28002");
        RunningTessera.insertErpIndividual("CUST-SAR-00001", "BEGOÑA ACCESO RUIZ", "Begona.Acceso@Subject-Example.es");
        String crm = "crm/res_partner/" + crmId;
        JsonNode profile = awaitProfile("/api/v1/records/crm/res_partner/" + crmId + "/profile",
                p -> recordKeys(p).size() == 2);
        String id = profile.get("profileId").asText();

        HttpResponse<String> byEmail = getAsAdmin("/api/v1/privacy/export?email=%20BEGONA.ACCESO@subject-example.es");
        assertThat(byEmail.statusCode()).as(byEmail.body()).isEqualTo(200);
        assertThat(byEmail.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).contains("attachment"));
        JsonNode export = json(byEmail);
        assertThat(export.get("profiles")).hasSize(1);
        JsonNode held = export.get("profiles").get(0);
        assertThat(held.get("profile").get("profileId").asText()).isEqualTo(id);
        assertThat(recordKeys(held.get("profile"))).containsExactly(crm, "erp/tabCustomer/CUST-SAR-00001");
        assertThat(held.get("profile").get("golden").get("attributes").get("emails").get("values")).hasSize(1);
        List<String> linked = new ArrayList<>();
        for (JsonNode event : held.get("history")) {
            if (event.get("type").asText().equals("record-linked")) {
                JsonNode key = event.get("record");
                linked.add(key.get("source").asText() + "/" + key.get("table").asText() + "/" + key.get("pk").asText());
            }
        }
        assertThat(linked).contains(crm, "erp/tabCustomer/CUST-SAR-00001");

        assertThat(json(getAsAdmin("/api/v1/privacy/export?record=" + crm)).get("profiles").get(0).get("profile")
                .get("profileId").asText()).isEqualTo(id);
        assertThat(json(getAsAdmin("/api/v1/privacy/export?profileId=" + id)).get("profiles")).hasSize(1);
    }

    @Test
    void anUnknownPersonOrAnAmbiguousRequestIsAnsweredWithTheFix() {
        HttpResponse<String> unknown = getAsAdmin("/api/v1/privacy/export?email=nobody@nowhere-example.es");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("holds no record of this person").doesNotContain("nobody@");
        HttpResponse<String> both = getAsAdmin("/api/v1/privacy/export?email=a@b.es&profileId=x");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("exactly one of 'email'");
        HttpResponse<String> marketer = RunningTessera.get("/api/v1/privacy/export?email=a@b.es",
                RunningTessera.MARKETER, RunningTessera.MARKETER_PASSWORD);
        assertThat(marketer.statusCode()).as("subject access is for privacy officers and admins").isEqualTo(403);
    }
}
