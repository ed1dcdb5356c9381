package io.tessera.infra.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a seeding run did.
 *
 * @param inserted rows inserted per table (0 for a skipped table), in seeding order
 * @param skipped  tables left alone because they already held rows
 * @param elapsed  wall time of the run, schema included
 */
public record SeedResult(Map<String, Integer> inserted, List<String> skipped, Duration elapsed) {

    public SeedResult {
        inserted = Collections.unmodifiableMap(new LinkedHashMap<>(inserted));
        skipped = List.copyOf(skipped);
    }

    /** Rows inserted into one table; 0 if it was skipped or not part of the run. */
    public int inserted(String table) {
        return inserted.getOrDefault(table, 0);
    }

    /** Rows inserted across all tables. */
    public int totalInserted() {
        return inserted.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code true} when every table already had rows and nothing was written. */
    public boolean nothingInserted() {
        return totalInserted() == 0;
    }

    SeedResult plus(SeedResult other, Duration elapsed) {
        Map<String, Integer> counts = new LinkedHashMap<>(inserted);
        counts.putAll(other.inserted);
        List<String> skippedTables = new ArrayList<>(skipped);
        skippedTables.addAll(other.skipped);
        return new SeedResult(counts, skippedTables, elapsed);
    }
}
