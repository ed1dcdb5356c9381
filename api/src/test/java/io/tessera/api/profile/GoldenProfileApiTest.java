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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden record and the history of a profile on real servers: a person in the CRM and the ERP, one email
 * spelled two ways; the golden record keeps the email once with both sources, takes the name of the record changed
 * last, follows a rename in the CRM, and the history shows the rename as a change from the old name to the new.
 */
class GoldenProfileApiTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void theGoldenRecordNamesTheSourceOfEveryValueAndFollowsChanges() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Inés Dorado Mármol", "ines.dorado@golden-example.es",
                "+34 611 22 33 44", "Calle del Oro 3", "28001");
        RunningTessera.insertErpIndividual("CUST-GOLD-00001", "INES DORADO MARMOL", "Ines.Dorado@Golden-Example.es");
        String crm = "crm/res_partner/" + crmId;
        String path = "/api/v1/records/crm/res_partner/" + crmId + "/profile";

        JsonNode profile = awaitProfile(path, p -> recordKeys(p).size() == 2);
        assertThat(recordKeys(profile)).containsExactly(crm, "erp/tabCustomer/CUST-GOLD-00001");
        JsonNode golden = profile.get("golden");

        JsonNode emails = golden.get("attributes").get("emails");
        assertThat(emails.get("rule").asText()).isEqualTo("keep-all");
        assertThat(emails.get("values")).as("one address, however each source spells it").hasSize(1);
        assertThat(sources(emails.get("values").get(0))).containsExactlyInAnyOrder(crm,
                "erp/tabCustomer/CUST-GOLD-00001");

        JsonNode latest = lastChanged(profile);
        JsonNode name = golden.get("attributes").get("name");
        assertThat(name.get("rule").asText()).isEqualTo("most-recent");
        assertThat(key(name.get("source").get("record"))).isEqualTo(key(latest.get("key")));
        assertThat(name.get("value").get("full").asText()).isEqualTo(latest.get("attributes").get("fullName").asText());
        assertThat(name.get("source").get("system").asText()).isEqualTo(latest.get("key").get("source").asText());
        assertThat(profile.get("displayName").asText()).isEqualTo(name.get("value").get("full").asText());

        JsonNode phones = golden.get("attributes").get("phones");
        assertThat(phones.get("values").get(0).get("value").asText()).isEqualTo("+34 611 22 33 44");
        assertThat(sources(phones.get("values").get(0))).containsExactly(crm);
        assertThat(golden.get("recordsBySource").get("crm").asInt()).isEqualTo(1);
        assertThat(golden.get("recordsBySource").get("erp").asInt()).isEqualTo(1);
        Instant firstSeen = Instant.parse(golden.get("firstSeen").asText());
        assertThat(firstSeen).isBeforeOrEqualTo(Instant.parse(golden.get("lastSeen").asText()));

        try (Connection db = RunningTessera.crm()) {
            db.createStatement().executeUpdate("UPDATE res_partner SET name = 'Inés Dorado Mármol de la Vega', "
                    + "write_date = now() WHERE id = " + crmId);
        }
        JsonNode renamed = awaitProfile(path, p -> "Inés Dorado Mármol de la Vega".equals(
                p.get("golden").get("attributes").get("name").get("value").path("full").asText()));
        assertThat(key(renamed.get("golden").get("attributes").get("name").get("source").get("record"))).isEqualTo(crm);
        assertThat(renamed.get("displayName").asText()).isEqualTo("Inés Dorado Mármol de la Vega");
        assertThat(renamed.get("golden").get("firstSeen").asText()).as("a change is not a first sighting")
                .isEqualTo(golden.get("firstSeen").asText());

        String id = renamed.get("profileId").asText();
        JsonNode history = json(getAsAdmin("/api/v1/profiles/" + id + "/history?size=500"));
        List<String> updates = new ArrayList<>();
        for (JsonNode event : history.get("events")) {
            if (event.get("type").asText().equals("record-updated") && key(event.get("record")).equals(crm)) {
                for (JsonNode change : event.path("changes")) {
                    updates.add(change.get("attribute").asText() + ": " + change.get("before").asText() + " -> "
                            + change.get("after").asText());
                }
            }
        }
        assertThat(updates).contains("full-name: Inés Dorado Mármol -> Inés Dorado Mármol de la Vega");
        assertThat(history.get("events").get(0).get("sequence").asLong()).isZero();
        int total = history.get("totalEvents").asInt();
        assertThat(total).isEqualTo(history.get("events").size());

        JsonNode second = json(getAsAdmin("/api/v1/profiles/" + id + "/history?page=1&size=1"));
        assertThat(second.get("events")).hasSize(1);
        assertThat(second.get("events").get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(json(getAsAdmin("/api/v1/profiles/" + id + "/history?page=" + total + "&size=1")).get("events"))
                .isEmpty();
    }

    @Test
    void historyRejectsBadPagingAndUnknownProfilesWithTheFix() {
        HttpResponse<String> tooBig = getAsAdmin("/api/v1/profiles/any/history?size=501");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("'size' must be between 1 and 500");
        HttpResponse<String> unknown = getAsAdmin("/api/v1/profiles/no-such-profile/history");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No profile has id 'no-such-profile'");
    }

    /** The record of the profile changed last in its source. */
    private static JsonNode lastChanged(JsonNode profile) {
        JsonNode latest = null;
        for (JsonNode view : profile.get("records")) {
            JsonNode record = view.get("record");
            if (latest == null || Instant.parse(record.get("changedAt").asText())
                    .isAfter(Instant.parse(latest.get("changedAt").asText()))) {
                latest = record;
            }
        }
        return latest;
    }

    private static List<String> sources(JsonNode keptValue) {
        List<String> keys = new ArrayList<>();
        keptValue.get("sources").forEach(source -> keys.add(key(source.get("record"))));
        return keys;
    }

    private static String key(JsonNode key) {
        return key.get("source").asText() + "/" + key.get("table").asText() + "/" + key.get("pk").asText();
    }
}
