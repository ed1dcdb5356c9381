package io.tessera.projections;

import io.tessera.projections.profile.query.ProfileProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;

/**
 * Creates the event store, token store and read-model tables in Tessera's PostgreSQL database when they are missing.
 * The event store uses {@code bytea} columns (Axon's JDBC engine), not Hibernate's {@code oid} large objects,
 * which halve the append rate.
 */
public class StoreSchema {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSchema.class);
    private static final String PROFILE_PROJECTION = ProfileProjection.PROCESSING_GROUP;

    private final DataSource dataSource;
    private final EventStorageEngine eventStorageEngine;
    private final TokenStore tokenStore;

    public StoreSchema(DataSource dataSource, EventStorageEngine eventStorageEngine, TokenStore tokenStore) {
        this.dataSource = dataSource;
        this.eventStorageEngine = eventStorageEngine;
        this.tokenStore = tokenStore;
    }

    public void create() {
        try (Connection connection = dataSource.getConnection()) {
            if (eventStorageEngine instanceof JdbcEventStorageEngine jdbcEngine && !exists(connection, "domainevententry")) {
                jdbcEngine.createSchema(PostgresEventTableFactory.INSTANCE);
            }
            if (tokenStore instanceof JdbcTokenStore jdbcTokenStore && !exists(connection, "tokenentry")) {
                jdbcTokenStore.createSchema(PostgresTokenTableFactory.INSTANCE);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(readModelSql());
            }
            rebuildIfSegmented(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create Tessera's tables in PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * The profile projection must run in one segment: its read model is keyed by record, and a record moves between
     * profiles, so with several segments an older event of the record's previous profile could be handled after the
     * link to its new one and remove the record from the read model. Tessera before this check let Axon create
     * sixteen segments. If the token store holds more than one for the projection, the read model may already have
     * lost records: its tokens and tables are dropped so that it is rebuilt from the event store, in one segment.
     */
    private static void rebuildIfSegmented(Connection connection) throws SQLException {
        if (!exists(connection, "tokenentry")) {
            return;
        }
        int segments;
        try (var statement = connection.prepareStatement("SELECT count(*) FROM tokenentry WHERE processorname = ?")) {
            statement.setString(1, PROFILE_PROJECTION);
            try (var rs = statement.executeQuery()) {
                rs.next();
                segments = rs.getInt(1);
            }
        }
        if (segments <= 1) {
            return;
        }
        LOG.warn("The profile read model was built in {} segments, which can drop records that moved between "
                + "profiles; rebuilding it from the event store in one segment", segments);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM tokenentry WHERE processorname = '" + PROFILE_PROJECTION + "'");
            statement.executeUpdate("TRUNCATE record_relation, profile_record, profile_view, profile_consent");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (var rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String readModelSql() {
        try (InputStream in = StoreSchema.class.getResourceAsStream("/db/tessera-read-models.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/tessera-read-models.sql is missing from the projections jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
