package io.tessera.projections.profile.golden;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tessera.contracts.RecordKey;
import java.time.Instant;
import java.util.List;

/**
 * One attribute of a golden record with its lineage. A single-value rule gives {@code value} and the record it came
 * from; {@code keep-all} gives {@code values}, each with every record that holds it.
 *
 * @param rule   the survivorship rule that chose it
 * @param value  the chosen value (text, or an object for a name or an address), null under {@code keep-all}
 * @param source where the chosen value came from, null under {@code keep-all}
 * @param values every distinct value under {@code keep-all}, most held first; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GoldenValue(String rule, Object value, Lineage source, List<KeptValue> values) {

    public GoldenValue {
        values = values == null ? null : List.copyOf(values);
    }

    /**
     * Where a value came from.
     *
     * @param record    the source record holding it
     * @param system    the source system (the record key's source)
     * @param changedAt when the source last changed that record
     */
    public record Lineage(RecordKey record, String system, Instant changedAt) {
    }

    /** A distinct value kept under {@code keep-all}, with the records that hold it, most recently changed first. */
    public record KeptValue(Object value, List<Lineage> sources) {

        public KeptValue {
            sources = List.copyOf(sources);
        }
    }
}
