package io.tessera.ingestion.source;

import java.util.List;
import java.util.Objects;

/**
 * How the rows of one captured table become canonical source records.
 *
 * @param qualifier  the PostgreSQL schema or the MariaDB database of the table; empty for a CSV file
 * @param table      the table name, without qualifier; it is the table part of every {@link io.tessera.contracts.RecordKey};
 *                   for CSV sources the file name without extension, or a pattern with {@code *} and {@code ?}
 * @param key        the columns that identify a row (usually the primary key), joined with {@code |} when several
 * @param entity     person or company
 * @param attributes the attribute mapping
 * @param relations  the relations the rows hold to other records (their foreign keys), in mapping order; empty for none
 */
public record TableMapping(String qualifier, String table, List<String> key, EntityRule entity, AttributeMapping attributes,
        List<RelationMapping> relations) {

    public TableMapping {
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(table, "table");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Table " + qualifier + "." + table + " needs at least one key column");
        }
        key = List.copyOf(key);
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(attributes, "attributes");
        relations = relations == null ? List.of() : List.copyOf(relations);
    }

    /** A mapping without relations. */
    public TableMapping(String qualifier, String table, List<String> key, EntityRule entity, AttributeMapping attributes) {
        this(qualifier, table, key, entity, attributes, List.of());
    }

    /** Whether the table name is a {@code *}/{@code ?} pattern of CSV file names rather than one table. */
    public boolean isPattern() {
        return table.contains("*") || table.contains("?");
    }

    /** {@code qualifier.table}, as Debezium names the table; the table alone when it has no qualifier (CSV). */
    public String qualifiedName() {
        return qualifier.isEmpty() ? table : qualifier + "." + table;
    }

    /** Whether a CSV file's table name (file name without extension) matches this table's name or pattern. */
    public boolean matchesFile(String name) {
        if (!isPattern()) {
            return table.equals(name);
        }
        StringBuilder regex = new StringBuilder();
        for (char ch : table.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
            }
        }
        return name.matches(regex.toString());
    }
}
