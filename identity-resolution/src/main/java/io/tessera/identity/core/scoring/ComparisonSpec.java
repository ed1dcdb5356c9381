package io.tessera.identity.core.scoring;

import java.util.List;
import java.util.Objects;

/**
 * How one attribute is compared: its graded levels, best first, and whether exact matches are weighed by how
 * common the value is (term-frequency adjustment, for surnames, cities and the like).
 */
public record ComparisonSpec(String attribute, List<Level> levels, boolean termFrequency) {

    public ComparisonSpec {
        Objects.requireNonNull(attribute, "attribute");
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("comparison '" + attribute + "' needs at least one level");
        }
    }

    /** Number of levels including the implicit "else" level. */
    public int levelCount() {
        return levels.size() + 1;
    }

    /** The level two records fall in: -1 when either value is missing, else the first matching level. */
    public int level(Features a, Features b) {
        String x = a.value(attribute);
        String y = b.value(attribute);
        if (x == null || y == null) {
            return -1;
        }
        // Graded levels of one kind (Jaro-Winkler bands, edit distances) share one similarity, computed once.
        double jaroWinkler = Double.NaN;
        int editDistance = -1;
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            boolean matches;
            switch (level.type()) {
                case JARO_WINKLER -> {
                    if (Double.isNaN(jaroWinkler)) {
                        jaroWinkler = StringSimilarity.jaroWinkler(x, y);
                    }
                    matches = jaroWinkler >= level.threshold();
                }
                case LEVENSHTEIN -> {
                    if (Math.abs(x.length() - y.length()) > level.threshold()) {
                        matches = false;
                    } else {
                        if (editDistance < 0) {
                            editDistance = StringSimilarity.levenshtein(x, y);
                        }
                        matches = editDistance <= level.threshold();
                    }
                }
                default -> matches = level.matches(x, y);
            }
            if (matches) {
                return i;
            }
        }
        return levels.size();
    }

    /** Label of a level index (including "else" and "null"). */
    public String levelLabel(int level) {
        if (level < 0) {
            return "null";
        }
        return level < levels.size() ? levels.get(level).label() : "else";
    }
}
