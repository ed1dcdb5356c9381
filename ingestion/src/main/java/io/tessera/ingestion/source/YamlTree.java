package io.tessera.ingestion.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node and key remembers its line and column. Jackson's own tree
 * ({@code JsonNode}) forgets locations, and messages must name the line of the offending key.
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {
    }

    /** A line and column, both 1-based. */
    record Pos(int line, int column) {
        static Pos of(JsonLocation location) {
            return new Pos(Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0));
        }
    }

    sealed interface Node {
        Pos at();

        /** What the node is, for messages: "a mapping", "a list", "a value". */
        String describe();
    }

    record Entry(String key, Pos keyAt, Node value) {
    }

    record MapNode(Pos at, Map<String, Entry> entries) implements Node {
        Entry entry(String key) {
            return entries.get(key);
        }

        Node get(String key) {
            Entry entry = entries.get(key);
            return entry == null ? null : entry.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record ListNode(Pos at, List<Node> items) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is {@code null} for YAML null ({@code ~}, {@code null} or nothing). */
    record ScalarNode(Pos at, String text) implements Node {
        @Override
        public String describe() {
            return text == null ? "null" : "a value";
        }
    }

    /** A problem found while reading the tree (syntax, duplicate key). */
    record SyntaxProblem(Pos at, String key, String message) {
    }

    /**
     * Reads the first document of {@code reader}. Returns {@code null} for an empty document. Duplicate keys are
     * reported through {@code problems} (the later one wins) because YAML forbids them but most parsers accept them.
     */
    static Node parse(Reader reader, List<SyntaxProblem> problems) throws IOException {
        try (JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            return read(parser, "", problems);
        }
    }

    private static Node read(JsonParser parser, String path, List<SyntaxProblem> problems) throws IOException {
        Pos at = Pos.of(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Pos keyAt = Pos.of(parser.currentTokenLocation());
                    parser.nextToken();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    Node value = read(parser, childPath, problems);
                    if (entries.containsKey(key)) {
                        problems.add(new SyntaxProblem(keyAt, childPath,
                                "duplicate key '" + key + "' (first at line " + entries.get(key).keyAt().line()
                                        + "); remove one of them"));
                    }
                    entries.put(key, new Entry(key, keyAt, value));
                }
                return new MapNode(at, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, path + "[" + index++ + "]", problems));
                }
                return new ListNode(at, items);
            }
            case VALUE_NULL -> {
                return new ScalarNode(at, null);
            }
            default -> {
                // Strings, numbers and booleans all become text: the mapping compares and emits text.
                return new ScalarNode(at, parser.getText());
            }
        }
    }
}
