package io.tessera.projections.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.contracts.Json;
import io.tessera.contracts.privacy.SealedRecords;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seals the source records of events stored in clear, before Tessera encrypted its event store: each such event's
 * payload is read and written again in the sealed form ({@link SealedRecords}) in place, in its row of
 * {@code domainevententry}. Afterwards erasure shreds those records like any other; a record whose key was destroyed
 * meanwhile is written in its erased form, without data. The events' meaning, order and identifiers do not change:
 * the sealed form reads back as the same event. Safe to run while Tessera runs (new events are sealed already) and
 * to run again (it finds nothing left to seal).
 */
public final class EventStoreSealing {

    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final ObjectMapper sealed;
    private final ObjectMapper plain = Json.mapper();
    private final Map<String, Class<?>> types = new ConcurrentHashMap<>();

    public EventStoreSealing(JdbcTemplate jdbc, RecordKeyStore keys) {
        this.jdbc = jdbc;
        this.sealed = SealedRecords.mapper(keys);
    }

    /** What a run did. */
    public record Result(long eventsRead, long eventsSealed) {
    }

    private record Row(long index, String type, byte[] payload) {
    }

    /** Seals every event that holds a source record in clear, a page of rows at a time. */
    public Result sealPlainEvents() {
        long after = -1;
        long read = 0;
        long sealedCount = 0;
        while (true) {
            List<Row> rows = jdbc.query("""
                    SELECT globalindex, payloadtype, payload FROM domainevententry
                    WHERE globalindex > ? ORDER BY globalindex LIMIT ?""",
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3)), after, PAGE);
            if (rows.isEmpty()) {
                return new Result(read, sealedCount);
            }
            for (Row row : rows) {
                read++;
                after = row.index();
                if (holdsPlainRecord(row.payload())) {
                    jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", reseal(row),
                            row.index());
                    sealedCount++;
                }
            }
        }
    }

    private byte[] reseal(Row row) {
        try {
            Class<?> type = types.computeIfAbsent(row.type(), EventStoreSealing::load);
            return sealed.writeValueAsBytes(sealed.readValue(row.payload(), type));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot seal event " + row.index() + " (" + row.type() + "): "
                    + e.getMessage(), e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The event store holds events of type " + name + ", which this Tessera "
                    + "does not know", e);
        }
    }

    /** Whether the payload holds a source record in clear: an object with a record key and attributes, not sealed. */
    boolean holdsPlainRecord(byte[] payload) {
        try {
            return plainRecordIn(plain.readTree(payload));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean plainRecordIn(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return false;
        }
        if (node.isObject() && node.path("key").isObject() && node.has("attributes") && !node.has("sealed")) {
            return true;
        }
        for (JsonNode child : node) {
            if (plainRecordIn(child)) {
                return true;
            }
        }
        return false;
    }
}
