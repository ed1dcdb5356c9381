package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.normalise.Identifier;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A source record as resolution keeps it: the record itself and its usable identifiers, normalised once on
 * arrival so that the old identifiers of a changed or deleted record are known without normalising again.
 *
 * @param record      the record as received
 * @param identifiers its distinct usable identifiers, sorted
 */
public record IndexedRecord(SourceRecord record, List<Identifier> identifiers) {

    public IndexedRecord {
        Objects.requireNonNull(record, "record");
        identifiers = identifiers == null ? List.of() : List.copyOf(new TreeSet<>(identifiers));
    }

    public RecordKey key() {
        return record.key();
    }
}
