package io.tessera.api.privacy;

import io.tessera.projections.profile.api.ProfileErased;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The profiles that recorded an erasure ({@link ProfileErased} with its id), read from the event store itself: what a
 * lift falls back on when neither the suppression nor the erasure log names them (a suppression written before they
 * were kept, by an erasure that failed before its log entry). {@code ProfileErased} holds no personal data, so its
 * payload is stored unsealed and the erasure id, a UUID, is found in it as text.
 */
public class ErasedProfiles {

    private final JdbcTemplate jdbc;

    public ErasedProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The profiles whose streams hold {@code ProfileErased} of this erasure, sorted. */
    public List<String> of(String erasureId) {
        return jdbc.queryForList("""
                SELECT DISTINCT aggregateidentifier FROM domainevententry
                WHERE payloadtype = ? AND position(? IN convert_from(payload, 'UTF8')) > 0
                ORDER BY aggregateidentifier""", String.class, ProfileErased.class.getName(),
                "\"" + erasureId + "\"");
    }
}
