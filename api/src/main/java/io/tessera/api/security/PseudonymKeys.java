package io.tessera.api.security;

import io.tessera.projections.privacy.KeyEncryptionKey;
import io.tessera.projections.privacy.TesseraSecrets;
import java.nio.charset.StandardCharsets;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the pseudonym key comes from: {@code tessera.security.pseudonym-key} when set, else a key generated on the
 * first start and kept in Tessera's PostgreSQL ({@code tessera_secret}), so that pseudonyms stay the same across
 * restarts and across the instances that share the database.
 */
public final class PseudonymKeys {

    private static final String NAME = "pseudonym-key";

    private PseudonymKeys() {
    }

    /** The pseudonymiser of the configured key, or of the stored one (generated and stored when missing). */
    public static Pseudonymiser pseudonymiser(SecurityProperties properties, JdbcTemplate jdbc,
                                              KeyEncryptionKey kek) {
        if (properties.pseudonymKey() != null) {
            return new Pseudonymiser(properties.pseudonymKey().getBytes(StandardCharsets.UTF_8));
        }
        return new Pseudonymiser(TesseraSecrets.stored(jdbc, NAME, kek));
    }

}
