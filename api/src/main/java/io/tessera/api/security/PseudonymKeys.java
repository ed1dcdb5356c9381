package io.tessera.api.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the pseudonym key comes from: {@code tessera.security.pseudonym-key} when set, else a key generated on the
 * first start and kept in Tessera's PostgreSQL ({@code tessera_secret}), so that pseudonyms stay the same across
 * restarts and across the instances that share the database.
 */
public final class PseudonymKeys {

    private static final Logger log = LoggerFactory.getLogger(PseudonymKeys.class);
    private static final String NAME = "pseudonym-key";

    private PseudonymKeys() {
    }

    /** The pseudonymiser of the configured key, or of the stored one (generated and stored when missing). */
    public static Pseudonymiser pseudonymiser(SecurityProperties properties, JdbcTemplate jdbc) {
        if (properties.pseudonymKey() != null) {
            return new Pseudonymiser(properties.pseudonymKey().getBytes(StandardCharsets.UTF_8));
        }
        return new Pseudonymiser(Base64.getDecoder().decode(stored(jdbc)));
    }

    /** The key kept in PostgreSQL, Base64; the first instance to store one wins, the others read it. */
    static String stored(JdbcTemplate jdbc) {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS tessera_secret (
                    name       varchar     PRIMARY KEY,
                    value      varchar     NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                )""");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        int created = jdbc.update("INSERT INTO tessera_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                NAME, Base64.getEncoder().encodeToString(random));
        if (created == 1) {
            log.info("No tessera.security.pseudonym-key set: generated one and stored it in Tessera's PostgreSQL "
                    + "(table tessera_secret); keep that table in your backups, or pseudonyms change");
        }
        return jdbc.queryForObject("SELECT value FROM tessera_secret WHERE name = ?", String.class, NAME);
    }
}
