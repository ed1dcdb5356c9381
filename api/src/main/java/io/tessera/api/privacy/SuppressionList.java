package io.tessera.api.privacy;

import io.tessera.api.security.Pseudonymiser;
import io.tessera.contracts.RecordKey;
import io.tessera.ingestion.capture.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The records erased, kept as keyed hashes of their keys in Tessera's PostgreSQL ({@code suppression}) and in memory,
 * so that capture can drop a change of an erased record without a query per change. This instance's erasures and
 * lifts change the memory at once; another instance's are seen at its next {@link #reload()}. Writes and reloads
 * hold one lock, so that a reload cannot undo a write it did not read.
 */
public class SuppressionList implements Suppressions {

    private static final String HASH_DOMAIN = "suppression-record";
    private static final String COLUMNS = "record_hash, erasure_id, suppressed_at, profile_ids";

    private final JdbcTemplate jdbc;
    private final Pseudonymiser pseudonymiser;
    private volatile Set<String> hashes = ConcurrentHashMap.newKeySet();

    public SuppressionList(JdbcTemplate jdbc, Pseudonymiser pseudonymiser) {
        this.jdbc = jdbc;
        this.pseudonymiser = pseudonymiser;
    }

    /** Creates the table when it is missing. */
    public void createSchema() {
        try (InputStream in = SuppressionList.class.getResourceAsStream("/db/tessera-suppression.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/tessera-suppression.sql is missing from the application jar");
            }
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One suppressed record.
     *
     * @param profileIds the profiles that erased it; empty for a row written before they were kept
     */
    public record Entry(String recordHash, String erasureId, Instant suppressedAt, List<String> profileIds) {
    }

    /** The keyed hash that names a record in the list and in logs. */
    public String hash(RecordKey key) {
        return pseudonymiser.keyedHash(HASH_DOMAIN, key.asString());
    }

    /** Reads the whole list from the table, replacing what is in memory. */
    public synchronized void reload() {
        Set<String> loaded = ConcurrentHashMap.newKeySet();
        loaded.addAll(jdbc.queryForList("SELECT record_hash FROM suppression", String.class));
        hashes = loaded;
    }

    /**
     * Suppresses the records, erased from {@code profileId}; a record suppressed already keeps its first erasure, and
     * adds the profile to those that erased it. {@code profileId} is null for records erased where no profile held
     * them (rejected rows found in dead letters).
     */
    public synchronized void add(Collection<RecordKey> keys, String erasureId, Instant at, String profileId) {
        Set<String> added = new HashSet<>();
        for (RecordKey key : keys) {
            String hash = hash(key);
            if (profileId == null) {
                jdbc.update("""
                        INSERT INTO suppression (record_hash, erasure_id, suppressed_at, profile_ids)
                        VALUES (?, ?, ?, '{}') ON CONFLICT (record_hash) DO NOTHING""",
                        hash, erasureId, Timestamp.from(at));
                added.add(hash);
                continue;
            }
            jdbc.update("""
                    INSERT INTO suppression (record_hash, erasure_id, suppressed_at, profile_ids)
                    VALUES (?, ?, ?, ARRAY[?]::varchar[])
                    ON CONFLICT (record_hash) DO UPDATE
                        SET profile_ids = array_append(coalesce(suppression.profile_ids, '{}'), ?::varchar)
                        WHERE NOT (?::varchar = ANY (coalesce(suppression.profile_ids, '{}')))""",
                    hash, erasureId, Timestamp.from(at), profileId, profileId, profileId);
            added.add(hash);
        }
        hashes.addAll(added);
    }

    /** The record's suppression, if it is suppressed. */
    public Optional<Entry> find(RecordKey key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM suppression WHERE record_hash = ?", (rs, i) -> entry(rs),
                hash(key)).stream().findFirst();
    }

    /** Lifts the suppression of the record: its next change in the source comes through. */
    public synchronized Optional<Entry> lift(RecordKey key) {
        String hash = hash(key);
        List<Entry> removed = jdbc.query("DELETE FROM suppression WHERE record_hash = ? RETURNING " + COLUMNS,
                (rs, i) -> entry(rs), hash);
        hashes.remove(hash);
        return removed.stream().findFirst();
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        Array profiles = rs.getArray(4);
        return new Entry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                profiles == null ? List.of() : List.of((String[]) profiles.getArray()));
    }

    @Override
    public boolean suppressed(RecordKey key) {
        return hashes.contains(hash(key));
    }
}
