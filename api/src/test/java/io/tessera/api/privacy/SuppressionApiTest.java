package io.tessera.api.privacy;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static io.tessera.api.RunningTessera.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import io.tessera.contracts.SourceRecord;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suppression list on real servers: an erased CRM person whose row changes again does not come back, while an
 * unrelated change made after hers does; the list keeps no clear key, email or name; once a privacy officer lifts the
 * suppression, her next change passes capture again and brings her back into her profile with the new values only,
 * while everything stored of her before the erasure still reads as erased.
 */
class SuppressionApiTest {

    private static final String NAME = "Eulalia Supresora Olvidada";
    private static final String EMAIL = "eulalia.supresora@suppression-example.es";
    private static final String WITNESS = "Teodoro Testigo Vigilante";
    private static final String RETURNED_NAME = "Leocadia Regresada Presente";
    private static final String RETURNED_EMAIL = "leocadia.regresada@suppression-example.es";

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void anErasedPersonStaysAwayThroughCdcUntilHerSuppressionIsLifted() throws Exception {
        long erasedId = RunningTessera.insertCrmPerson(NAME, EMAIL, "+34 611 22 33 44", "Calle Silencio 3", "28014");
        long witnessId = RunningTessera.insertCrmPerson(WITNESS, "teodoro.testigo@suppression-example.es",
                "+34 622 33 44 55", "Calle Vigía 8", "28015");
        String erasedPath = "/api/v1/records/crm/res_partner/" + erasedId + "/profile";
        String witnessPath = "/api/v1/records/crm/res_partner/" + witnessId + "/profile";
        String firstProfile = awaitProfile(erasedPath, p -> recordKeys(p).size() == 1).get("profileId").asText();
        awaitProfile(witnessPath, p -> true);
        // A change before the erasure: an update event that names values before and after, sealed with her first key.
        updateCrm("UPDATE res_partner SET street = 'Calle Silencio 5', write_date = now() WHERE id = ?", erasedId);
        awaitProfile(erasedPath, p -> p.toString().contains("Calle Silencio 5"));

        HttpResponse<String> erased = RunningTessera.post("/api/v1/privacy/erasure",
                "{\"profileId\": \"" + firstProfile + "\"}", RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        String erasureId = json(erased).get("erasureId").asText();
        double droppedBefore = suppressedCount();

        // Her row changes in the source; afterwards an unrelated row does. Capture reads the source in commit order,
        // so once the later change shows, hers has been through the pipeline too.
        updateCrm("UPDATE res_partner SET phone = '+34 611 99 88 77', write_date = now() WHERE id = ?", erasedId);
        updateCrm("UPDATE res_partner SET name = name || ' Segundo', write_date = now() WHERE id = ?", witnessId);
        awaitProfile(witnessPath, p -> p.toString().contains("Segundo"));
        assertThat(getAsAdmin(erasedPath).statusCode()).as("the erased person is still absent").isEqualTo(404);
        assertThat(suppressedCount()).as("the dropped change is counted").isGreaterThan(droppedBefore);

        List<List<String>> rows = suppressionRows();
        assertThat(rows).anySatisfy(row -> assertThat(row.get(1)).isEqualTo(erasureId));
        String clearKey = "crm/res_partner/" + erasedId;
        for (List<String> row : rows) {
            String text = String.join(" ", row).toLowerCase(Locale.ROOT);
            assertThat(text).doesNotContain(clearKey).doesNotContain(EMAIL).doesNotContain("supresora");
            assertThat(row.get(0)).matches("[0-9a-f]{32,}");
        }

        // Only privacy work may lift.
        assertThat(lift(clearKey, RunningTessera.MARKETER, RunningTessera.MARKETER_PASSWORD).statusCode())
                .isEqualTo(403);
        HttpResponse<String> lifted = lift(clearKey, RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD);
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(json(lifted).get("erasureId").asText()).isEqualTo(erasureId);
        assertThat(json(lifted).get("record").asText()).isEqualTo(clearKey);
        assertThat(suppressionRows()).noneSatisfy(row -> assertThat(row.get(1)).isEqualTo(erasureId));

        // Her next change now passes capture, and brings her back: into the profile that erased her (resolution gives
        // a record alone the id it had before), with the values of that change and none from before the erasure.
        double droppedAtLift = suppressedCount();
        updateCrm("UPDATE res_partner SET name = ?, email = ?, phone = '+34 633 44 55 66', street = 'Calle Vuelta 9', "
                + "write_date = now() WHERE id = ?", RETURNED_NAME, RETURNED_EMAIL, erasedId);
        JsonNode back = awaitProfile(erasedPath, p -> p.toString().contains(RETURNED_EMAIL));
        assertThat(back.get("profileId").asText()).isEqualTo(firstProfile);
        assertThat(recordKeys(back)).containsExactly(clearKey);
        assertThat(back.toString()).contains(RETURNED_NAME).contains("Calle Vuelta 9");
        assertThat(back.toString().replace(" ", "")).contains("633445566");
        assertNothingFromBeforeTheErasure(back.toString());
        assertThat(suppressedCount()).as("the change after the lift is not dropped").isEqualTo(droppedAtLift);
        assertThat(json(lifted).get("profileIds")).extracting(JsonNode::asText).containsExactly(firstProfile);

        // Her history shows the erasure and the lift, and no value from before the erasure: the events sealed with
        // her first key read as erased (not as a failure under the new key), including the update that named values.
        HttpResponse<String> history = getAsAdmin("/api/v1/profiles/" + firstProfile + "/history?size=200");
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        json(history).get("events").forEach(event -> types.add(event.get("type").asText()));
        assertThat(types).containsSubsequence("record-updated", "profile-erased", "suppression-lifted",
                "record-linked");
        assertNothingFromBeforeTheErasure(history.body());
        // So do her messages on tessera.records: those before the erasure read as erased, the new one opens.
        List<SourceRecord> onTopic = ErasureApiTest.recordsOnTopic(clearKey);
        assertThat(onTopic).hasSizeGreaterThanOrEqualTo(3);
        assertThat(onTopic.subList(0, onTopic.size() - 1)).allSatisfy(r -> assertThat(r.erased()).isTrue());
        assertThat(onTopic.getLast().erased()).isFalse();
        assertThat(onTopic.getLast().attributes().emails()).containsExactly(RETURNED_EMAIL);

        HttpResponse<String> again = lift(clearKey, RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
        assertThat(lift("not-a-key", RunningTessera.ADMIN, RunningTessera.ADMIN_PASSWORD).statusCode())
                .isEqualTo(400);
    }

    private static HttpResponse<String> lift(String record, String user, String password) {
        return RunningTessera.delete("/api/v1/privacy/suppressions?record=" + record, user, password);
    }

    /** The pre-erasure name, email, phones and streets of the erased person appear nowhere in {@code text}. */
    private static void assertNothingFromBeforeTheErasure(String text) {
        assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain("supresora").doesNotContain("eulalia")
                .doesNotContain(EMAIL).doesNotContain("silencio");
        // Phones with or without their spaces, whichever way the view writes them.
        assertThat(text.replace(" ", "")).doesNotContain("611223344").doesNotContain("611998877");
    }

    /** Runs an update of one CRM row: {@code values} first, then the row's id. */
    private static void updateCrm(String sql, Object... valuesThenId) throws SQLException {
        try (Connection crm = RunningTessera.crm(); PreparedStatement update = crm.prepareStatement(sql)) {
            for (int i = 0; i < valuesThenId.length; i++) {
                update.setObject(i + 1, valuesThenId[i]);
            }
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** Every row of the suppression table, each column as text. */
    private static List<List<String>> suppressionRows() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection db = RunningTessera.tessera(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT record_hash, erasure_id, suppressed_at FROM suppression")) {
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    private static double suppressedCount() {
        String scrape = getAsAdmin("/actuator/prometheus").body();
        Matcher line = Pattern.compile("^tessera_records_suppressed_total (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(line.find()).as("tessera_records_suppressed_total in the scrape").isTrue();
        return Double.parseDouble(line.group(1));
    }
}
