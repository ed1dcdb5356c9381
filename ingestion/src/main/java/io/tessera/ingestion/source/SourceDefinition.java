package io.tessera.ingestion.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One source database to capture and how its tables map to canonical records.
 *
 * @param name       the source name: Debezium's topic prefix, the source part of every record key, the state folder
 * @param kind       the database product
 * @param connection where to connect; {@code null} for a {@link SourceKind#CSV} source, which has none
 * @param capture    slot, publication or server id
 * @param tables     the captured tables, each with its mapping
 * @param debezium   extra Debezium connector properties, applied last (they can override Tessera's choices)
 */
public record SourceDefinition(
        String name,
        SourceKind kind,
        Connection connection,
        CaptureOptions capture,
        List<TableMapping> tables,
        Map<String, String> debezium) {

    /** Valid source names: usable as a Kafka topic prefix, a folder name and (with {@code -} as {@code _}) a slot name. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    public SourceDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A source name must match " + NAME.pattern() + ", got '" + name + "'");
        }
        Objects.requireNonNull(kind, "kind");
        if (kind.captured()) {
            Objects.requireNonNull(connection, "connection");
        } else if (connection != null) {
            throw new IllegalArgumentException("Source " + name + " reads " + kind.yamlName() + " files and takes no connection");
        }
        capture = capture == null ? CaptureOptions.defaultsFor(name) : capture;
        if (tables == null || tables.isEmpty()) {
            throw new IllegalArgumentException("Source " + name + " needs at least one table");
        }
        tables = List.copyOf(tables);
        debezium = debezium == null ? Map.of() : Map.copyOf(debezium);
    }

    /**
     * The mapping of a CSV file's table ({@code name} = file name without extension): the first table entry whose
     * name or {@code *}/{@code ?} pattern matches, in file order, so that a {@code *} entry last serves as default.
     */
    public Optional<TableMapping> csvTable(String name) {
        return tables.stream().filter(t -> t.matchesFile(name)).findFirst();
    }

    /** The mapping of the table {@code qualifier.table}, if this source captures it. */
    public Optional<TableMapping> table(String qualifier, String table) {
        return tables.stream()
                .filter(t -> t.qualifier().equals(qualifier) && t.table().equals(table))
                .findFirst();
    }

    /** This source with another connection, e.g. with the ports of an embedded stack. */
    public SourceDefinition withConnection(Connection newConnection) {
        return new SourceDefinition(name, kind, newConnection, capture, tables, debezium);
    }

    /** This source with other tables (e.g. a narrower selection). */
    public SourceDefinition withTables(List<TableMapping> newTables) {
        return new SourceDefinition(name, kind, connection, capture, newTables, debezium);
    }

    /** This source with other capture options. */
    public SourceDefinition withCapture(CaptureOptions newCapture) {
        return new SourceDefinition(name, kind, connection, newCapture, tables, debezium);
    }
}
