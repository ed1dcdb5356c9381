package io.tessera.projections.profile.golden;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a golden attribute picks its value among the values the profile's records hold. Every rule skips records that
 * hold no value for the attribute; ties fall to the most recently changed record, then to the smallest record key, so
 * the same records always give the same golden record.
 */
public enum SurvivorshipRule {
    /** The value of the most recently changed record. */
    MOST_RECENT("most-recent"),
    /** The value of the record from the most trusted source ({@code trusted-sources}, most trusted first). */
    MOST_TRUSTED("most-trusted"),
    /** The value most records hold (compared without case and spacing differences); shown as last spelled. */
    MOST_FREQUENT("most-frequent"),
    /** The first value the profile had that is still held: it stays until its record drops or empties it. */
    NON_EMPTY("non-empty"),
    /** Every distinct value, each with the records that hold it, most held first. */
    KEEP_ALL("keep-all");

    private final String configName;

    SurvivorshipRule(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The rule a configuration names, or an error that lists the rules. */
    public static SurvivorshipRule fromConfig(String key, String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(rule -> rule.configName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(key + ": unknown survivorship rule '" + text
                        + "'; use one of " + Arrays.stream(values()).map(SurvivorshipRule::configName)
                        .collect(Collectors.joining(", "))));
    }
}
