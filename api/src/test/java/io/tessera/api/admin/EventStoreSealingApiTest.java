package io.tessera.api.admin;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.api.RunningTessera;
import io.tessera.contracts.Json;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.projections.profile.api.RecordLinked;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An event store written before encryption, on real servers: an event's record is put back in clear, as an older
 * Tessera stored it; sealing finds it, encrypts it with the record's key in place, and the event reads back the same;
 * a second run seals nothing; only admins may run it.
 */
class EventStoreSealingApiTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void anEventStoredInClearIsSealedInPlaceAndReadsBackTheSame() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Evaristo Plano Antiguo", "evaristo.plano@sealing-example.es",
                "+34 644 55 66 77", "Calle Vieja 1", "28006");
        String id = awaitProfile("/api/v1/records/crm/res_partner/" + crmId + "/profile", p -> true)
                .get("profileId").asText();
        ObjectMapper sealed = SealedRecords.mapper(RunningTessera.get().context().getBean(RecordKeys.class));
        long index;
        RecordLinked original;
        try (Connection db = RunningTessera.tessera(); PreparedStatement select = db.prepareStatement("""
                SELECT globalindex, payload FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = ? ORDER BY globalindex LIMIT 1""")) {
            select.setString(1, id);
            select.setString(2, RecordLinked.class.getName());
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                index = rs.getLong(1);
                original = sealed.readValue(rs.getBytes(2), RecordLinked.class);
            }
            // As a Tessera from before encryption stored it.
            setPayload(db, index, Json.mapper().writeValueAsBytes(original));
        }
        assertThat(eventsHolding("evaristo.plano")).as("in clear before sealing").isEqualTo(1);

        HttpResponse<String> run = RunningTessera.post("/api/v1/admin/event-store/seal", "", RunningTessera.ADMIN,
                RunningTessera.ADMIN_PASSWORD);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode result = json(run);
        assertThat(result.get("eventsSealed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(result.get("eventsRead").asLong()).isGreaterThan(result.get("eventsSealed").asLong());

        assertThat(eventsHolding("evaristo.plano")).isZero();
        assertThat(eventsHolding("plano antiguo")).isZero();
        try (Connection db = RunningTessera.tessera();
             PreparedStatement select = db.prepareStatement("SELECT payload FROM domainevententry WHERE globalindex = ?")) {
            select.setLong(1, index);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(new String(rs.getBytes(1), StandardCharsets.UTF_8)).contains("\"sealed\"");
                assertThat(sealed.readValue(rs.getBytes(1), RecordLinked.class)).isEqualTo(original);
            }
        }

        HttpResponse<String> again = RunningTessera.post("/api/v1/admin/event-store/seal", "", RunningTessera.ADMIN,
                RunningTessera.ADMIN_PASSWORD);
        assertThat(json(again).get("eventsSealed").asLong()).as("nothing left in clear").isZero();
        assertThat(RunningTessera.post("/api/v1/admin/event-store/seal", "", RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD).statusCode()).isEqualTo(403);
    }

    private static void setPayload(Connection db, long index, byte[] payload) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE domainevententry SET payload = ? WHERE globalindex = ?")) {
            update.setBytes(1, payload);
            update.setLong(2, index);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static long eventsHolding(String text) throws SQLException {
        try (Connection db = RunningTessera.tessera(); PreparedStatement count = db.prepareStatement("""
                SELECT count(*) FROM domainevententry
                WHERE position(? in lower(convert_from(payload, 'UTF8'))) > 0""")) {
            count.setString(1, text);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
