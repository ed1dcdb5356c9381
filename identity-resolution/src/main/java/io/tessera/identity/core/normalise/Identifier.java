package io.tessera.identity.core.normalise;

import java.util.Comparator;
import java.util.Objects;

/**
 * A normalised, usable identifier of a record: a lower-cased email or an E.164 phone number. Two records that
 * hold the same identifier are candidates for a link.
 *
 * @param kind  what it is
 * @param value the normalised value (personal data: never log it, show {@link #masked()} instead)
 */
public record Identifier(IdentifierKind kind, String value) implements Comparable<Identifier> {

    private static final Comparator<Identifier> ORDER =
            Comparator.comparing(Identifier::kind).thenComparing(Identifier::value);

    public Identifier {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An identifier needs a value");
        }
        // Stores index identifiers by key + NUL + record key, so a NUL inside a value would corrupt prefix scans.
        if (value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("An identifier value cannot contain a NUL character");
        }
    }

    /** {@code kind:value}, e.g. {@code email:ana@example.com}; unique across kinds. */
    public String key() {
        return kind.prefix() + ":" + value;
    }

    /** The value with most of it hidden, safe for evidence and logs, e.g. {@code a***@example.com}. */
    public String masked() {
        return switch (kind) {
            case EMAIL -> Masking.email(value);
            case PHONE -> Masking.phone(value);
        };
    }

    @Override
    public int compareTo(Identifier other) {
        return ORDER.compare(this, other);
    }

    /** Never the clear value, so that an identifier that ends up in a log or message leaks nothing. */
    @Override
    public String toString() {
        return kind.prefix() + ":" + masked();
    }
}
