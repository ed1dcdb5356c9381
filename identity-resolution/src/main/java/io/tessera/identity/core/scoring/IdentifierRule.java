package io.tessera.identity.core.scoring;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A decisive identifier (national id, tax id): an attribute and the pattern a valid value matches. Check-digit
 * validation belongs to the normalisers; a value they reject should not reach the features at all.
 */
public record IdentifierRule(String attribute, String validPattern) {

    public IdentifierRule {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(validPattern, "validPattern");
        Pattern.compile(validPattern);
    }

    /** The record's value when present and valid, else {@code null}. */
    public String validValue(Features record) {
        String value = record.value(attribute);
        return value != null && value.matches(validPattern) ? value : null;
    }
}
