package io.tessera.api.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The erasures done, in Tessera's PostgreSQL ({@code erasure_log}), so that a repeated request is recognised. */
public class ErasureLog {

    private static final String SELECT =
            "SELECT erasure_id, requested_at, requested_by, profile_ids, records FROM erasure_log";

    private final JdbcTemplate jdbc;

    public ErasureLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the table when it is missing. */
    public void createSchema() {
        try (InputStream in = ErasureLog.class.getResourceAsStream("/db/tessera-erasure.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/tessera-erasure.sql is missing from the application jar");
            }
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One erasure done. */
    public record Entry(String erasureId, Instant requestedAt, String requestedBy, List<String> profileIds,
                        int records) {
    }

    /**
     * @param emailHash the keyed hash of the email the erasure was asked for, null when it named a profile
     */
    public void record(Entry entry, String emailHash) {
        jdbc.update("""
                INSERT INTO erasure_log (erasure_id, requested_at, requested_by, email_hash, profile_ids, records)
                VALUES (?, ?, ?, ?, ?, ?)""", entry.erasureId(), Timestamp.from(entry.requestedAt()),
                entry.requestedBy(), emailHash, entry.profileIds().toArray(String[]::new), entry.records());
    }

    /** The erasures asked for by this email (its keyed hash), oldest first. */
    public List<Entry> byEmailHash(String emailHash) {
        return jdbc.query(SELECT + " WHERE email_hash = ? ORDER BY requested_at, erasure_id", (rs, i) -> entry(rs),
                emailHash);
    }

    /** The erasure with this id, if it finished (an erasure is logged once every profile of it is done). */
    public Optional<Entry> byId(String erasureId) {
        return jdbc.query(SELECT + " WHERE erasure_id = ?", (rs, i) -> entry(rs), erasureId).stream().findFirst();
    }

    /** The erasures of this profile, oldest first. */
    public List<Entry> byProfile(String profileId) {
        return jdbc.query(SELECT + " WHERE ? = ANY (profile_ids) ORDER BY requested_at, erasure_id",
                (rs, i) -> entry(rs), profileId);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getInt(5));
    }
}
