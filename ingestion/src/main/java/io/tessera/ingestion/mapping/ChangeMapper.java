package io.tessera.ingestion.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Ignored;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.SourceKind;
import io.tessera.ingestion.source.TableMapping;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Maps one Debezium change event to a canonical record, a delete, a dead letter, or nothing. The same mapper serves
 * the embedded engine (events mapped in-process) and Kafka Connect (events read from Connect's raw topics).
 *
 * <p>The source and table come from the event's {@code source} block ({@code name} is the Debezium topic prefix,
 * which Tessera sets to the source name), so the topic matters only to name the origin of an unreadable event.
 * Results are deterministic: the same event gives the same result, except for {@link DeadLetter#at()}, which is the
 * mapper's clock.
 *
 * <p>Positions: PostgreSQL {@code lsn:<lsn, 20 digits>}; MariaDB
 * {@code binlog:<file>:<transaction start pos, 20 digits>:<order in transaction, 10 digits>} (the order comes from
 * Debezium's transaction metadata, which the capture turns on; snapshot rows have order 0). Zero-padded so that
 * the positions of one source compare as text in log order, and two changes of one row never share a position.
 */
public final class ChangeMapper {

    /** The {@link DeadLetter#stage()} of ingestion's dead letters. */
    public static final String STAGE = "ingestion";

    private static final String HEARTBEAT = "heartbeat";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Map<String, SourceDefinition> sources = new LinkedHashMap<>();
    private final Clock clock;

    public ChangeMapper(SourceCatalog catalog) {
        this(catalog, Clock.systemUTC());
    }

    public ChangeMapper(SourceCatalog catalog, Clock clock) {
        catalog.sources().forEach(source -> sources.put(source.name(), source));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Maps one event; never throws for bad input (that is a {@link Rejected}). */
    public MappingResult map(RawChange change) {
        if (change.value() == null || change.value().isBlank()) {
            return new Ignored("tombstone");
        }
        JsonNode value;
        try {
            value = unwrap(JSON.readTree(change.value()));
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending text, which may be personal data: report the location only.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            return reject(change, change.topic(), change.key(),
                    change.topic() + ": the change event value is not valid JSON" + where
                            + "; check the converter (JSON, schemas enabled or not) of the producer");
        }
        if (value == null || value.isNull()) {
            return new Ignored("tombstone");
        }
        if (!value.isObject()) {
            return reject(change, change.topic(), change.key(), change.topic() + ": the change event value is "
                    + RowReader.describe(value) + ", not a Debezium envelope object");
        }
        JsonNode op = value.get("op");
        if (op == null || op.isNull()) {
            String kind = nonRowEvent(value);
            // Debezium sends a heartbeat right after the snapshot's last row, and then only while streaming.
            return kind.equals(HEARTBEAT) ? new Ignored(kind, ReadPhase.STREAMING) : new Ignored(kind);
        }
        JsonNode source = value.get("source");
        if (source == null || !source.isObject()) {
            return reject(change, change.topic(), change.key(), change.topic() + ": the change event has an operation "
                    + "but no source block; it is not a Debezium change event");
        }
        String sourceName = text(source, "name");
        SourceDefinition definition = sources.get(sourceName);
        if (definition == null) {
            return new Ignored("no source named '" + sourceName + "' in the mapping");
        }
        if (!definition.kind().captured()) {
            return new Ignored("source '" + sourceName + "' reads " + definition.kind().yamlName() + " files, not changes");
        }
        String qualifier = text(source, definition.kind() == SourceKind.POSTGRES ? "schema" : "db");
        String tableName = text(source, "table");
        TableMapping table = definition.table(qualifier, tableName).orElse(null);
        String operation = op.asText();
        if (table == null) {
            // Still a row of the snapshot or the stream: the heartbeat table's row may be the one marked last.
            return new Ignored("table " + qualifier + "." + tableName + " of source " + sourceName + " is not mapped",
                    phase(operation, source));
        }
        String origin = definition.name() + "/" + table.table();
        JsonNode row;
        switch (operation) {
            case "c", "r", "u" -> row = value.get("after");
            case "d" -> row = value.get("before");
            case "t" -> {
                return new Ignored(origin + ": truncate is not mapped to deletes; delete the rows instead",
                        ReadPhase.STREAMING);
            }
            case "m" -> {
                return new Ignored(origin + ": logical decoding message", ReadPhase.STREAMING);
            }
            default -> {
                return reject(change, origin, change.key(), origin + ": unknown Debezium operation '" + operation
                        + "'; expected c, r, u or d");
            }
        }
        if (row == null || !row.isObject()) {
            return reject(change, origin, change.key(), origin + ": operation '" + operation + "' without a "
                    + (operation.equals("d") ? "before" : "after") + " row; for deletes set REPLICA IDENTITY on the table");
        }
        KeyRead keyRead = primaryKey(table.key(), row, () -> parseKey(change.key()), origin);
        if (keyRead.problem() != null) {
            return reject(change, origin, change.key(), keyRead.problem());
        }
        RecordKey key = new RecordKey(definition.name(), table.table(), keyRead.pk());
        Instant changedAt = changedAt(source, value);
        String position = position(definition.kind(), source, value.get("transaction"));
        if (operation.equals("d")) {
            return new Delete(key, changedAt, position);
        }
        RowRead read = readRow(table, key, row, changedAt, position);
        if (read.ignored() != null) {
            // A link row relating nothing mapped (ERPNext's links to suppliers): no record. An update may have made
            // it so, and the earlier version's relation must go: a delete of its key (nothing, if there was none).
            return operation.equals("u") ? new Delete(key, changedAt, position)
                    : new Ignored(origin + ": " + read.ignored(), phase(operation, source), true);
        }
        if (read.record() == null) {
            // The key is in the dead letter's key field; reasons are logged, and keys can be names (ERPNext).
            return reject(change, origin, key.asString(), origin + ": " + String.join("; ", read.problems()));
        }
        return new Upsert(read.record(), phase(operation, source));
    }

    /**
     * A mapped row: the record; or (when {@code record} is {@code null}) every problem found in the row, or why the
     * row maps to no record although it has no problem ({@code ignored}: a link row relating nothing mapped).
     */
    record RowRead(SourceRecord record, List<String> problems, String ignored) {

        RowRead(SourceRecord record, List<String> problems) {
            this(record, problems, null);
        }
    }

    /**
     * Maps one row (a JSON object of column values) of a mapped table: shared by change events and CSV files, so
     * that both read a mapping identically.
     */
    static RowRead readRow(TableMapping table, RecordKey key, JsonNode row, Instant changedAt, String position) {
        RowReader reader = new RowReader(row);
        if (table.link() != null) {
            EntityKind kind = reader.entity(table.entity());
            RowReader.LinkRead link = reader.link(table.link());
            if (!reader.problems().isEmpty()) {
                return new RowRead(null, List.copyOf(reader.problems()));
            }
            if (link.ignored() != null) {
                return new RowRead(null, List.of(), link.ignored());
            }
            return new RowRead(new SourceRecord(key, kind, Attributes.NONE, changedAt, position, link.relations()),
                    List.of());
        }
        EntityKind kind = reader.entity(table.entity());
        Attributes attributes = reader.attributes(table.attributes(), kind);
        List<Relation> relations = reader.relations(table.relations(), key);
        Map<String, String> facts = reader.facts(table.facts());
        List<ConsentStatement> consents = reader.consents(table.consents());
        if (!reader.problems().isEmpty()) {
            return new RowRead(null, List.copyOf(reader.problems()));
        }
        return new RowRead(new SourceRecord(key, kind, attributes, changedAt, position, relations, facts, consents),
                List.of());
    }

    /**
     * The key values joined with {@code |}; read from the row, else from the event key (a PostgreSQL delete without
     * REPLICA IDENTITY FULL carries only key columns).
     */
    static KeyRead primaryKey(List<String> keyColumns, JsonNode row, Supplier<JsonNode> fallback, String origin) {
        List<String> parts = new ArrayList<>(keyColumns.size());
        JsonNode eventKey = null;
        boolean keyParsed = false;
        for (String column : keyColumns) {
            JsonNode node = row.get(column);
            if (node == null) {
                if (!keyParsed) {
                    eventKey = fallback.get();
                    keyParsed = true;
                }
                node = eventKey == null ? null : eventKey.get(column);
            }
            if (node == null) {
                return KeyRead.failed(origin + ": key column '" + column + "' is in neither the row nor the event key; check "
                        + "the table's key in the mapping");
            }
            if (node.isNull()) {
                return KeyRead.failed(origin + ": key column '" + column + "' is null; a row needs a value in every key column "
                        + "(choose a key that is never null)");
            }
            if (node.isContainerNode()) {
                return KeyRead.failed(origin + ": key column '" + column + "' holds " + RowReader.describe(node)
                        + "; a key column must hold text or a number");
            }
            String text = RowReader.keyText(node);
            if (text.isBlank()) {
                return KeyRead.failed(origin + ": key column '" + column + "' is empty; a row needs a value in every key column");
            }
            parts.add(text);
        }
        return new KeyRead(String.join("|", parts), null);
    }

    /** The key of a row, or why it cannot be read. */
    record KeyRead(String pk, String problem) {
        static KeyRead failed(String problem) {
            return new KeyRead(null, problem);
        }
    }

    private static JsonNode parseKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        try {
            JsonNode node = unwrap(JSON.readTree(key));
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            // An unreadable key only matters when a key column is missing from the row; that case is rejected by name.
            return null;
        }
    }

    private Rejected reject(RawChange change, String origin, String key, String reason) {
        return new Rejected(new DeadLetter(STAGE, origin, key == null ? change.key() : key, reason, change.value(),
                clock.instant()));
    }

    /** Kafka Connect's JsonConverter with schemas enabled wraps the data as {@code {"schema": …, "payload": …}}. */
    private static JsonNode unwrap(JsonNode node) {
        if (node != null && node.isObject() && node.size() == 2 && node.has("schema") && node.has("payload")) {
            return node.get("payload");
        }
        return node;
    }

    private static String nonRowEvent(JsonNode value) {
        if (value.has("ddl") || value.has("tableChanges") || value.has("databaseName")) {
            return "schema change";
        }
        if ((value.has("status") && value.has("id")) || value.has("data_collections")) {
            return "transaction marker";
        }
        if (value.size() == 1 && value.has("ts_ms")) {
            return HEARTBEAT;
        }
        return "not a row change";
    }

    private static Instant changedAt(JsonNode source, JsonNode value) {
        JsonNode ts = source.get("ts_ms");
        if (ts == null || !ts.canConvertToLong()) {
            ts = value.get("ts_ms");
        }
        return ts != null && ts.canConvertToLong() ? Instant.ofEpochMilli(ts.asLong()) : null;
    }

    private static String position(SourceKind kind, JsonNode source, JsonNode transaction) {
        return switch (kind) {
            case POSTGRES -> {
                JsonNode lsn = source.get("lsn");
                yield lsn != null && lsn.canConvertToLong() ? "lsn:" + String.format("%020d", lsn.asLong()) : null;
            }
            case CSV -> null;
            case MARIADB -> {
                JsonNode file = source.get("file");
                JsonNode pos = source.get("pos");
                if (file == null || !file.isTextual() || pos == null || !pos.canConvertToLong()) {
                    yield null;
                }
                // pos is where the transaction starts, shared by all its rows and by the snapshot that preceded it;
                // the event's order within the transaction (1, 2, …; 0 for snapshot rows) tells them apart.
                JsonNode order = transaction == null ? null : transaction.get("total_order");
                long index = order != null && order.canConvertToLong() ? order.asLong() : 0;
                yield "binlog:" + file.textValue() + ":" + String.format("%020d", pos.asLong()) + ":"
                        + String.format("%010d", index);
            }
        };
    }

    private static ReadPhase phase(String operation, JsonNode source) {
        if (!operation.equals("r")) {
            return ReadPhase.STREAMING;
        }
        return "last".equals(text(source, "snapshot")) ? ReadPhase.SNAPSHOT_LAST : ReadPhase.SNAPSHOT;
    }

    private static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
