package io.tessera.identity.core.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@link ModelParameters} as versioned JSON. Parsed by hand from the tree rather than by data
 * binding, so that a bad file fails with the path of the key at fault (e.g. {@code comparisons[2].m[1]}).
 *
 * <p>The term-frequency tables hold common attribute values (those shared by two or more records): treat the file
 * as personal data.
 */
public final class ModelParametersJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ModelParametersJson() {
    }

    /** Writes the parameters to a file. */
    public static void write(ModelParameters parameters, Path file) throws IOException {
        Files.writeString(file, toJson(parameters));
    }

    /** Reads parameters from a file; fails with {@link InvalidParametersException} naming the key at fault. */
    public static ModelParameters read(Path file) throws IOException {
        return fromJson(Files.readString(file), file.toString());
    }

    /** The JSON text of the parameters. */
    public static String toJson(ModelParameters parameters) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", parameters.version());
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
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidParametersException(source + ": not valid JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidParametersException(source + ": expected a JSON object with key 'version'");
        }
        int version = (int) number(root, "version", "version", source);
        if (version != ModelParameters.CURRENT_VERSION) {
            throw new InvalidParametersException(source + ": key 'version' is " + version + ", this build reads "
                    + ModelParameters.CURRENT_VERSION + "; retrain the model");
        }
        double lambda = number(root, "lambda", "lambda", source);
        JsonNode comparisonsNode = required(root, "comparisons", "comparisons", source);
        if (!comparisonsNode.isArray()) {
            throw new InvalidParametersException(source + ": key 'comparisons' must be an array");
        }
        List<ComparisonParameters> comparisons = new ArrayList<>();
        for (int i = 0; i < comparisonsNode.size(); i++) {
            comparisons.add(comparison(comparisonsNode.get(i), "comparisons[" + i + "]", source));
        }
        try {
            return new ModelParameters(version, lambda, comparisons);
        } catch (IllegalArgumentException e) {
            throw new InvalidParametersException(source + ": key 'lambda': " + e.getMessage(), e);
        }
    }

    private static ComparisonParameters comparison(JsonNode node, String path, String source) {
        String attribute = text(node, "attribute", path + ".attribute", source);
        JsonNode tfFlag = required(node, "termFrequency", path + ".termFrequency", source);
        if (!tfFlag.isBoolean()) {
            throw new InvalidParametersException(source + ": key '" + path + ".termFrequency' must be true or false");
        }
        JsonNode levelsNode = array(node, "levels", path + ".levels", source);
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < levelsNode.size(); i++) {
            String levelPath = path + ".levels[" + i + "]";
            String type = text(levelsNode.get(i), "type", levelPath + ".type", source);
            LevelType levelType;
            try {
                levelType = LevelType.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new InvalidParametersException(source + ": key '" + levelPath + ".type' is '" + type
                        + "', expected one of " + java.util.Arrays.toString(LevelType.values()), e);
            }
            levels.add(new Level(levelType, number(levelsNode.get(i), "threshold", levelPath + ".threshold",
                    source)));
        }
        ComparisonSpec spec;
        try {
            spec = new ComparisonSpec(attribute, levels, tfFlag.booleanValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidParametersException(source + ": key '" + path + ".levels': " + e.getMessage(), e);
        }
        List<Double> m = probabilities(node, "m", path, spec.levelCount(), source);
        List<Double> u = probabilities(node, "u", path, spec.levelCount(), source);
        Map<String, Double> tf = new TreeMap<>();
        JsonNode tfNode = required(node, "termFrequencies", path + ".termFrequencies", source);
        if (!tfNode.isObject()) {
            throw new InvalidParametersException(source + ": key '" + path + ".termFrequencies' must be an object");
        }
        tfNode.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isNumber()) {
                throw new InvalidParametersException(source + ": key '" + path + ".termFrequencies' has a value "
                        + "that is not a number");
            }
            tf.put(entry.getKey(), entry.getValue().doubleValue());
        });
        double unseen = number(node, "unseenTermFrequency", path + ".unseenTermFrequency", source);
        return new ComparisonParameters(spec, m, u, tf, unseen);
    }

    private static List<Double> probabilities(JsonNode node, String key, String path, int size, String source) {
        String keyPath = path + "." + key;
        JsonNode values = array(node, key, keyPath, source);
        if (values.size() != size) {
            throw new InvalidParametersException(source + ": key '" + keyPath + "' has " + values.size()
                    + " values, expected " + size + " (one per level plus else)");
        }
        List<Double> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (!value.isNumber() || !(value.doubleValue() > 0 && value.doubleValue() <= 1)) {
                throw new InvalidParametersException(source + ": key '" + keyPath + "[" + i
                        + "]' must be a probability in (0, 1]");
            }
            result.add(value.doubleValue());
        }
        return result;
    }

    private static JsonNode required(JsonNode node, String key, String path, String source) {
        JsonNode value = node == null ? null : node.get(key);
        if (value == null || value.isNull()) {
            throw new InvalidParametersException(source + ": missing key '" + path + "'");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String key, String path, String source) {
        JsonNode value = required(node, key, path, source);
        if (!value.isArray()) {
            throw new InvalidParametersException(source + ": key '" + path + "' must be an array");
        }
        return value;
    }

    private static double number(JsonNode node, String key, String path, String source) {
        JsonNode value = required(node, key, path, source);
        if (!value.isNumber()) {
            throw new InvalidParametersException(source + ": key '" + path + "' must be a number");
        }
        return value.doubleValue();
    }

    private static String text(JsonNode node, String key, String path, String source) {
        JsonNode value = required(node, key, path, source);
        if (!value.isTextual()) {
            throw new InvalidParametersException(source + ": key '" + path + "' must be a string");
        }
        return value.textValue();
    }
}
