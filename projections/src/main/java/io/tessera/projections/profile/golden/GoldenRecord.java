package io.tessera.projections.profile.golden;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The best view of one profile, built from its current records by the survivorship rules, every value with where it
 * came from; and what the records say about the profile as a whole.
 *
 * @param attributes       golden attributes by name ({@code name}, {@code emails} …), only those some record holds
 * @param identifiers      other identifiers (passport, customer number …) by type, under the rule of
 *                         {@code identifiers}
 * @param firstSeen        when Tessera first saw any of the current records (the time of its first change)
 * @param lastSeen         the latest change of any current record in its source
 * @param recordsBySource  how many current records each source system holds
 * @param recordsByTable   how many current records each source table holds ({@code webshop/orders}: the order count
 *                         of a shop that maps one record per order)
 * @param facts            per fact name (mapped {@code facts:} columns), what the records say together: count, sum
 *                         (the total spend, for order totals), min, max and the latest value
 */
public record GoldenRecord(
        Map<String, GoldenValue> attributes,
        Map<String, GoldenValue> identifiers,
        Instant firstSeen,
        Instant lastSeen,
        SortedMap<String, Integer> recordsBySource,
        SortedMap<String, Integer> recordsByTable,
        SortedMap<String, FactSummary> facts) {

    public GoldenRecord {
        attributes = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        identifiers = Collections.unmodifiableSortedMap(new TreeMap<>(identifiers));
        recordsBySource = Collections.unmodifiableSortedMap(new TreeMap<>(recordsBySource));
        recordsByTable = Collections.unmodifiableSortedMap(new TreeMap<>(recordsByTable));
        facts = Collections.unmodifiableSortedMap(new TreeMap<>(facts));
    }
}
