package io.tessera.contracts;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies one row of one source system: the source name, the table (or CSV file) and the primary key.
 * Its {@link #asString() string form} is the Kafka key of the record topic, so it must be stable and reversible.
 */
public record RecordKey(String source, String table, String pk) implements Comparable<RecordKey> {

    private static final Comparator<RecordKey> ORDER = Comparator.comparing(RecordKey::source)
            .thenComparing(RecordKey::table)
            .thenComparing(RecordKey::pk);

    public RecordKey {
        requireText(source, "source");
        requireText(table, "table");
        requireText(pk, "pk");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A record key needs a non-empty " + name);
        }
    }

    /** {@code source/table/pk}, each part percent-encoded so that a slash inside a key cannot be misread. */
    public String asString() {
        return encode(source) + "/" + encode(table) + "/" + encode(pk);
    }

    public static RecordKey parse(String text) {
        Objects.requireNonNull(text, "record key");
        String[] parts = text.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("A record key reads source/table/pk, got '" + text + "'");
        }
        return new RecordKey(decode(parts[0]), decode(parts[1]), decode(parts[2]));
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public int compareTo(RecordKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return asString();
    }
}
