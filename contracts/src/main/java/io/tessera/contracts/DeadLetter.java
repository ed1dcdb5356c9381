package io.tessera.contracts;

import java.time.Instant;

/**
 * An input that a stage could not process, kept with the reason so that nothing is lost silently.
 *
 * @param stage   the stage that rejected it ({@code ingestion}, {@code identity-resolution}, …)
 * @param origin  where it came from, e.g. {@code crm/res_partner}
 * @param key     the key of the input as received
 * @param reason  what is wrong and how to fix it
 * @param payload the input as received
 * @param at      when it was rejected
 */
public record DeadLetter(String stage, String origin, String key, String reason, String payload, Instant at) {
}
