package io.tessera.projections.privacy;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.privacy.KeysUnavailableException;
import io.tessera.contracts.privacy.RecordKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key of each source record (AES-256), kept in Tessera's PostgreSQL ({@code record_key}), with a bounded cache of
 * recently used keys. A record gets its key the first time one of its events is written; erasure destroys it, after
 * which the record's events read back without personal data, and the record never gets a new key.
 *
 * <p>A new key is stored and committed on a connection of its own before any event encrypted with it, so an event is
 * never stored under a key that a rolled-back transaction took with it. Thread-safe.
 */
public class RecordKeyStore implements RecordKeys {

    private static final int KEY_BYTES = 32;
    /** Records per statement of {@link #prepare}: 4 parameters each, far below PostgreSQL's 65,535. */
    private static final int PREPARE_BATCH = 1_000;
    private static final String ALGORITHM = "AES";
    /** The cached state of a destroyed key: known destroyed, no material. */
    private static final Optional<SecretKey> DESTROYED = Optional.empty();

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();
    private final Map<RecordKey, Optional<SecretKey>> cache;

    /**
     * @param dataSource    Tessera's PostgreSQL
     * @param cacheCapacity how many records' keys stay in memory; the least recently used goes first
     */
    public RecordKeyStore(DataSource dataSource, int cacheCapacity) {
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException("tessera.privacy.cached-keys must be at least 1; got " + cacheCapacity);
        }
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.cache = new LinkedHashMap<>(Math.min(cacheCapacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RecordKey, Optional<SecretKey>> eldest) {
                return size() > cacheCapacity;
            }
        };
    }

    /** Creates the key table when it is missing. */
    public void createSchema() {
        try (InputStream in = RecordKeyStore.class.getResourceAsStream("/db/tessera-keys.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/tessera-keys.sql is missing from the projections jar");
            }
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<SecretKey> keyForWriting(RecordKey record) {
        Optional<SecretKey> cached = cached(record);
        if (cached != null) {
            return cached;
        }
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        // Committed at once on its own connection; the first writer wins when instances race for the same record.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO record_key (source, source_table, source_pk, key_material) VALUES (?, ?, ?, ?)
                    ON CONFLICT (source, source_table, source_pk) DO NOTHING""")) {
                bind(insert, record);
                insert.setBytes(4, material);
                insert.executeUpdate();
            }
            Stored stored = load(connection, record);
            return remember(record, stored.key());
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot store the key of record " + record + " in table record_key: "
                    + e.getMessage(), e);
        }
    }

    /** {@inheritDoc} {@code missing} means the key table lost rows. */
    @Override
    public Lookup keyForReading(RecordKey record) {
        Optional<SecretKey> cached = cached(record);
        if (cached != null) {
            return new Lookup(cached, false);
        }
        try (Connection connection = dataSource.getConnection()) {
            Stored stored = load(connection, record);
            if (!stored.exists()) {
                return new Lookup(Optional.empty(), true);
            }
            return new Lookup(remember(record, stored.key()), false);
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot read the key of record " + record + " from table record_key: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates the keys of the records that have none, in one statement per {@value #PREPARE_BATCH} records committed
     * at once, and caches every record's key (or its destroyed state): capture calls this for each batch of changes,
     * so that a snapshot does not commit one key at a time.
     */
    @Override
    public void prepare(Collection<RecordKey> records) {
        List<RecordKey> uncached = new ArrayList<>();
        for (RecordKey record : new LinkedHashSet<>(records)) {
            if (cached(record) == null) {
                uncached.add(record);
            }
        }
        for (int from = 0; from < uncached.size(); from += PREPARE_BATCH) {
            prepareBatch(uncached.subList(from, Math.min(uncached.size(), from + PREPARE_BATCH)));
        }
    }

    private void prepareBatch(List<RecordKey> batch) {
        String rows = String.join(", ", Collections.nCopies(batch.size(), "(?, ?, ?, ?)"));
        String keys = String.join(", ", Collections.nCopies(batch.size(), "(?, ?, ?)"));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO record_key (source, source_table, source_pk, key_material) VALUES " + rows
                            + " ON CONFLICT (source, source_table, source_pk) DO NOTHING")) {
                int i = 1;
                for (RecordKey record : batch) {
                    byte[] material = new byte[KEY_BYTES];
                    random.nextBytes(material);
                    insert.setString(i++, record.source());
                    insert.setString(i++, record.table());
                    insert.setString(i++, record.pk());
                    insert.setBytes(i++, material);
                }
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT source, source_table, source_pk, key_material FROM record_key"
                            + " WHERE (source, source_table, source_pk) IN (" + keys + ")")) {
                int i = 1;
                for (RecordKey record : batch) {
                    select.setString(i++, record.source());
                    select.setString(i++, record.table());
                    select.setString(i++, record.pk());
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        byte[] material = rs.getBytes(4);
                        remember(new RecordKey(rs.getString(1), rs.getString(2), rs.getString(3)),
                                material == null ? DESTROYED : Optional.of(new SecretKeySpec(material, ALGORITHM)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot store the keys of " + batch.size() + " records in table record_key: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Destroys the record's key (committed at once unless the caller runs a transaction) and drops it from the cache.
     * Waits while a read-model writer {@link #holdLive holds} the key. A record that never had a key (its
     * events are from before encryption) is marked destroyed all the same, so that it never gets one.
     *
     * @return whether a key was destroyed now: false when it was destroyed before
     */
    public boolean destroy(RecordKey record, String erasureId) {
        int changed = jdbc.update("""
                INSERT INTO record_key (source, source_table, source_pk, key_material, destroyed_at, erasure_id)
                VALUES (?, ?, ?, NULL, now(), ?)
                ON CONFLICT (source, source_table, source_pk) DO UPDATE
                    SET key_material = NULL, destroyed_at = now(), erasure_id = EXCLUDED.erasure_id
                    WHERE record_key.destroyed_at IS NULL
                """, record.source(), record.table(), record.pk(), erasureId);
        synchronized (cache) {
            cache.put(record, DESTROYED);
        }
        return changed > 0;
    }

    /** Whether the record's key was destroyed. */
    public boolean isDestroyed(RecordKey record) {
        Optional<SecretKey> cached = cached(record);
        if (cached != null) {
            return cached.isEmpty();
        }
        List<Boolean> destroyed = jdbc.queryForList("""
                SELECT destroyed_at IS NOT NULL FROM record_key
                WHERE source = ? AND source_table = ? AND source_pk = ?""", Boolean.class,
                record.source(), record.table(), record.pk());
        return !destroyed.isEmpty() && destroyed.getFirst();
    }

    /**
     * In the caller's transaction: whether the record's key is still live, holding its row so that an erasure cannot
     * destroy it until the transaction ends. A writer of read models that checks this before writing a record's
     * values, in the transaction that writes them, never writes them after an erasure deleted them: the erasure waits
     * for the write to commit, then deletes it. A record without a key row (from before encryption) counts as live.
     */
    public boolean holdLive(RecordKey record) {
        List<Boolean> destroyed = jdbc.queryForList("""
                SELECT destroyed_at IS NOT NULL FROM record_key
                WHERE source = ? AND source_table = ? AND source_pk = ? FOR SHARE""", Boolean.class,
                record.source(), record.table(), record.pk());
        return destroyed.isEmpty() || !destroyed.getFirst();
    }

    /**
     * Marks as destroyed, in this instance's cache, every key another instance destroyed since {@code since} (the
     * table's clock), so that an erasure made elsewhere is in force here too; call it periodically.
     *
     * @return what to pass as {@code since} next time: the database time of this look, less a minute
     */
    public Instant forgetKeysDestroyedSince(Instant since) {
        Timestamp now = jdbc.queryForObject("SELECT now()", Timestamp.class);
        List<RecordKey> destroyed = jdbc.query("""
                SELECT source, source_table, source_pk FROM record_key
                WHERE destroyed_at IS NOT NULL AND destroyed_at >= ?""",
                (rs, i) -> new RecordKey(rs.getString(1), rs.getString(2), rs.getString(3)),
                Timestamp.from(since));
        synchronized (cache) {
            for (RecordKey record : destroyed) {
                if (cache.containsKey(record)) {
                    cache.put(record, DESTROYED);
                }
            }
        }
        // An erasure whose transaction began before this look and committed after it has an earlier destroyed_at:
        // the next look goes back a minute, which covers any erasure's transaction.
        return now.toInstant().minus(Duration.ofMinutes(1));
    }

    /** How many keys are cached, destroyed ones included. */
    public int cachedKeys() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** The cached state (a key, or empty for a destroyed one), or null when the record is not cached. */
    private Optional<SecretKey> cached(RecordKey record) {
        synchronized (cache) {
            return cache.get(record);
        }
    }

    /**
     * Caches what was read unless the record was destroyed meanwhile: a destroyed state in the cache is never
     * replaced by a key read before the destruction.
     */
    private Optional<SecretKey> remember(RecordKey record, Optional<SecretKey> key) {
        synchronized (cache) {
            Optional<SecretKey> current = cache.get(record);
            if (current != null && current.isEmpty()) {
                return current;
            }
            cache.put(record, key);
            return key;
        }
    }

    private record Stored(boolean exists, Optional<SecretKey> key) {
    }

    private static Stored load(Connection connection, RecordKey record) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT key_material FROM record_key WHERE source = ? AND source_table = ? AND source_pk = ?""")) {
            bind(select, record);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new Stored(false, Optional.empty());
                }
                byte[] material = rs.getBytes(1);
                return new Stored(true, material == null ? Optional.empty()
                        : Optional.of(new SecretKeySpec(material, ALGORITHM)));
            }
        }
    }

    private static void bind(PreparedStatement statement, RecordKey record) throws SQLException {
        statement.setString(1, record.source());
        statement.setString(2, record.table());
        statement.setString(3, record.pk());
    }
}
