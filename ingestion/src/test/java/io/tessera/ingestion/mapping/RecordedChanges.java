package io.tessera.ingestion.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Debezium change events recorded from the demo databases, in {@code src/test/resources/debezium/}. */
public final class RecordedChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedChanges() {
    }

    /** A captured event: {"topic", "key", "value"} with key and value as JSON, as the engine hands them over. */
    public static RawChange sample(String name) {
        try (InputStream in = RecordedChanges.class.getResourceAsStream("/debezium/" + name + ".json")) {
            JsonNode sample = JSON.readTree(in);
            return new RawChange(sample.get("topic").asText(), JSON.writeValueAsString(sample.get("key")),
                    JSON.writeValueAsString(sample.get("value")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sample " + name, e);
        }
    }
}
