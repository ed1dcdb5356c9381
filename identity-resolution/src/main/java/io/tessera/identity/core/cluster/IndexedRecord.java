package io.tessera.identity.core.cluster;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.scoring.Features;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A source record as resolution keeps it: the record, its normalised features (computed once on arrival, so
 * candidates are scored without normalising them again), and the attributes whose value is held by more records
 * than the cardinality cap and therefore counts for nothing.
 *
 * @param record     the record as received
 * @param features   every normalised feature of the record
 * @param suppressed attributes whose value is over the cardinality cap, sorted
 */
public record IndexedRecord(SourceRecord record, Features features, List<String> suppressed) {

    public IndexedRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(features, "features");
        suppressed = suppressed == null ? List.of() : List.copyOf(new TreeSet<>(suppressed));
    }

    public RecordKey key() {
        return record.key();
    }

    /** The features resolution compares and blocks on: all of them but the suppressed ones. */
    public Features effective() {
        return effective(features, suppressed);
    }

    /** The features without the suppressed attributes. */
    public static Features effective(Features features, List<String> suppressed) {
        if (suppressed.isEmpty()) {
            return features;
        }
        TreeMap<String, String> values = new TreeMap<>(features.values());
        suppressed.forEach(values::remove);
        return new Features(features.id(), values);
    }

    /** The same record with another set of suppressed attributes. */
    public IndexedRecord withSuppressed(List<String> attributes) {
        return new IndexedRecord(record, features, attributes);
    }
}
