package io.tessera.projections.profile.api;

import io.tessera.contracts.ConsentChannel;
import java.time.Instant;

/**
 * A consent statement recorded through the API for this profile (statements a source makes arrive with its records).
 *
 * @param at when the statement was recorded
 */
public record ConsentStated(String profileId, String statementId, ConsentChannel channel, String purpose,
                            boolean granted, Instant statedAt, String statedBy, String note, Instant at)
        implements ProfileEvent {
}
