package io.tessera.identity.core.blocking;

import java.util.Objects;

/** One attribute of a blocking key and how it is transformed ({@code length} is used by {@link KeyTransform#PREFIX}). */
public record KeyPart(String attribute, KeyTransform transform, int length) {

    public KeyPart {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(transform, "transform");
    }

    public static KeyPart value(String attribute) {
        return new KeyPart(attribute, KeyTransform.VALUE, 0);
    }

    public static KeyPart soundex(String attribute) {
        return new KeyPart(attribute, KeyTransform.SOUNDEX, 0);
    }

    public static KeyPart prefix(String attribute, int length) {
        return new KeyPart(attribute, KeyTransform.PREFIX, length);
    }

    public static KeyPart year(String attribute) {
        return new KeyPart(attribute, KeyTransform.YEAR, 0);
    }
}
