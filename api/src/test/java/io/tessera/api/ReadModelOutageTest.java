package io.tessera.api;

import static io.tessera.api.RunningTessera.getAsAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A read-model update that fails does not lose the change. The handler's failure fails the projection's batch
 * (Axon's default would log it and go on with the next event), so its transaction, token update included, rolls back
 * and the batch is retried from the last stored token until the database takes writes again; the event is not
 * skipped.
 */
class ReadModelOutageTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void aChangeWhoseReadModelUpdateFailedShowsOnceTheReadModelIsBack() throws Exception {
        try (Connection tessera = RunningTessera.tessera(); Statement sql = tessera.createStatement()) {
            long eventsBefore = events(sql);
            long rollbacksBefore = rollbacks(sql);
            // The table the projection writes every record to is gone for a while: each update fails.
            sql.executeUpdate("ALTER TABLE profile_record RENAME TO profile_record_away");
            long id;
            try {
                id = RunningTessera.insertCrmPerson("Remedios Outage Vidal", "remedios.vidal@outage-e2e.es",
                        "+34 611 909 808", "Calle del Corte 3", "28005");
                // The decision reached the event store, and the projection's transaction failed on it at least once.
                await().atMost(RunningTessera.PIPELINE).until(() -> events(sql) > eventsBefore);
                await().atMost(RunningTessera.PIPELINE).until(() -> rollbacks(sql) > rollbacksBefore);
            } finally {
                sql.executeUpdate("ALTER TABLE profile_record_away RENAME TO profile_record");
            }

            String path = "/api/v1/records/crm/res_partner/" + id + "/profile";
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> getAsAdmin(path).statusCode() == 200);
            assertThat(RunningTessera.json(getAsAdmin(path)).toString()).contains("Remedios");
        }
    }

    /** Transactions rolled back in Tessera's database so far (PostgreSQL's statistics, updated within a second). */
    private static long rollbacks(Statement sql) throws SQLException {
        try (ResultSet rs = sql.executeQuery(
                "SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long events(Statement sql) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM domainevententry")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
