package io.tessera.identity.core.cluster;

import java.util.Objects;

/**
 * A scored edge between two records, as resolution stores it: the pair scored at or above the match threshold, or
 * shares a decisive identifier, and breaks no cannot-link rule.
 *
 * @param weight Fellegi-Sunter match weight of the pair (prior included); finite even for a decisive link
 * @param rule   {@code fellegi-sunter}, or the decisive rule ({@code shared-identifier:<attribute>})
 * @param detail the attributes that agreed, with their levels and weights; names and levels only, never values
 */
public record Link(double weight, String rule, String detail) {

    /** The rule of a link made by the score alone. */
    public static final String SCORED = "fellegi-sunter";

    public Link {
        Objects.requireNonNull(rule, "rule");
        detail = detail == null ? "" : detail;
    }

    /** Whether a decisive rule made this link; such links are clustered before any scored one. */
    public boolean decisive() {
        return !SCORED.equals(rule);
    }

    /** The weight the clusterer orders links by: infinite for a decisive link. */
    public double clusteringWeight() {
        return decisive() ? Double.POSITIVE_INFINITY : weight;
    }
}
