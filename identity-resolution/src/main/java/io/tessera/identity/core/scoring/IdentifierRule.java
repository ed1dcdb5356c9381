package io.tessera.identity.core.scoring;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
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

    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    /** The record's value when present and valid, else {@code null}. */
    public String validValue(Features record) {
        String value = record.value(attribute);
        if (value == null) {
            return null;
        }
        // ".+" is the common case (any present value); other patterns are compiled once.
        return validPattern.equals(".+") || COMPILED.computeIfAbsent(validPattern, Pattern::compile).matcher(value)
                .matches() ? value : null;
    }
}
