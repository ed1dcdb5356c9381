package io.tessera.identity.core.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@link ModelParameters} as versioned JSON. A file holds:
 *
 * <ul>
 *   <li>{@code version}: the format version ({@link ModelParameters#CURRENT_VERSION});</li>
 *   <li>{@code configuration}: the {@link ModelParameters#fingerprint fingerprint} of the comparisons, checked on
 *       read against the comparisons in the file, so that parameters are not silently used for other ones;</li>
 *   <li>{@code trainedAt}, {@code records}, {@code inputs}: when and on what the parameters were trained (optional,
 *       all three or none);</li>
 *   <li>{@code lambda} and {@code comparisons}: the model itself; per comparison {@code attribute},
 *       {@code termFrequency}, {@code levels} ({@code type}, {@code threshold}), {@code m}, {@code u},
 *       {@code termFrequencies} and {@code unseenTermFrequency}.</li>
 * </ul>
 *
 * <p>Read from the token stream rather than by data binding, so that a bad file fails with its name, the line and
 * the path of the key at fault, e.g. {@code params.json line 14: key 'comparisons[2].m' must be an array of
 * numbers}. Files without the {@code configuration} key or the training keys (written before they existed) are read
 * as they are.
 *
 * <p>The term-frequency tables hold common attribute values (those shared by two or more records): treat the file
 * as personal data. Messages never quote those values.
 */
public final class ModelParametersJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> ROOT_KEYS = Set.of("version", "configuration", "trainedAt", "records", "inputs",
            "lambda", "comparisons");
    private static final Set<String> COMPARISON_KEYS = Set.of("attribute", "termFrequency", "levels", "m", "u",
            "termFrequencies", "unseenTermFrequency");
    private static final Set<String> LEVEL_KEYS = Set.of("type", "threshold");

    private ModelParametersJson() {
    }

    /** Writes the parameters to a file. */
    public static void write(ModelParameters parameters, Path file) throws IOException {
        Files.writeString(file, toJson(parameters) + "\n");
    }

    /** Reads parameters from a file; fails with {@link InvalidParametersException} naming the line and the key. */
    public static ModelParameters read(Path file) throws IOException {
        return fromJson(Files.readString(file), file.toString());
    }

    /** The JSON text of the parameters. */
    public static String toJson(ModelParameters parameters) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", parameters.version());
        root.put("configuration", parameters.configuration());
        ModelParameters.Training training = parameters.training();
        if (training != null) {
            root.put("trainedAt", training.trainedAt().toString());
            root.put("records", training.records());
            ArrayNode inputs = root.putArray("inputs");
            training.inputs().forEach(inputs::add);
        }
        root.put("lambda", parameters.lambda());
        ArrayNode comparisons = root.putArray("comparisons");
        for (ComparisonParameters c : parameters.comparisons()) {
            ObjectNode node = comparisons.addObject();
            node.put("attribute", c.spec().attribute());
            node.put("termFrequency", c.spec().termFrequency());
            ArrayNode levels = node.putArray("levels");
            for (Level level : c.spec().levels()) {
                levels.addObject().put("type", level.type().name()).put("threshold", level.threshold());
            }
            ArrayNode m = node.putArray("m");
            c.m().forEach(m::add);
            ArrayNode u = node.putArray("u");
            c.u().forEach(u::add);
            ObjectNode tf = node.putObject("termFrequencies");
            new TreeMap<>(c.termFrequencies()).forEach(tf::put);
            node.put("unseenTermFrequency", c.unseenTermFrequency());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write model parameters", e);
        }
    }

    /** Parses JSON text; {@code source} names the file in messages. */
    public static ModelParameters fromJson(String json, String source) {
        Located located = Located.parse(json, source);
        return new Reader(source, located.lines()).parameters(located.root());
    }

    /** A JSON tree with the line each value starts on, by key path ({@code comparisons[2].m}; the root is ""). */
    private record Located(JsonNode root, Map<String, Integer> lines) {

        static Located parse(String json, String source) {
            Map<String, Integer> lines = new HashMap<>();
            try (JsonParser parser = FACTORY.createParser(json)) {
                if (parser.nextToken() == null) {
                    throw new InvalidParametersException(source + " line 1: the file is empty; expected a JSON "
                            + "object with key 'version'");
                }
                JsonNode root = value(parser, "", lines, source);
                if (parser.nextToken() != null) {
                    throw new InvalidParametersException(source + " line " + line(parser)
                            + ": unexpected content after the JSON object");
                }
                return new Located(root, lines);
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
                throw new InvalidParametersException(source + " line " + line + ": not valid JSON: "
                        + String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " "), e);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read JSON text held in memory", e);
            }
        }

        private static JsonNode value(JsonParser parser, String path, Map<String, Integer> lines, String source)
                throws IOException {
            lines.put(path, line(parser));
            JsonToken token = parser.currentToken();
            return switch (token) {
                case START_OBJECT -> {
                    ObjectNode object = NODES.objectNode();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        String keyPath = child(path, key);
                        if (object.has(key)) {
                            throw new InvalidParametersException(source + " line " + line(parser) + ": key '"
                                    + keyPath + "' appears twice (first on line " + lines.get(keyPath)
                                    + "); keep one");
                        }
                        parser.nextToken();
                        object.set(key, value(parser, keyPath, lines, source));
                    }
                    yield object;
                }
                case START_ARRAY -> {
                    ArrayNode array = NODES.arrayNode();
                    int index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(value(parser, path + "[" + index++ + "]", lines, source));
                    }
                    yield array;
                }
                case VALUE_STRING -> NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> NODES.nullNode();
                default -> throw new InvalidParametersException(source + " line " + line(parser)
                        + ": unexpected " + token);
            };
        }

        private static int line(JsonParser parser) {
            return parser.currentTokenLocation().getLineNr();
        }
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Turns the located tree into parameters; every failure names the file, the line and the key path. */
    private static final class Reader {

        private final String source;
        private final Map<String, Integer> lines;

        Reader(String source, Map<String, Integer> lines) {
            this.source = source;
            this.lines = lines;
        }

        ModelParameters parameters(JsonNode root) {
            if (!root.isObject()) {
                throw fail("", "expected a JSON object with key 'version'");
            }
            knownKeys(root, "", ROOT_KEYS);
            JsonNode versionNode = required(root, "", "version");
            if (!versionNode.isIntegralNumber() || !versionNode.canConvertToInt()) {
                throw fail("version", "key 'version' must be a whole number");
            }
            int version = versionNode.intValue();
            if (version != ModelParameters.CURRENT_VERSION) {
                throw fail("version", "key 'version' is " + version + ", this build reads "
                        + ModelParameters.CURRENT_VERSION + "; retrain the model");
            }
            double lambda = number(root, "", "lambda");
            if (!(lambda > 0 && lambda < 1)) {
                throw fail("lambda", "key 'lambda' must be a probability between 0 and 1 exclusive, was " + lambda);
            }
            JsonNode comparisonsNode = array(root, "", "comparisons");
            List<ComparisonParameters> comparisons = new ArrayList<>();
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < comparisonsNode.size(); i++) {
                String path = "comparisons[" + i + "]";
                ComparisonParameters comparison = comparison(comparisonsNode.get(i), path);
                String attributePath = path + ".attribute";
                String earlier = attributes.putIfAbsent(comparison.spec().attribute(), attributePath);
                if (earlier != null) {
                    throw fail(attributePath, "key '" + attributePath + "' repeats the attribute of '" + earlier
                            + "' (line " + lines.get(earlier) + "); an attribute is compared once");
                }
                comparisons.add(comparison);
            }
            ModelParameters parameters = new ModelParameters(version, lambda, comparisons, training(root));
            JsonNode configuration = root.get("configuration");
            if (configuration != null) {
                if (!configuration.isTextual()) {
                    throw fail("configuration", "key 'configuration' must be a string");
                }
                if (!configuration.textValue().equals(parameters.configuration())) {
                    throw fail("configuration", "key 'configuration' is '" + configuration.textValue()
                            + "' but the comparisons in the file have fingerprint '" + parameters.configuration()
                            + "': they were edited or written by another build; learn the parameters again (or "
                            + "remove key 'configuration' if the comparisons were changed on purpose)");
                }
            }
            return parameters;
        }

        /** The training record: all of {@code trainedAt}, {@code records} and {@code inputs}, or none of them. */
        private ModelParameters.Training training(JsonNode root) {
            if (!root.has("trainedAt") && !root.has("records") && !root.has("inputs")) {
                return null;
            }
            String trainedAtText = text(root, "", "trainedAt");
            Instant trainedAt;
            try {
                trainedAt = Instant.parse(trainedAtText);
            } catch (DateTimeParseException e) {
                throw fail("trainedAt", "key 'trainedAt' must be an ISO-8601 instant such as "
                        + "2025-01-31T09:30:00Z, was '" + trainedAtText + "'", e);
            }
            JsonNode recordsNode = required(root, "", "records");
            if (!recordsNode.isIntegralNumber() || !recordsNode.canConvertToLong() || recordsNode.longValue() < 0) {
                throw fail("records", "key 'records' must be a whole number of records, 0 or more");
            }
            JsonNode inputsNode = array(root, "", "inputs");
            List<String> inputs = new ArrayList<>();
            for (int i = 0; i < inputsNode.size(); i++) {
                if (!inputsNode.get(i).isTextual()) {
                    throw fail("inputs[" + i + "]", "key 'inputs[" + i + "]' must be a file name (a string)");
                }
                inputs.add(inputsNode.get(i).textValue());
            }
            return new ModelParameters.Training(trainedAt, recordsNode.longValue(), inputs);
        }

        private ComparisonParameters comparison(JsonNode node, String path) {
            if (!node.isObject()) {
                throw fail(path, "key '" + path + "' must be an object with key 'attribute'");
            }
            knownKeys(node, path, COMPARISON_KEYS);
            String attribute = text(node, path, "attribute");
            JsonNode tfFlag = required(node, path, "termFrequency");
            if (!tfFlag.isBoolean()) {
                throw fail(path + ".termFrequency", "key '" + path + ".termFrequency' must be true or false");
            }
            JsonNode levelsNode = array(node, path, "levels");
            List<Level> levels = new ArrayList<>();
            for (int i = 0; i < levelsNode.size(); i++) {
                String levelPath = path + ".levels[" + i + "]";
                JsonNode levelNode = levelsNode.get(i);
                if (!levelNode.isObject()) {
                    throw fail(levelPath, "key '" + levelPath + "' must be an object with keys 'type' and "
                            + "'threshold'");
                }
                knownKeys(levelNode, levelPath, LEVEL_KEYS);
                String type = text(levelNode, levelPath, "type");
                LevelType levelType;
                try {
                    levelType = LevelType.valueOf(type);
                } catch (IllegalArgumentException e) {
                    throw fail(levelPath + ".type", "key '" + levelPath + ".type' is '" + type
                            + "', expected one of " + Arrays.toString(LevelType.values()), e);
                }
                levels.add(new Level(levelType, number(levelNode, levelPath, "threshold")));
            }
            ComparisonSpec spec;
            try {
                spec = new ComparisonSpec(attribute, levels, tfFlag.booleanValue());
            } catch (IllegalArgumentException e) {
                throw fail(path + ".levels", "key '" + path + ".levels': " + e.getMessage(), e);
            }
            List<Double> m = probabilities(node, path, "m", spec.levelCount());
            List<Double> u = probabilities(node, path, "u", spec.levelCount());
            String tfPath = path + ".termFrequencies";
            JsonNode tfNode = required(node, path, "termFrequencies");
            if (!tfNode.isObject()) {
                throw fail(tfPath, "key '" + tfPath + "' must be an object of value: share");
            }
            Map<String, Double> tf = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : tfNode.properties()) {
                double share = entry.getValue().isNumber() ? entry.getValue().doubleValue() : Double.NaN;
                if (!(share >= 0 && share <= 1)) {
                    // The value is an attribute value (personal data): the line locates it, the message omits it.
                    throw fail(child(tfPath, entry.getKey()), "a value of key '" + tfPath
                            + "' must be a share (a number between 0 and 1)");
                }
                tf.put(entry.getKey(), share);
            }
            double unseen = number(node, path, "unseenTermFrequency");
            if (!(unseen >= 0 && unseen <= 1)) {
                throw fail(path + ".unseenTermFrequency", "key '" + path + ".unseenTermFrequency' must be a share "
                        + "(a number between 0 and 1)");
            }
            return new ComparisonParameters(spec, m, u, tf, unseen);
        }

        private List<Double> probabilities(JsonNode node, String path, String key, int size) {
            String keyPath = child(path, key);
            JsonNode values = required(node, path, key);
            if (!values.isArray()) {
                throw fail(keyPath, "key '" + keyPath + "' must be an array of numbers");
            }
            if (values.size() != size) {
                throw fail(keyPath, "key '" + keyPath + "' has " + values.size() + " values, expected " + size
                        + " (one per level plus else)");
            }
            List<Double> result = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                JsonNode value = values.get(i);
                if (!value.isNumber() || !(value.doubleValue() > 0 && value.doubleValue() <= 1)) {
                    throw fail(keyPath + "[" + i + "]", "key '" + keyPath + "[" + i
                            + "]' must be a probability in (0, 1]");
                }
                result.add(value.doubleValue());
            }
            return result;
        }

        private void knownKeys(JsonNode node, String path, Set<String> known) {
            Set<String> seen = new LinkedHashSet<>();
            node.properties().forEach(entry -> seen.add(entry.getKey()));
            for (String key : seen) {
                if (!known.contains(key)) {
                    String keyPath = child(path, key);
                    List<String> missing = known.stream().filter(k -> !seen.contains(k)).sorted().toList();
                    throw fail(keyPath, "unknown key '" + keyPath + "'"
                            + (missing.isEmpty() ? "" : "; keys not given here: " + String.join(", ", missing)));
                }
            }
        }

        private JsonNode required(JsonNode node, String path, String key) {
            JsonNode value = node.get(key);
            if (value == null) {
                // A missing key has no line of its own: name the line of the object that should hold it.
                throw fail(path, "missing key '" + child(path, key) + "'");
            }
            if (value.isNull()) {
                throw fail(child(path, key), "key '" + child(path, key) + "' is null");
            }
            return value;
        }

        private JsonNode array(JsonNode node, String path, String key) {
            JsonNode value = required(node, path, key);
            if (!value.isArray()) {
                throw fail(child(path, key), "key '" + child(path, key) + "' must be an array");
            }
            return value;
        }

        private double number(JsonNode node, String path, String key) {
            JsonNode value = required(node, path, key);
            if (!value.isNumber()) {
                throw fail(child(path, key), "key '" + child(path, key) + "' must be a number");
            }
            return value.doubleValue();
        }

        private String text(JsonNode node, String path, String key) {
            JsonNode value = required(node, path, key);
            if (!value.isTextual()) {
                throw fail(child(path, key), "key '" + child(path, key) + "' must be a string");
            }
            return value.textValue();
        }

        private InvalidParametersException fail(String path, String problem) {
            return fail(path, problem, null);
        }

        private InvalidParametersException fail(String path, String problem, Throwable cause) {
            String message = source + " line " + lines.getOrDefault(path, 1) + ": " + problem;
            return cause == null ? new InvalidParametersException(message)
                    : new InvalidParametersException(message, cause);
        }
    }
}
