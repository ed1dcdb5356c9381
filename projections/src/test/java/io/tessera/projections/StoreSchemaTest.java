package io.tessera.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.projections.profile.command.StoredProfiles;
import io.tessera.projections.profile.query.ProfileProjection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tessera's tables on a real PostgreSQL, and the rebuild of a profile read model that was built in segments. */
class StoreSchemaTest {

    private static EmbeddedPostgres postgres;
    private static StoreSchema schema;
    private static JdbcEventStorageEngine events;

    @BeforeAll
    static void start() throws Exception {
        Path binaries = Files.createDirectories(Path.of("target", "pg-binaries"));
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(Files.createTempDirectory(Path.of("target"), "store-schema-pg"))
                .setCleanDataDirectory(true)
                .start();
        DataSource dataSource = postgres.getPostgresDatabase();
        ConnectionProvider connections = dataSource::getConnection;
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        events = JdbcEventStorageEngine.builder().connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        schema = new StoreSchema(dataSource, events,
                JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer).build());
        schema.create();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void storedProfilesAreThoseWithAnEventInTheStore() {
        events.appendEvents(new GenericDomainEventMessage<>("Profile", "stored-1", 0, "created"),
                new GenericDomainEventMessage<>("Profile", "stored-1", 1, "linked"),
                new GenericDomainEventMessage<>("Profile", "stored-2", 0, "created"));
        StoredProfiles stored = new StoredProfiles(new JdbcTemplate(postgres.getPostgresDatabase()),
                EventSchema.builder().build());

        assertThat(stored.existing(List.of("stored-1", "stored-2", "never-stored")))
                .containsExactlyInAnyOrder("stored-1", "stored-2");
        assertThat(stored.existing(List.of())).isEmpty();
    }

    @Test
    void aReadModelBuiltInSeveralSegmentsIsDroppedWithItsTokensSoThatItIsRebuiltInOne() throws Exception {
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
            sql.executeUpdate("DELETE FROM tokenentry");
            sql.executeUpdate("TRUNCATE profile_view");
            sql.executeUpdate(token(ProfileProjection.PROCESSING_GROUP, 0));
            sql.executeUpdate(token(ProfileProjection.PROCESSING_GROUP, 1));
            sql.executeUpdate(token("another-processor", 0));
            sql.executeUpdate(token("another-processor", 1));
            sql.executeUpdate("INSERT INTO profile_view (profile_id, display_name, entity_kind, record_count, "
                    + "updated_at) VALUES ('p1', 'Ana', 'PERSON', 1, now())");

            schema.create();

            assertThat(count(sql, "SELECT count(*) FROM tokenentry WHERE processorname = '"
                    + ProfileProjection.PROCESSING_GROUP + "'")).isZero();
            assertThat(count(sql, "SELECT count(*) FROM tokenentry WHERE processorname = 'another-processor'"))
                    .as("other processors keep their tokens").isEqualTo(2);
            assertThat(count(sql, "SELECT count(*) FROM profile_view")).isZero();
        }
    }

    @Test
    void aReadModelBuiltInOneSegmentIsKept() throws Exception {
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
            sql.executeUpdate("DELETE FROM tokenentry");
            sql.executeUpdate("TRUNCATE profile_view");
            sql.executeUpdate(token(ProfileProjection.PROCESSING_GROUP, 0));
            sql.executeUpdate("INSERT INTO profile_view (profile_id, display_name, entity_kind, record_count, "
                    + "updated_at) VALUES ('p1', 'Ana', 'PERSON', 1, now())");

            schema.create();

            assertThat(count(sql, "SELECT count(*) FROM tokenentry")).isEqualTo(1);
            assertThat(count(sql, "SELECT count(*) FROM profile_view")).isEqualTo(1);
        }
    }

    private static String token(String processor, int segment) {
        return "INSERT INTO tokenentry (processorname, segment, timestamp) VALUES ('" + processor + "', " + segment
                + ", '2026-01-01T00:00:00Z')";
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
