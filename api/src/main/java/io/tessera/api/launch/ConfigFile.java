package io.tessera.api.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file given to {@code bin/tessera run --config FILE}: the application's own settings (same keys as
 * {@code application.yaml}, nested or dotted). The launcher reads it first to learn which servers are external;
 * every server it leaves out is started embedded.
 */
public record ConfigFile(Path path, Map<String, Object> flat) {

    public static ConfigFile read(Path path) {
        try {
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(path), Object.class);
            Map<String, Object> flat = new LinkedHashMap<>();
            if (tree instanceof Map<?, ?> map) {
                flatten("", map, flat);
            } else if (tree != null) {
                throw new LaunchException("Config file " + path + " must be a YAML map of settings, e.g. "
                        + "'tessera: {kafka: {bootstrap-servers: host:9092}}'");
            }
            return new ConfigFile(path.toAbsolutePath(), flat);
        } catch (NoSuchFileException e) {
            throw new LaunchException("Config file " + path + " does not exist; give the path of a YAML file "
                    + "(see docs/configuration.md)", e);
        } catch (JsonProcessingException e) {
            throw new LaunchException("Config file " + path + " is not valid YAML at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new LaunchException("Cannot read config file " + path + ": " + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested, into);
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item instanceof Map<?, ?> nested) {
                        flatten(name + "[" + i + "]", nested, into);
                    } else {
                        into.put(name + "[" + i + "]", item);
                    }
                }
            } else {
                into.put(name, value);
            }
        });
    }

    public boolean has(String key) {
        Object value = flat.get(key);
        return value != null && !String.valueOf(value).isBlank();
    }

    public String get(String key) {
        Object value = flat.get(key);
        return value == null ? null : String.valueOf(value);
    }

    /** A path setting, resolved against the config file's folder when relative. */
    public Path path(String key) {
        return path.getParent().resolve(get(key)).normalize();
    }
}
