package io.tessera.identity.core.normalise;

import java.util.Objects;

/**
 * The two forms of a usable email (personal data: never log them; see {@link Masking#email}).
 *
 * @param asWritten        trimmed and lower-cased, as the person wrote it, e.g. {@code ana.garcia+shop@googlemail.com}
 * @param canonicalMailbox the mailbox that receives the mail after the provider's rules, e.g.
 *                         {@code anagarcia@gmail.com}; equal to {@code asWritten} for providers without rules
 */
public record EmailForms(String asWritten, String canonicalMailbox) {

    public EmailForms {
        Objects.requireNonNull(asWritten, "asWritten");
        Objects.requireNonNull(canonicalMailbox, "canonicalMailbox");
    }

    /** Whether provider rules changed the address, i.e. the two forms differ. */
    public boolean rewritten() {
        return !asWritten.equals(canonicalMailbox);
    }

    /** Never the clear addresses. */
    @Override
    public String toString() {
        return "EmailForms[" + Masking.email(asWritten) + " -> " + Masking.email(canonicalMailbox) + "]";
    }
}
