package io.tessera.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A canonical source record: one row of one source system after mapping, the unit that identity resolution
 * links. It is the value of the compacted {@link Topics#RECORDS} topic; a delete is a tombstone on its key.
 *
 * @param key        which row this is
 * @param kind       person or company
 * @param attributes the mapped identifying attributes
 * @param changedAt  when the source committed this version of the row
 * @param position   the source position of the change (LSN, binlog file and offset), for idempotence and lineage
 * @param relations  the record's relations to other records (its employer, the customer it is the address of),
 *                   sorted; not evidence of identity
 */
public record SourceRecord(RecordKey key, EntityKind kind, Attributes attributes, Instant changedAt, String position,
                           List<Relation> relations) {

    public SourceRecord {
        Objects.requireNonNull(key, "key");
        kind = kind == null ? EntityKind.PERSON : kind;
        attributes = Objects.requireNonNull(attributes, "attributes");
        // Sorted and distinct so that equal records serialise identically, whatever order the mapping listed them in.
        relations = relations == null ? List.of() : relations.stream()
                .distinct()
                .sorted(java.util.Comparator.comparing(Relation::type).thenComparing(Relation::target)
                        .thenComparing(Relation::sameEntity))
                .toList();
    }

    /** The records this record's same-entity relations name, itself left out, in record-key order. */
    public java.util.SortedSet<RecordKey> sameEntityTargets() {
        java.util.SortedSet<RecordKey> targets = new java.util.TreeSet<>();
        for (Relation relation : relations) {
            if (relation.sameEntity() && !relation.target().equals(key)) {
                targets.add(relation.target());
            }
        }
        return targets;
    }

    /** A record without relations. */
    public SourceRecord(RecordKey key, EntityKind kind, Attributes attributes, Instant changedAt, String position) {
        this(key, kind, attributes, changedAt, position, List.of());
    }
}
