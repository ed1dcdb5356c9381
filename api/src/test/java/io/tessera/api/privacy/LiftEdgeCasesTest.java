package io.tessera.api.privacy;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import io.tessera.api.profile.ProfileEventLog;
import io.tessera.api.security.Pseudonymiser;
import io.tessera.contracts.RecordKey;
import io.tessera.ingestion.capture.KafkaRecordSink;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.projections.profile.command.Profile;
import io.tessera.projections.profile.query.ProfileReadModel;
import io.tessera.projections.search.ProfileSearchIndex;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lifts that used to leave the profile that erased a record keeping it erased, on the real stack: a suppression that
 * names no profile and whose erasure left no log entry, and a lift asked while the erasure is still running. In both
 * cases the record's next change in the source brings it back into its profile.
 */
class LiftEdgeCasesTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void aSuppressionNamingNoProfileWhoseErasureLeftNoLogEntryIsLiftedInTheProfileThatErasedIt() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Anselma Legada Antigua", "anselma.legada@lift-example.es",
                "+34 644 10 20 30", "Calle Vieja 1", "28016");
        String path = "/api/v1/records/crm/res_partner/" + crmId + "/profile";
        String profileId = awaitProfile(path, p -> true).get("profileId").asText();
        HttpResponse<String> erased = RunningTessera.post("/api/v1/privacy/erasure",
                "{\"profileId\": \"" + profileId + "\"}", RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        String erasureId = json(erased).get("erasureId").asText();
        // What an older version left after an erasure that failed before its log entry.
        try (Connection tessera = RunningTessera.tessera()) {
            execute(tessera, "UPDATE suppression SET profile_ids = NULL WHERE erasure_id = ?", erasureId);
            execute(tessera, "DELETE FROM erasure_log WHERE erasure_id = ?", erasureId);
        }

        HttpResponse<String> lifted = RunningTessera.delete("/api/v1/privacy/suppressions?record=crm/res_partner/"
                + crmId, RunningTessera.PRIVACY_OFFICER, RunningTessera.PRIVACY_OFFICER_PASSWORD);

        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(json(lifted).get("profileIds")).extracting(JsonNode::asText).containsExactly(profileId);
        comesBack(crmId, "anselma.vuelta@lift-example.es", profileId);
    }

    @Test
    void aLiftAskedWhileTheErasureRunsStillReachesTheProfile() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Casimira Carrera Simultánea", "casimira.carrera@lift-example.es",
                "+34 644 40 50 60", "Calle Prisa 2", "28017");
        String profileId = awaitProfile("/api/v1/records/crm/res_partner/" + crmId + "/profile", p -> true)
                .get("profileId").asText();
        ConfigurableApplicationContext context = RunningTessera.get().context();
        SuppressionLifts lifts = context.getBean(SuppressionLifts.class);
        List<SuppressionLifts.Lifted> liftedMidway = new CopyOnWriteArrayList<>();
        // A privacy officer lifts the suppression the moment the erasure has written it, before the profile has
        // recorded its ProfileErased.
        SuppressionList racing = new SuppressionList(context.getBean(JdbcTemplate.class),
                context.getBean(Pseudonymiser.class)) {
            @Override
            public synchronized void add(Collection<RecordKey> keys, String erasureId, Instant at, String erasedFrom) {
                super.add(keys, erasureId, at, erasedFrom);
                keys.forEach(key -> liftedMidway.add(lifts.lift(key, RunningTessera.PRIVACY_OFFICER).orElseThrow()));
            }
        };
        Erasures erasures = new Erasures(context.getBean(ProfileReadModel.class),
                context.getBean(ProfileEventLog.class), context.getBean(ProfileSearchIndex.class),
                context.getBean(RecordKeyStore.class), context.getBean("erasureTombstones", KafkaRecordSink.class),
                context.getBean(CommandGateway.class), context.getBean(Profile.CACHE, Cache.class),
                context.getBean(ErasureLog.class), context.getBean(Pseudonymiser.class), racing,
                context.getBean(DeadLetterSearch.class), Clock.systemUTC());

        erasures.erase(new Erasures.ByProfile(profileId), RunningTessera.PRIVACY_OFFICER);

        assertThat(liftedMidway).hasSize(1);
        assertThat(liftedMidway.getFirst().profileIds()).as("the lift came before the profile's ProfileErased")
                .isEmpty();
        HttpResponse<String> history = getAsAdmin("/api/v1/profiles/" + profileId + "/history?size=200");
        List<String> types = new ArrayList<>();
        json(history).get("events").forEach(event -> types.add(event.get("type").asText()));
        assertThat(types).containsSubsequence("profile-erased", "suppression-lifted");
        comesBack(crmId, "casimira.vuelta@lift-example.es", profileId);
    }

    /** The row's next change in the source brings the record back into the profile that erased it. */
    private static void comesBack(long crmId, String newEmail, String profileId) throws SQLException {
        try (Connection crm = RunningTessera.crm()) {
            execute(crm, "UPDATE res_partner SET email = ?, write_date = now() WHERE id = " + crmId, newEmail);
        }
        JsonNode back = awaitProfile("/api/v1/records/crm/res_partner/" + crmId + "/profile",
                p -> p.toString().contains(newEmail));
        assertThat(back.get("profileId").asText()).isEqualTo(profileId);
    }

    private static void execute(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
