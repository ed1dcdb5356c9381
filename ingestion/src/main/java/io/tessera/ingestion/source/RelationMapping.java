package io.tessera.ingestion.source;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import java.util.Objects;

/**
 * A relation that the rows of a table hold: a column (a foreign key) names the record at the other end by its key,
 * e.g. Odoo's {@code parent_id}, the company a contact belongs to. Each row with a value in the column gets a
 * {@link Relation}; relations are not evidence of identity, unless the mapping marks them as naming the same entity
 * (an ERPNext individual customer's {@code customer_primary_contact}).
 *
 * @param type         what the relation means, lower-case words joined by hyphens ({@link Relation#isValidType})
 * @param column       the column holding the target's key value; the target's key is one column
 * @param targetSource the name of the target's source (a source of the same mapping file)
 * @param targetTable  the target's table as in record keys (without schema or database), or {@code null} for the
 *                     record's own table: that is how a {@code *}/{@code ?} pattern entry of a CSV source relates
 *                     rows to rows of the same file
 * @param sameEntity   whether the target is the same person or company as the row ({@link Relation#sameEntity()}):
 *                     identity resolution then links the two records, unless a cannot-link rule forbids it
 */
public record RelationMapping(String type, String column, String targetSource, String targetTable, boolean sameEntity) {

    public RelationMapping {
        if (!Relation.isValidType(type)) {
            throw new IllegalArgumentException("A relation type is lower-case words joined by hyphens, such as "
                    + "employee-of; got '" + type + "'");
        }
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("Relation " + type + " needs a column");
        }
        Objects.requireNonNull(targetSource, "targetSource");
        if (targetTable != null && targetTable.isBlank()) {
            throw new IllegalArgumentException("Relation " + type + " has an empty target table");
        }
    }

    /** A relation between two entities (not a same-entity one). */
    public RelationMapping(String type, String column, String targetSource, String targetTable) {
        this(type, column, targetSource, targetTable, false);
    }

    /** The relation of the record {@code from} whose column holds {@code targetKey}. */
    public Relation relation(RecordKey from, String targetKey) {
        return new Relation(type, new RecordKey(targetSource, targetTable == null ? from.table() : targetTable, targetKey),
                sameEntity);
    }
}
