package io.tessera.identity.core.scoring;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A record as the scoring engine sees it: an id and normalised attribute values (strings; dates as ISO
 * {@code yyyy-MM-dd} strings when they parse). Missing and blank values are simply absent, so a comparison
 * of a missing attribute falls in the null level and carries no weight.
 *
 * <p>Kept independent of the canonical contracts on purpose: the mapping of a source record onto features is a
 * separate step, and the same engine scores CSV benchmark data.
 */
public record Features(String id, Map<String, String> values) {

    public Features {
        Objects.requireNonNull(id, "id");
        var copy = new TreeMap<String, String>();
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                copy.put(name, value);
            }
        });
        // Sorted iteration (equal records serialise identically) with hash lookups, which scoring does most.
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(copy));
    }

    /** Features whose values are folded with {@link TextFolding#fold(String)}. */
    public static Features folded(String id, Map<String, String> raw) {
        var folded = new TreeMap<String, String>();
        raw.forEach((name, value) -> folded.put(name, TextFolding.fold(value)));
        return new Features(id, folded);
    }

    /** The value of an attribute, or {@code null} when the record has none. */
    public String value(String attribute) {
        return values.get(attribute);
    }
}
