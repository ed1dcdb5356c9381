package io.tessera.projections.privacy;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Secrets Tessera generates on its first start and keeps in its PostgreSQL (table {@code tessera_secret}), so that
 * they stay the same across restarts and across the instances that share the database: the pseudonym key, the
 * resolution key. They are stored wrapped with the {@link KeyEncryptionKey} ({@code wrapped:<Base64>}); one stored in
 * clear by a version before wrapping is wrapped when first read. Losing the table loses what they protect; it belongs
 * in the backups with the key table, and the key-encryption key apart from both.
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
        int created = jdbc.update("INSERT INTO tessera_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name, WRAPPED + Base64.getEncoder().encodeToString(kek.wrap(random, context(name))));
        if (created == 1) {
            log.info("Generated the {} and stored it in Tessera's PostgreSQL (table tessera_secret), wrapped with the "
                    + "key-encryption key; keep that table in your backups", name);
        }
        String value = jdbc.queryForObject("SELECT value FROM tessera_secret WHERE name = ?", String.class, name);
        if (value.startsWith(WRAPPED)) {
            return kek.unwrap(Base64.getDecoder().decode(value.substring(WRAPPED.length())), context(name));
        }
        byte[] clear = Base64.getDecoder().decode(value);
        jdbc.update("UPDATE tessera_secret SET value = ? WHERE name = ? AND value = ?",
                WRAPPED + Base64.getEncoder().encodeToString(kek.wrap(clear, context(name))), name, value);
        log.info("Wrapped the {} in table tessera_secret with the key-encryption key", name);
        return clear;
    }

    private static String context(String name) {
        return "tessera_secret/" + name;
    }
}
