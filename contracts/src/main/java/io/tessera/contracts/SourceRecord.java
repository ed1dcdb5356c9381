package io.tessera.contracts;

import java.time.Instant;
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
 */
public record SourceRecord(RecordKey key, EntityKind kind, Attributes attributes, Instant changedAt, String position) {

    public SourceRecord {
        Objects.requireNonNull(key, "key");
        kind = kind == null ? EntityKind.PERSON : kind;
        attributes = Objects.requireNonNull(attributes, "attributes");
    }
}
