package io.tessera.ingestion.source;

import io.tessera.contracts.Relation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A link table: each row is itself a relation between a row of one mapped table and a row of another, such as
 * Frappe's {@code tabDynamic Link} (ERPNext), whose rows tie a contact or an address ({@code parenttype},
 * {@code parent}) to a customer, lead or supplier ({@code link_doctype}, {@code link_name}). Which table each end is
 * in may be fixed or named by a column of the row.
 *
 * <p>A row becomes a record of its own that carries two relations: a same-entity relation of type {@link #LINK_OF}
 * to its {@code from} row, which puts the link record in the profile of that row, and a relation of the mapped
 * type to its {@code to} row, same-entity or not. So inserting, updating or deleting a link row changes the
 * relations of the {@code from} row's profile, in whatever order the rows arrive, with the resolution that
 * already carries relations; deleting the link record removes the relation (and splits profiles that it alone
 * joined).
 *
 * @param from       the row the link belongs to (a contact, an address)
 * @param to         the row it points at (a customer)
 * @param types      the relation type from each possible {@code from} table to the {@code to} row, by table as in
 *                   record keys ({@code tabContact} to {@code contact-of}); one entry per table of {@code from}
 * @param sameEntity whether the {@code to} row is the same person or company as the {@code from} row (unless a
 *                   cannot-link rule forbids it, as for a person's link to a company)
 */
public record LinkMapping(End from, End to, Map<String, String> types, boolean sameEntity) {

    /** The type of the same-entity relation of a link record to its {@code from} row. */
    public static final String LINK_OF = "link-of";

    public LinkMapping {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        types = types == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(types));
        if (!types.keySet().equals(from.tables())) {
            throw new IllegalArgumentException("A link needs one relation type for each of its from tables "
                    + from.tables() + "; got types for " + types.keySet());
        }
        types.values().forEach(type -> {
            if (!Relation.isValidType(type)) {
                throw new IllegalArgumentException("A relation type is lower-case words joined by hyphens, such as "
                        + "contact-of; got '" + type + "'");
            }
        });
    }

    /** The relation type of a link whose {@code from} row is in {@code fromTable}. */
    public String type(String fromTable) {
        return types.get(fromTable);
    }

    /**
     * One end of a link: the table its row is in and the column holding that row's key.
     *
     * @param source      the source of the row's table (a source of the same mapping file)
     * @param table       the table as in record keys, when every row of the link table points into it; else
     *                    {@code null}
     * @param tableColumn the column naming the table, when it varies by row; else {@code null}
     * @param byValue     the values of {@code tableColumn} to tables as in record keys ({@code Contact} to
     *                    {@code tabContact}); empty for a fixed table
     * @param reject      whether a value of {@code tableColumn} that {@code byValue} does not list rejects the row
     *                    (dead letter) rather than making it no relation
     * @param keyColumn   the column holding the row's key
     */
    public record End(String source, String table, String tableColumn, Map<String, String> byValue, boolean reject,
            String keyColumn) {

        public End {
            Objects.requireNonNull(source, "source");
            if ((table == null) == (tableColumn == null)) {
                throw new IllegalArgumentException("A link end has either a table or a column naming its table");
            }
            byValue = byValue == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byValue));
            if (tableColumn != null && byValue.isEmpty()) {
                throw new IllegalArgumentException("A link end's column " + tableColumn + " needs its values mapped "
                        + "to tables");
            }
            if (keyColumn == null || keyColumn.isBlank()) {
                throw new IllegalArgumentException("A link end needs a key column");
            }
        }

        /** A fixed table. */
        public static End fixed(String source, String table, String keyColumn) {
            return new End(source, table, null, Map.of(), false, keyColumn);
        }

        /** A table named by a column, through {@code tables}. */
        public static End byColumn(String source, String tableColumn, Map<String, String> tables, boolean reject,
                String keyColumn) {
            return new End(source, null, tableColumn, tables, reject, keyColumn);
        }

        /** Every table this end may point into, in mapping order. */
        public Set<String> tables() {
            return table != null ? Set.of(table) : Collections.unmodifiableSet(new LinkedHashSet<>(byValue.values()));
        }
    }
}
