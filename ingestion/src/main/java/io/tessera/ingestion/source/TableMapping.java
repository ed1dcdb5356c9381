package io.tessera.ingestion.source;

import java.util.List;
import java.util.Objects;

/**
 * How the rows of one captured table become canonical source records.
 *
 * @param qualifier  the PostgreSQL schema or the MariaDB database of the table
 * @param table      the table name, without qualifier; it is the table part of every {@link io.tessera.contracts.RecordKey}
 * @param key        the columns that identify a row (usually the primary key), joined with {@code |} when several
 * @param entity     person or company
 * @param attributes the attribute mapping
 */
public record TableMapping(String qualifier, String table, List<String> key, EntityRule entity, AttributeMapping attributes) {

    public TableMapping {
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(table, "table");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Table " + qualifier + "." + table + " needs at least one key column");
        }
        key = List.copyOf(key);
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** {@code qualifier.table}, as Debezium names the table. */
    public String qualifiedName() {
        return qualifier + "." + table;
    }
}
