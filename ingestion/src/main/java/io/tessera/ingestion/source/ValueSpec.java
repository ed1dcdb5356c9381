package io.tessera.ingestion.source;

import io.tessera.contracts.EntityKind;
import java.util.List;
import java.util.Map;

/**
 * How one attribute value is read from a row: one or more columns and small transforms, applied in this order:
 * read each column (checking {@link #type()}), trim, combine ({@link Combine#JOIN join} with {@link #separator()}
 * or take the {@link Combine#FIRST first} non-empty), look the result up in {@link #map()}, fall back to
 * {@link #defaultValue()}. Blank text counts as no value when {@link #trim()} is on.
 *
 * @param columns      the columns to read, at least one
 * @param combine      how several columns become one value
 * @param separator    the separator for {@link Combine#JOIN}
 * @param trim         strip surrounding white space and treat blank as no value
 * @param type         what the column must hold; a row that does not is rejected
 * @param map          value translations (source value → canonical value); empty for none
 * @param unmapped     what to do with a value that {@link #map()} does not list (ignored when the map is empty)
 * @param defaultValue the value when the row has none, or {@code null}
 * @param onlyFor      map the attribute only for records of this kind, or {@code null} for both
 */
public record ValueSpec(
        List<String> columns,
        Combine combine,
        String separator,
        boolean trim,
        ValueType type,
        Map<String, String> map,
        Unmapped unmapped,
        String defaultValue,
        EntityKind onlyFor) {

    public ValueSpec {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("A value needs at least one column");
        }
        columns = List.copyOf(columns);
        combine = combine == null ? Combine.JOIN : combine;
        separator = separator == null ? " " : separator;
        type = type == null ? ValueType.ANY : type;
        map = map == null ? Map.of() : Map.copyOf(map);
        unmapped = unmapped == null ? Unmapped.KEEP : unmapped;
    }

    /** One column, trimmed, any scalar type, no translation. */
    public static ValueSpec column(String column) {
        return new ValueSpec(List.of(column), Combine.JOIN, " ", true, ValueType.ANY, Map.of(), Unmapped.KEEP, null, null);
    }

    /** How several columns become one value. */
    public enum Combine {
        /** Join the non-empty values with the separator, e.g. street and street2. */
        JOIN,
        /** Take the first non-empty value, e.g. a preferred column with a fallback. */
        FIRST
    }

    /** What a column must hold; values are always delivered as text. */
    public enum ValueType {
        /** Any string, number or boolean. */
        ANY,
        /** A string. */
        TEXT,
        /** A number, or a string that reads as one (decimals arrive as strings). */
        NUMBER,
        /** A whole number, or a string of digits. */
        INTEGER,
        /** A boolean, {@code "true"}/{@code "false"} or 0/1; delivered as {@code true}/{@code false}. */
        BOOLEAN
    }

    /** What happens to a value that the map does not list. */
    public enum Unmapped {
        /** Keep the source value as it is. */
        KEEP,
        /** Treat it as no value (the default then applies). */
        DROP,
        /** Reject the row to the dead-letter topic. */
        REJECT
    }
}
