package io.tessera.projections.privacy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Secrets Tessera generates on its first start and keeps in its PostgreSQL (table {@code tessera_secret}), so that
 * they stay the same across restarts and across the instances that share the database: the pseudonym key, the
 * resolution key. They are stored wrapped with the {@link KeyEncryptionKey} ({@code wrapped:<Base64>}); one stored in
 * clear by a version before wrapping is wrapped when first read. Losing the table loses what they protect; it belongs
 * in the backups with the key table, and the key-encryption key apart from both. A rotation of the key-encryption key
 * re-wraps them ({@link KeyEncryptionKey#rotate}).
 */
public final class TesseraSecrets {

    private static final Logger log = LoggerFactory.getLogger(TesseraSecrets.class);
    private static final int BYTES = 32;
    private static final String WRAPPED = "wrapped:";

    private TesseraSecrets() {
    }

    /** Creates the table when it is missing. */
    static void createTable(JdbcTemplate jdbc) {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS tessera_secret (
                    name       varchar     PRIMARY KEY,
                    value      varchar     NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                )""");
    }

    /**
     * The secret of that name, 32 random bytes, generated and stored when missing; the first instance to store one
     * wins, the others read it.
     */
    public static byte[] stored(JdbcTemplate jdbc, String name, KeyEncryptionKey kek) {
        createTable(jdbc);
        byte[] random = new byte[BYTES];
        new SecureRandom().nextBytes(random);
        String value;
        try {
            value = kek.storing(jdbc.getDataSource(), connection -> {
                int created;
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO tessera_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                    insert.setString(1, name);
                    insert.setString(2, wrapped(kek.wrap(random, context(name))));
                    created = insert.executeUpdate();
                }
                if (created == 1) {
                    log.info("Generated the {} and stored it in Tessera's PostgreSQL (table tessera_secret), wrapped "
                            + "with the key-encryption key; keep that table in your backups", name);
                }
                String found = select(connection, name);
                if (found.startsWith(WRAPPED)) {
                    return found;
                }
                String clear = found;
                found = wrapped(kek.wrap(Base64.getDecoder().decode(clear), context(name)));
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE tessera_secret SET value = ? WHERE name = ? AND value = ?")) {
                    update.setString(1, found);
                    update.setString(2, name);
                    update.setString(3, clear);
                    update.executeUpdate();
                }
                log.info("Wrapped the {} in table tessera_secret with the key-encryption key", name);
                return found;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the " + name + " in table tessera_secret: " + e.getMessage(),
                    e);
        }
        return kek.unwrap(Base64.getDecoder().decode(value.substring(WRAPPED.length())), context(name));
    }

    /**
     * In the caller's transaction: re-wraps every wrapped secret, for a rotation of the key-encryption key. A secret
     * still in clear (from before wrapping) is left to {@link #stored}, which wraps it.
     *
     * @return how many secrets were re-wrapped
     */
    static int rewrap(Connection connection, KeyEncryptionKey.Rewrap rewrap) throws SQLException {
        Map<String, String> wrapped = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name, value FROM tessera_secret WHERE value LIKE ? ORDER BY name FOR UPDATE")) {
            select.setString(1, WRAPPED + "%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    wrapped.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        int rewrapped = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE tessera_secret SET value = ? WHERE name = ?")) {
            for (Map.Entry<String, String> secret : wrapped.entrySet()) {
                byte[] stored = Base64.getDecoder().decode(secret.getValue().substring(WRAPPED.length()));
                update.setString(1, wrapped(rewrap.apply(stored, context(secret.getKey()))));
                update.setString(2, secret.getKey());
                rewrapped += update.executeUpdate();
            }
        }
        return rewrapped;
    }

    private static String select(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT value FROM tessera_secret WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String wrapped(byte[] wrapped) {
        return WRAPPED + Base64.getEncoder().encodeToString(wrapped);
    }

    private static String context(String name) {
        return "tessera_secret/" + name;
    }
}
