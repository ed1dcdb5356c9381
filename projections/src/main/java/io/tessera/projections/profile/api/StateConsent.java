package io.tessera.projections.profile.api;

import io.tessera.contracts.ConsentChannel;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A consent statement made through the API for a profile: the person granted or withdrew consent to be contacted on
 * a channel for a purpose.
 *
 * @param statementId the statement's id, unique
 * @param statedAt    when the person said so
 * @param statedBy    the API caller who recorded it
 * @param note        free text without personal data (a ticket number, "unsubscribe link"), may be null
 * @param recordedAt  when the API took the statement
 */
public record StateConsent(
        @TargetAggregateIdentifier String profileId,
        String statementId,
        ConsentChannel channel,
        String purpose,
        boolean granted,
        Instant statedAt,
        String statedBy,
        String note,
        Instant recordedAt) implements ProfileCommand {

    public StateConsent {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(statedAt, "statedAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
