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
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The keys of each source record (AES-256), kept in Tessera's PostgreSQL ({@code record_key}), with a bounded cache of
 * recently used keys. A record gets its first key (generation 1) the first time one of its events is written; erasure
 * destroys it, after which everything sealed with it reads back without personal data. Only lifting the record's
 * suppression gives it another key, the next generation ({@link #renew}); the destroyed ones stay destroyed, so what
 * was sealed before the erasure stays unreadable.
 *
 * <p>A new key is stored and committed on a connection of its own before any event encrypted with it, so an event is
 * never stored under a key that a rolled-back transaction took with it. Thread-safe.
 */
public class RecordKeyStore implements RecordKeys {

    private static final int KEY_BYTES = 32;
    /** Records per statement of {@link #prepare}: 4 parameters each, far below PostgreSQL's 65,535. */
    private static final int PREPARE_BATCH = 1_000;
    private static final String ALGORITHM = "AES";
    private static final String LATEST = "SELECT generation, key_material, erased_before FROM record_key"
            + " WHERE source = ? AND source_table = ? AND source_pk = ? ORDER BY generation DESC LIMIT 1";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final KeyEncryptionKey kek;
    private final SecureRandom random = new SecureRandom();
    /** Each cached record's latest generation as last seen. */
    private final Map<RecordKey, State> cache;

    /**
     * @param dataSource    Tessera's PostgreSQL
     * @param cacheCapacity how many records' keys stay in memory; the least recently used goes first
     * @param kek           what the keys are stored wrapped with
     */
    public RecordKeyStore(DataSource dataSource, int cacheCapacity, KeyEncryptionKey kek) {
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException("tessera.privacy.cached-keys must be at least 1; got " + cacheCapacity);
        }
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.kek = kek;
        this.cache = new LinkedHashMap<>(Math.min(cacheCapacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RecordKey, State> eldest) {
                return size() > cacheCapacity;
            }
        };
    }

    /** Creates the key table when it is missing, and brings one from before key generations up to date. */
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

    /**
     * Wraps the keys that a version before key wrapping stored raw, in one transaction; done at every start, and a
     * no-op once none is left. PostgreSQL keeps the raw row versions in its files until vacuum reuses their space, and
     * in WAL archives and backups until they expire.
     *
     * @return how many keys were wrapped
     */
    public int wrapRawKeys() {
        try {
            return kek.storing(dataSource, connection -> rewrap(connection, "octet_length(key_material) = " + KEY_BYTES,
                    kek::wrap));
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot wrap the keys stored raw in table record_key: "
                    + e.getMessage(), e);
        }
    }

    /**
     * In the caller's transaction: re-wraps every key with key material (destroyed keys have none and stay so), for a
     * rotation of the key-encryption key.
     *
     * @return how many keys were re-wrapped
     */
    static int rewrap(Connection connection, KeyEncryptionKey.Rewrap rewrap) throws SQLException {
        return rewrap(connection, "key_material IS NOT NULL", rewrap);
    }

    /**
     * Replaces the key material of every row that matches {@code condition} by what {@code rewrap} makes of it,
     * {@value #PREPARE_BATCH} rows per statement, in primary-key order; a row whose key was destroyed meanwhile stays
     * destroyed.
     */
    private static int rewrap(Connection connection, String condition, KeyEncryptionKey.Rewrap rewrap)
            throws SQLException {
        int rewrapped = 0;
        Object[] after = null;
        while (true) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT source, source_table, source_pk, generation, key_material FROM record_key WHERE "
                            + condition + (after == null ? "" : " AND (source, source_table, source_pk, generation)"
                            + " > (?, ?, ?, ?)") + " ORDER BY source, source_table, source_pk, generation LIMIT "
                            + PREPARE_BATCH)) {
                for (int i = 0; after != null && i < after.length; i++) {
                    select.setObject(i + 1, after[i]);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getBytes(5)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return rewrapped;
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE record_key SET key_material = ?
                    WHERE source = ? AND source_table = ? AND source_pk = ? AND generation = ?
                      AND key_material = ?""")) {
                for (Object[] row : rows) {
                    byte[] stored = (byte[]) row[4];
                    String context = new RecordKey((String) row[0], (String) row[1], (String) row[2]).asString();
                    update.setBytes(1, rewrap.apply(stored, context));
                    for (int i = 0; i < 4; i++) {
                        update.setObject(i + 2, row[i]);
                    }
                    update.setBytes(6, stored);
                    update.addBatch();
                }
                for (int updated : update.executeBatch()) {
                    rewrapped += Math.max(updated, 0);
                }
            }
            after = Arrays.copyOf(rows.getLast(), 4);
        }
    }

    @Override
    public Optional<SealingKey> keyForWriting(RecordKey record) {
        State cached = cached(record);
        if (cached != null && !cached.destroyed()) {
            return cached.sealing();
        }
        // Not cached, or destroyed when last seen: a lift, here or on another instance, may have renewed it since.
        try {
            if (cached == null) {
                byte[] material = new byte[KEY_BYTES];
                random.nextBytes(material);
                // Committed at once on its own connection; the first writer wins when instances race for the record.
                return remember(record, kek.storing(dataSource, connection -> {
                    try (PreparedStatement insert = connection.prepareStatement("""
                            INSERT INTO record_key (source, source_table, source_pk, generation, key_material)
                            VALUES (?, ?, ?, 1, ?) ON CONFLICT DO NOTHING""")) {
                        bind(insert, record);
                        insert.setBytes(4, kek.wrap(material, record.asString()));
                        insert.executeUpdate();
                    }
                    return latest(connection, record);
                })).sealing();
            }
            try (Connection connection = dataSource.getConnection()) {
                return remember(record, latest(connection, record)).sealing();
            }
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot store the key of record " + record + " in table record_key: "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc} Every generation older than the record's latest is destroyed, so data sealed with one reads as
     * erased without a round trip once a later generation is cached. {@code missing} means the key table lost rows.
     */
    @Override
    public Lookup keyForReading(RecordKey record, int generation) {
        State cached = cached(record);
        if (cached != null && generation <= cached.generation()) {
            return cached.lookup(generation);
        }
        // Not cached, or sealed with a generation newer than the one cached (a lift on another instance).
        try (Connection connection = dataSource.getConnection()) {
            State latest = latest(connection, record);
            if (latest == null) {
                return new Lookup(Optional.empty(), true);
            }
            return remember(record, latest).lookup(generation);
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot read the key of record " + record + " from table record_key: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates the keys of the records that have none, in one statement per {@value #PREPARE_BATCH} records committed
     * at once, and caches every record's latest key (or its destroyed state): capture calls this for each batch of
     * changes, so that a snapshot does not commit one key at a time.
     */
    @Override
    public void prepare(Collection<RecordKey> records) {
        List<RecordKey> uncached = new ArrayList<>();
        for (RecordKey record : new LinkedHashSet<>(records)) {
            State cached = cached(record);
            if (cached == null || cached.destroyed()) {
                uncached.add(record);
            }
        }
        for (int from = 0; from < uncached.size(); from += PREPARE_BATCH) {
            prepareBatch(uncached.subList(from, Math.min(uncached.size(), from + PREPARE_BATCH)));
        }
    }

    private void prepareBatch(List<RecordKey> batch) {
        String rows = String.join(", ", Collections.nCopies(batch.size(), "(?, ?, ?, 1, ?)"));
        Map<RecordKey, State> latest = new HashMap<>();
        try {
            // Committed before any of the keys is cached, so that nothing is sealed with a key that was not stored.
            kek.storing(dataSource, connection -> {
                // A record with a key already (live or destroyed, of any generation) has generation 1: nothing changes.
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO record_key (source, source_table, source_pk, generation, key_material) VALUES "
                                + rows + " ON CONFLICT DO NOTHING")) {
                    int i = 1;
                    for (RecordKey record : batch) {
                        byte[] material = new byte[KEY_BYTES];
                        random.nextBytes(material);
                        insert.setString(i++, record.source());
                        insert.setString(i++, record.table());
                        insert.setString(i++, record.pk());
                        insert.setBytes(i++, kek.wrap(material, record.asString()));
                    }
                    insert.executeUpdate();
                }
                readLatest(connection, batch, latest::put);
                return null;
            });
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot store the keys of " + batch.size() + " records in table record_key: "
                    + e.getMessage(), e);
        }
        latest.forEach(this::remember);
    }

    /** {@inheritDoc} One query per {@value #PREPARE_BATCH} records that are not cached. */
    @Override
    public void warm(Collection<RecordKey> records) {
        List<RecordKey> uncached = new ArrayList<>();
        for (RecordKey record : new LinkedHashSet<>(records)) {
            if (cached(record) == null) {
                uncached.add(record);
            }
        }
        if (uncached.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < uncached.size(); from += PREPARE_BATCH) {
                readLatest(connection, uncached.subList(from, Math.min(uncached.size(), from + PREPARE_BATCH)),
                        this::remember);
            }
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot read the keys of " + uncached.size() + " records from table "
                    + "record_key: " + e.getMessage(), e);
        }
    }

    /** Reads the latest generation of each record's key, for {@code found}; a record without a key is left out. */
    private void readLatest(Connection connection, List<RecordKey> batch, BiConsumer<RecordKey, State> found)
            throws SQLException {
        String keys = String.join(", ", Collections.nCopies(batch.size(), "(?, ?, ?)"));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT ON (source, source_table, source_pk) source, source_table, source_pk, generation,"
                        + " key_material, erased_before FROM record_key"
                        + " WHERE (source, source_table, source_pk) IN (" + keys + ")"
                        + " ORDER BY source, source_table, source_pk, generation DESC")) {
            int i = 1;
            for (RecordKey record : batch) {
                select.setString(i++, record.source());
                select.setString(i++, record.table());
                select.setString(i++, record.pk());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    RecordKey record = new RecordKey(rs.getString(1), rs.getString(2), rs.getString(3));
                    found.accept(record, state(record, rs, 4));
                }
            }
        }
    }

    /**
     * Destroys the record's live key (committed at once unless the caller runs a transaction) and marks it destroyed
     * in the cache. Waits while a read-model writer {@link #holdLive holds} the key. A record that never had a key
     * (its events are from before encryption) is marked destroyed all the same, so that it gets none until a lift.
     *
     * @return whether a key was destroyed now: false when it was destroyed before
     */
    public boolean destroy(RecordKey record, String erasureId) {
        List<Integer> destroyed = jdbc.queryForList("""
                UPDATE record_key SET key_material = NULL, destroyed_at = now(), erasure_id = ?
                WHERE source = ? AND source_table = ? AND source_pk = ? AND destroyed_at IS NULL
                RETURNING generation""", Integer.class, erasureId, record.source(), record.table(), record.pk());
        boolean now = !destroyed.isEmpty();
        if (!now) {
            now = jdbc.update("""
                    INSERT INTO record_key (source, source_table, source_pk, generation, key_material, destroyed_at,
                                            erasure_id)
                    VALUES (?, ?, ?, 1, NULL, now(), ?) ON CONFLICT DO NOTHING""",
                    record.source(), record.table(), record.pk(), erasureId) > 0;
        }
        Integer generation = jdbc.queryForObject("""
                SELECT max(generation) FROM record_key WHERE source = ? AND source_table = ? AND source_pk = ?""",
                Integer.class, record.source(), record.table(), record.pk());
        remember(record, new State(generation == null ? 1 : generation, Optional.empty(), null));
        return now;
    }

    /**
     * Gives a record whose key was destroyed its next key generation, committed at once: from now on its data is
     * sealed with the new key, while everything sealed with the destroyed generations stays unreadable. Versions of
     * the record that its source changed before the last erasure are never sealed with the new key
     * ({@link SealingKey#admits}). A record whose latest key is live keeps it (a lift asked again).
     *
     * @return the generation of the record's live key
     */
    public int renew(RecordKey record) {
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        State latest;
        try {
            latest = kek.storing(dataSource, connection -> {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO record_key (source, source_table, source_pk, generation, key_material,
                                                erased_before)
                        SELECT source, source_table, source_pk, generation + 1, ?, destroyed_at FROM record_key
                        WHERE source = ? AND source_table = ? AND source_pk = ? AND destroyed_at IS NOT NULL
                        ORDER BY generation DESC LIMIT 1
                        ON CONFLICT DO NOTHING""")) {
                    insert.setBytes(1, kek.wrap(material, record.asString()));
                    bind(insert, 2, record);
                    insert.executeUpdate();
                }
                return latest(connection, record);
            });
        } catch (SQLException e) {
            throw new KeysUnavailableException("Cannot store the next key of record " + record + " in table "
                    + "record_key: " + e.getMessage(), e);
        }
        if (latest == null) {
            // Never keyed nor erased: its first key is all it needs.
            return keyForWriting(record).map(SealingKey::generation).orElseThrow();
        }
        return remember(record, latest).generation();
    }

    /** Whether the record's latest key was destroyed. */
    public boolean isDestroyed(RecordKey record) {
        State cached = cached(record);
        if (cached != null && !cached.destroyed()) {
            return false;
        }
        List<Boolean> destroyed = jdbc.queryForList("""
                SELECT destroyed_at IS NOT NULL FROM record_key
                WHERE source = ? AND source_table = ? AND source_pk = ? ORDER BY generation DESC LIMIT 1""",
                Boolean.class, record.source(), record.table(), record.pk());
        return !destroyed.isEmpty() && destroyed.getFirst();
    }

    /**
     * In the caller's transaction: whether the record's latest key is live, holding its row so that an erasure cannot
     * destroy it until the transaction ends. A writer of read models that checks this before writing a record's
     * values, in the transaction that writes them, never writes them after an erasure deleted them: the erasure waits
     * for the write to commit, then deletes it. A record without a key row (from before encryption) counts as live.
     */
    public boolean holdLive(RecordKey record) {
        return holdLive(List.of(record)).contains(record);
    }

    /**
     * {@link #holdLive(RecordKey)} for many records in one statement: holds the key rows of all of them (every
     * generation) until the caller's transaction ends.
     *
     * @return those of {@code records} whose latest key is live, or that have no key row
     */
    public Set<RecordKey> holdLive(Collection<RecordKey> records) {
        if (records.isEmpty()) {
            return Set.of();
        }
        List<RecordKey> distinct = List.copyOf(new LinkedHashSet<>(records));
        Map<RecordKey, Integer> latest = new HashMap<>();
        Set<RecordKey> live = new HashSet<>(distinct);
        jdbc.query("""
                SELECT k.source, k.source_table, k.source_pk, k.generation, k.destroyed_at IS NOT NULL FROM record_key k
                WHERE (k.source, k.source_table, k.source_pk) IN (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]))
                FOR SHARE OF k""", (ResultSet rs) -> {
            RecordKey key = new RecordKey(rs.getString(1), rs.getString(2), rs.getString(3));
            int generation = rs.getInt(4);
            Integer seen = latest.get(key);
            if (seen == null || generation > seen) {
                latest.put(key, generation);
                if (rs.getBoolean(5)) {
                    live.remove(key);
                } else {
                    live.add(key);
                }
            }
        }, distinct.stream().map(RecordKey::source).toArray(String[]::new),
                distinct.stream().map(RecordKey::table).toArray(String[]::new),
                distinct.stream().map(RecordKey::pk).toArray(String[]::new));
        return live;
    }

    /**
     * Marks as destroyed, in this instance's cache, every key another instance destroyed since {@code since} (the
     * table's clock), so that an erasure made elsewhere is in force here too; call it periodically.
     *
     * @return what to pass as {@code since} next time: the database time of this look, less a minute
     */
    public Instant forgetKeysDestroyedSince(Instant since) {
        Timestamp now = jdbc.queryForObject("SELECT now()", Timestamp.class);
        record Destroyed(RecordKey record, int generation) {
        }
        List<Destroyed> destroyed = jdbc.query("""
                SELECT source, source_table, source_pk, generation FROM record_key
                WHERE destroyed_at IS NOT NULL AND destroyed_at >= ?""",
                (rs, i) -> new Destroyed(new RecordKey(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getInt(4)), Timestamp.from(since));
        for (Destroyed d : destroyed) {
            if (cached(d.record()) != null) {
                // Replaces a live key of that generation or an older one; a later generation cached stays.
                remember(d.record(), new State(d.generation(), Optional.empty(), null));
            }
        }
        // An erasure whose transaction began before this look and committed after it has an earlier destroyed_at:
        // the next look goes back a minute, which covers any erasure's transaction.
        return now.toInstant().minus(Duration.ofMinutes(1));
    }

    /**
     * Whether this instance has the key-encryption key the keys in the table are wrapped with, switching to the one in
     * its file when another instance rotated it ({@link KeyEncryptionKey#follow}); call it periodically.
     */
    public boolean followKeyEncryptionKey() {
        return kek.follow(jdbc);
    }

    /** How many records' keys are cached, destroyed ones included. */
    public int cachedKeys() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** The cached latest generation of the record, or null when the record is not cached. */
    private State cached(RecordKey record) {
        synchronized (cache) {
            return cache.get(record);
        }
    }

    /**
     * Caches what was read unless the cache knows a later state: a later generation, or the same one destroyed. So a
     * destroyed state in the cache is never replaced by a key read before the destruction.
     *
     * @return the state cached now
     */
    private State remember(RecordKey record, State state) {
        synchronized (cache) {
            State current = cache.get(record);
            if (current != null && current.rank() > state.rank()) {
                return current;
            }
            cache.put(record, state);
            return state;
        }
    }

    /**
     * The latest generation of a record's key as last seen.
     *
     * @param key          its key, or empty once destroyed
     * @param erasedBefore see {@link SealingKey#erasedBefore()}
     */
    private record State(int generation, Optional<SecretKey> key, Instant erasedBefore) {

        boolean destroyed() {
            return key.isEmpty();
        }

        /** Keys only ever move forward: generation by generation, each live, then destroyed. */
        long rank() {
            return 2L * generation + (destroyed() ? 1 : 0);
        }

        Optional<SealingKey> sealing() {
            return key.map(secret -> new SealingKey(generation, secret, erasedBefore));
        }

        /** A generation up to this one: this one's key; an older one is destroyed, since this one exists. */
        Lookup lookup(int wanted) {
            if (wanted > generation) {
                return new Lookup(Optional.empty(), true);
            }
            return new Lookup(wanted == generation ? key : Optional.empty(), false);
        }
    }

    /** The record's latest generation, or null when it has no key row at all. */
    private State latest(Connection connection, RecordKey record) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LATEST)) {
            bind(select, record);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? state(record, rs, 1) : null;
            }
        }
    }

    /** The state in the columns generation, key_material, erased_before from {@code first} on. */
    private State state(RecordKey record, ResultSet rs, int first) throws SQLException {
        byte[] stored = rs.getBytes(first + 1);
        byte[] material = stored == null ? null : kek.unwrap(stored, record.asString());
        Timestamp erasedBefore = rs.getTimestamp(first + 2);
        return new State(rs.getInt(first), material == null ? Optional.empty()
                : Optional.of(new SecretKeySpec(material, ALGORITHM)),
                erasedBefore == null ? null : erasedBefore.toInstant());
    }

    private static void bind(PreparedStatement statement, RecordKey record) throws SQLException {
        bind(statement, 1, record);
    }

    /** Sets the record's source, table and pk from parameter {@code first} on. */
    private static void bind(PreparedStatement statement, int first, RecordKey record) throws SQLException {
        statement.setString(first, record.source());
        statement.setString(first + 1, record.table());
        statement.setString(first + 2, record.pk());
    }
}
