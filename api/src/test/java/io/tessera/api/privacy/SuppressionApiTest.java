package io.tessera.api.privacy;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static io.tessera.api.RunningTessera.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.api.RunningTessera;
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
 * suppression, her next change passes capture again.
 */
class SuppressionApiTest {

    private static final String NAME = "Eulalia Supresora Olvidada";
    private static final String EMAIL = "eulalia.supresora@suppression-example.es";
    private static final String WITNESS = "Teodoro Testigo Vigilante";

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

        // Her next change now passes capture: nothing more is dropped by the time a later change shows. (She does not
        // come back into the read models yet: erasure destroyed her record's key for good; see docs/privacy.md.)
        double droppedAtLift = suppressedCount();
        updateCrm("UPDATE res_partner SET phone = '+34 611 55 66 77', write_date = now() WHERE id = ?", erasedId);
        updateCrm("UPDATE res_partner SET name = name || ' Tercero', write_date = now() WHERE id = ?", witnessId);
        awaitProfile(witnessPath, p -> p.toString().contains("Tercero"));
        assertThat(suppressedCount()).as("the change after the lift is not dropped").isEqualTo(droppedAtLift);

        HttpResponse<String> again = lift(clearKey, RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
        assertThat(lift("not-a-key", RunningTessera.ADMIN, RunningTessera.ADMIN_PASSWORD).statusCode())
                .isEqualTo(400);
    }

    private static HttpResponse<String> lift(String record, String user, String password) {
        return RunningTessera.delete("/api/v1/privacy/suppressions?record=" + record, user, password);
    }

    private static void updateCrm(String sql, long id) throws SQLException {
        try (Connection crm = RunningTessera.crm(); PreparedStatement update = crm.prepareStatement(sql)) {
            update.setLong(1, id);
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
