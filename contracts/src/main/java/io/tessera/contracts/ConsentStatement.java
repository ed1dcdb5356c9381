package io.tessera.contracts;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * What a source record says about a person's consent to be contacted on one channel for one purpose: granted or
 * withdrawn, and when the person said so.
 *
 * @param channel  the channel
 * @param purpose  what the contact is for ({@code marketing} unless the mapping names another), lower case
 * @param granted  true for consent given, false for consent refused or withdrawn
 * @param statedAt when the person stated it, as the source records it; null when the source keeps no time (the
 *                 record's change time then stands for it)
 */
public record ConsentStatement(ConsentChannel channel, String purpose, boolean granted, Instant statedAt) {

    public static final String DEFAULT_PURPOSE = "marketing";
    public static final Comparator<ConsentStatement> ORDER = Comparator.comparing(ConsentStatement::channel)
            .thenComparing(ConsentStatement::purpose);

    public ConsentStatement {
        Objects.requireNonNull(channel, "channel");
        purpose = purpose == null || purpose.isBlank() ? DEFAULT_PURPOSE
                : purpose.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
