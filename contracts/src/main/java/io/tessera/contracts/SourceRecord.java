package io.tessera.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * @param facts      other mapped columns that are not identity but describe the customer (an order's total and
 *                   currency), by fact name, sorted; values as the source writes them
 * @param consents   what the record says about consent to be contacted, one statement per channel and purpose,
 *                   sorted by channel then purpose
 * @param erased     true for a record whose personal data was erased (its key destroyed, see {@link #erasedCopy()}):
 *                   it keeps its key, kind, change time and position and nothing else; never true on a topic
 */
public record SourceRecord(RecordKey key, EntityKind kind, Attributes attributes, Instant changedAt, String position,
                           List<Relation> relations,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> facts,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ConsentStatement> consents,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean erased) {

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
        facts = facts == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(facts));
        consents = consents == null ? List.of() : consents.stream().sorted(ConsentStatement.ORDER).toList();
        long distinct = consents.stream().map(c -> c.channel() + "/" + c.purpose()).distinct().count();
        if (distinct != consents.size()) {
            throw new IllegalArgumentException("Record " + key + " states consent twice for one channel and purpose");
        }
    }

    /** A record as sources and resolution make it: not erased. */
    public SourceRecord(RecordKey key, EntityKind kind, Attributes attributes, Instant changedAt, String position,
            List<Relation> relations, Map<String, String> facts, List<ConsentStatement> consents) {
        this(key, kind, attributes, changedAt, position, relations, facts, consents, false);
    }

    /**
     * What is left of this record once its personal data is erased: its key, kind, change time and source position;
     * no attributes, relations, facts or consents.
     */
    public SourceRecord erasedCopy() {
        return new SourceRecord(key, kind, Attributes.NONE, changedAt, position, List.of(), Map.of(), List.of(), true);
    }

    /** A record with relations, without facts or consents. */
    public SourceRecord(RecordKey key, EntityKind kind, Attributes attributes, Instant changedAt, String position,
            List<Relation> relations) {
        this(key, kind, attributes, changedAt, position, relations, Map.of(), List.of());
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
