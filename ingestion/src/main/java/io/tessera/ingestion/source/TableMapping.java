package io.tessera.ingestion.source;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

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
 * @param facts      fact name ({@link #isValidFactName}) to the column holding it, in mapping order: columns that are
 *                   not identity but describe the customer (an order's total); empty for none
 * @param consents   the columns stating consent to be contacted, at most one per channel and purpose, in mapping
 *                   order; empty for none
 * @param link       for a link table, whose rows are relations between rows of two other tables, how its rows
 *                   relate them ({@link LinkMapping}); {@code null} for a table of persons or companies. A link table
 *                   maps no attributes, relations, facts or consents
 */
public record TableMapping(String qualifier, String table, List<String> key, EntityRule entity, AttributeMapping attributes,
        List<RelationMapping> relations, Map<String, String> facts, List<ConsentMapping> consents, LinkMapping link) {

    private static final Pattern FACT_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final AttributeMapping NO_ATTRIBUTES =
            new AttributeMapping(null, null, null, null, List.of(), List.of(), null, null, null, null);

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
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        facts.forEach((name, column) -> {
            if (!isValidFactName(name)) {
                throw new IllegalArgumentException("A fact name is lower-case words joined by hyphens, such as "
                        + "order-total; got '" + name + "'");
            }
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("Fact " + name + " needs a column");
            }
        });
        consents = consents == null ? List.of() : List.copyOf(consents);
        Set<String> stated = new HashSet<>();
        for (ConsentMapping consent : consents) {
            if (!stated.add(consent.channel() + "/" + consent.purpose())) {
                throw new IllegalArgumentException("Table " + qualifiedName(qualifier, table) + " maps "
                        + consent.describe() + " twice");
            }
        }
        if (link != null && (!relations.isEmpty() || !facts.isEmpty() || !consents.isEmpty())) {
            throw new IllegalArgumentException("Link table " + qualifiedName(qualifier, table) + " maps no relations, "
                    + "facts or consents of its own");
        }
    }

    /** A table of persons or companies (not a link table). */
    public TableMapping(String qualifier, String table, List<String> key, EntityRule entity, AttributeMapping attributes,
            List<RelationMapping> relations, Map<String, String> facts, List<ConsentMapping> consents) {
        this(qualifier, table, key, entity, attributes, relations, facts, consents, null);
    }

    /** A link table ({@link LinkMapping}): its records have the kind {@code entity} gives and no attributes. */
    public static TableMapping link(String qualifier, String table, List<String> key, EntityRule entity,
            LinkMapping link) {
        Objects.requireNonNull(link, "link");
        return new TableMapping(qualifier, table, key, entity, NO_ATTRIBUTES, List.of(), Map.of(), List.of(), link);
    }

    /** This link table with another entity rule (the binder derives it from the link's from tables). */
    public TableMapping withEntity(EntityRule newEntity) {
        return new TableMapping(qualifier, table, key, newEntity, attributes, relations, facts, consents, link);
    }

    /** A mapping without facts and consents. */
    public TableMapping(String qualifier, String table, List<String> key, EntityRule entity, AttributeMapping attributes,
            List<RelationMapping> relations) {
        this(qualifier, table, key, entity, attributes, relations, Map.of(), List.of());
    }

    /** A mapping without relations, facts and consents. */
    public TableMapping(String qualifier, String table, List<String> key, EntityRule entity, AttributeMapping attributes) {
        this(qualifier, table, key, entity, attributes, List.of());
    }

    /** Whether {@code name} is lower-case words joined by hyphens (at most 40 characters), such as {@code order-total}. */
    public static boolean isValidFactName(String name) {
        return name != null && name.length() <= 40 && FACT_NAME.matcher(name).matches();
    }

    /** Whether the table name is a {@code *}/{@code ?} pattern of CSV file names rather than one table. */
    public boolean isPattern() {
        return table.contains("*") || table.contains("?");
    }

    /** {@code qualifier.table}, as Debezium names the table; the table alone when it has no qualifier (CSV). */
    public String qualifiedName() {
        return qualifiedName(qualifier, table);
    }

    private static String qualifiedName(String qualifier, String table) {
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
