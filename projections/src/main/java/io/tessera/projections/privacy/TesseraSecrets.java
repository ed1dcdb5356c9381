package io.tessera.projections.privacy;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Secrets Tessera generates on its first start and keeps in its PostgreSQL (table {@code tessera_secret}), so that
 * they stay the same across restarts and across the instances that share the database: the pseudonym key, the
 * resolution key. Losing the table loses what they protect; it belongs in the backups with the key table.
 */
public final class TesseraSecrets {

    private static final Logger log = LoggerFactory.getLogger(TesseraSecrets.class);
    private static final int BYTES = 32;

    private TesseraSecrets() {
    }

    /**
     * The secret of that name, 32 random bytes, generated and stored when missing; the first instance to store one
     * wins, the others read it.
     */
    public static byte[] stored(JdbcTemplate jdbc, String name) {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS tessera_secret (
                    name       varchar     PRIMARY KEY,
                    value      varchar     NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                )""");
        byte[] random = new byte[BYTES];
        new SecureRandom().nextBytes(random);
        int created = jdbc.update("INSERT INTO tessera_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name, Base64.getEncoder().encodeToString(random));
        if (created == 1) {
            log.info("Generated the {} and stored it in Tessera's PostgreSQL (table tessera_secret); keep that table "
                    + "in your backups", name);
        }
        return Base64.getDecoder().decode(
                jdbc.queryForObject("SELECT value FROM tessera_secret WHERE name = ?", String.class, name));
    }
}
