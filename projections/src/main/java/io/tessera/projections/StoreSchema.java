package io.tessera.projections;

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
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create Tessera's tables in PostgreSQL: " + e.getMessage(), e);
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
