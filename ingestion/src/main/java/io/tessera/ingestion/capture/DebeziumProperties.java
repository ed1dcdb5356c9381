package io.tessera.ingestion.capture;

import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.TableMapping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The Debezium connector properties that the embedded engine and Kafka Connect share, from one source definition. */
final class DebeziumProperties {

    static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    static final String MARIADB_CONNECTOR = "io.debezium.connector.mariadb.MariaDbConnector";
    static final String HEARTBEAT_INTERVAL_MS = "10000";

    private DebeziumProperties() {
    }

    /** Connector class, connection, tables, topic prefix and the choices the mapper relies on. */
    static Map<String, String> connector(SourceDefinition source, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("connector.class", switch (source.kind()) {
            case POSTGRES -> POSTGRES_CONNECTOR;
            case MARIADB -> MARIADB_CONNECTOR;
            case CSV -> throw new IllegalArgumentException("Source " + source.name() + " reads CSV files; Debezium "
                    + "captures postgres and mariadb sources only");
        });
        p.put("database.hostname", source.connection().host());
        p.put("database.port", Integer.toString(source.connection().port()));
        p.put("database.user", source.connection().user());
        p.put("database.password", password);
        // The mapper finds the source by the event's source.name, which is the topic prefix.
        p.put("topic.prefix", source.name());
        p.put("table.include.list", source.tables().stream()
                .map(DebeziumProperties::tableRegex)
                .collect(Collectors.joining(",")));
        // Decimals as strings keep their digits (the default encodes them as bytes, unreadable as JSON text).
        p.put("decimal.handling.mode", "string");
        // A delete is one event; Tessera writes its own tombstone on tessera.records.
        p.put("tombstones.on.delete", "false");
        // Heartbeats move the offset on while captured tables are quiet; a PostgreSQL slot also needs the source's
        // heartbeat table while only other tables change (capture.heartbeat-table).
        p.put("heartbeat.interval.ms", HEARTBEAT_INTERVAL_MS);
        p.put("snapshot.mode", "initial");
        // Debezium waits up to poll.interval.ms (500 by default) for more events before handing over a batch;
        // a change should reach the profile within a second, so hand over small batches sooner.
        p.put("poll.interval.ms", "50");
        switch (source.kind()) {
            case POSTGRES -> {
                p.put("database.dbname", source.connection().database());
                p.put("plugin.name", "pgoutput");
                p.put("slot.name", source.capture().slot());
                p.put("publication.name", source.capture().publication());
                // A publication of exactly the captured tables, created by Debezium when missing.
                p.put("publication.autocreate.mode", "filtered");
                String heartbeat = source.capture().heartbeatTable();
                if (heartbeat != null) {
                    // pgoutput sends nothing for tables outside the publication, so heartbeats alone cannot move
                    // the slot while only those change: a heartbeat row in a published table does.
                    p.put("table.include.list", p.get("table.include.list") + ","
                            + regexLiteral(heartbeat));
                    p.put("heartbeat.action.query", "INSERT INTO " + heartbeat + " (id, beat) VALUES (1, now()) "
                            + "ON CONFLICT (id) DO UPDATE SET beat = EXCLUDED.beat");
                }
            }
            case MARIADB -> {
                p.put("database.server.id", Long.toString(source.capture().serverId()));
                p.put("database.include.list", source.tables().stream()
                        .map(t -> regexLiteral(t.qualifier()))
                        .distinct()
                        .collect(Collectors.joining(",")));
                // Schema changes go to the schema history; Tessera has no use for them on a topic.
                p.put("include.schema.changes", "false");
                // Gives each event its order within the transaction: binlog positions are per transaction only.
                p.put("provide.transaction.metadata", "true");
            }
        }
        return p;
    }

    /** Debezium filters are comma-separated regular expressions matched against {@code qualifier.table}. */
    static String tableRegex(TableMapping table) {
        return regexLiteral(table.qualifier()) + "\\." + regexLiteral(table.table());
    }

    static String regexLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (char c : text.toCharArray()) {
            if ("\\.[]{}()*+-?^$|".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The topic Debezium writes a table to: {@code prefix.qualifier.table}, invalid characters replaced by {@code _}. */
    static String topic(SourceDefinition source, TableMapping table) {
        return topic(source, table.qualifier(), table.table());
    }

    /** The topic Debezium writes {@code qualifier.table} of {@code source} to, mapped or not. */
    static String topic(SourceDefinition source, String qualifier, String table) {
        return (source.name() + "." + qualifier + "." + table).replaceAll("[^a-zA-Z0-9._-]", "_");
    }
}
