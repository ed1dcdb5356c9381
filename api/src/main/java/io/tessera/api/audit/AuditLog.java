package io.tessera.api.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log in Tessera's PostgreSQL ({@code audit_log}): a row is opened before a personal-data request runs, so
 * that no personal data is answered without one, and closed with the answer's status and the profiles it held.
 */
public class AuditLog {

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the table and its indexes when missing. */
    public void createSchema() {
        jdbc.execute(schemaSql());
    }

    /**
     * What is known of a request before it runs.
     *
     * @param queryParameters the names of its query parameters, never their values
     * @param queryHash       a keyed hash of its query string, so that equal queries can be recognised; or null
     * @param profileIds      the profiles it names (in its path or a parameter)
     * @param recordKeys      the records it names ({@code source/table/pk})
     */
    public record Opening(Instant at, String caller, List<String> roles, boolean pseudonymised, String purpose,
                          String method, String path, List<String> queryParameters, String queryHash,
                          List<String> profileIds, List<String> recordKeys) {
    }

    /** Writes the row of a request about to run; returns its id. */
    public long open(Opening opening) {
        Long id = jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO audit_log (at, caller, roles, pseudonymised, purpose, method, path, query_parameters,
                                           query_hash, profile_ids, record_keys)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                insert.setObject(1, OffsetDateTime.ofInstant(opening.at(), ZoneOffset.UTC));
                insert.setString(2, opening.caller());
                insert.setArray(3, array(connection, opening.roles()));
                insert.setBoolean(4, opening.pseudonymised());
                insert.setString(5, opening.purpose());
                insert.setString(6, opening.method());
                insert.setString(7, opening.path());
                insert.setArray(8, array(connection, opening.queryParameters()));
                insert.setString(9, opening.queryHash());
                insert.setArray(10, array(connection, opening.profileIds()));
                insert.setArray(11, array(connection, opening.recordKeys()));
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        if (id == null) {
            throw new IllegalStateException("The audit log returned no id for a new row");
        }
        return id;
    }

    /** Completes a row with the answer's status and every profile the request named or its answer held. */
    public void close(long id, int status, List<String> profileIds) {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE audit_log SET status = ?, finished_at = ?, profile_ids = ? WHERE id = ?")) {
                update.setInt(1, status);
                update.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                update.setArray(3, array(connection, profileIds));
                update.setLong(4, id);
                return update.executeUpdate();
            }
        });
    }

    /**
     * A page of the log, newest first.
     *
     * @param caller    only this caller's rows, or null
     * @param profileId only rows that read this profile, or null
     * @param from      only rows at or after this time, or null
     * @param to        only rows before this time, or null
     */
    public record Query(String caller, String profileId, Instant from, Instant to, int page, int size) {
    }

    public AuditPage find(Query query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> arguments = new ArrayList<>();
        if (query.caller() != null) {
            where.append(" AND caller = ?");
            arguments.add(query.caller());
        }
        if (query.profileId() != null) {
            where.append(" AND profile_ids @> ARRAY[?]::varchar[]");
            arguments.add(query.profileId());
        }
        if (query.from() != null) {
            where.append(" AND at >= ?");
            arguments.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            where.append(" AND at < ?");
            arguments.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_log" + where, Long.class, arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        paged.add(query.size());
        paged.add((long) query.page() * query.size());
        List<AuditEntry> entries = jdbc.query("""
                SELECT id, at, caller, roles, pseudonymised, purpose, method, path, query_parameters, query_hash,
                       profile_ids, record_keys, status
                FROM audit_log""" + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                (rs, row) -> new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("caller"), strings(rs.getArray("roles")), rs.getBoolean("pseudonymised"),
                        rs.getString("purpose"), rs.getString("method"), rs.getString("path"),
                        strings(rs.getArray("query_parameters")), rs.getString("query_hash"),
                        strings(rs.getArray("profile_ids")), strings(rs.getArray("record_keys")),
                        (Integer) rs.getObject("status")),
                paged.toArray());
        return new AuditPage(total == null ? 0 : total, query.page(), query.size(), entries);
    }

    private static Array array(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.toArray(String[]::new));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static String schemaSql() {
        try (InputStream in = AuditLog.class.getResourceAsStream("/db/tessera-audit.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/tessera-audit.sql is missing from the api jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
