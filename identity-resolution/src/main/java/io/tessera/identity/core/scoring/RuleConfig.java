package io.tessera.identity.core.scoring;

import java.util.List;

/**
 * Deterministic rules applied around the probabilistic score.
 *
 * @param decisive            identifiers whose shared valid value links two records regardless of score
 * @param cannotLink          identifiers of which two different valid values forbid a link (two tax ids)
 * @param dateOfBirth         attribute holding the ISO date of birth, or {@code null}
 * @param maxBirthYearsApart  dates of birth further apart than this forbid a link; {@code <= 0} disables it
 */
public record RuleConfig(List<IdentifierRule> decisive, List<IdentifierRule> cannotLink, String dateOfBirth,
        double maxBirthYearsApart) {

    public RuleConfig {
        decisive = List.copyOf(decisive);
        cannotLink = List.copyOf(cannotLink);
    }

    /** No rules: the score alone decides. */
    public static RuleConfig none() {
        return new RuleConfig(List.of(), List.of(), null, 0);
    }

    /** The decisive rule shared by two records, as {@code shared-identifier:<attribute>}, or {@code null}. */
    public String decisiveRule(Features a, Features b) {
        for (IdentifierRule rule : decisive) {
            String x = rule.validValue(a);
            if (x != null && x.equals(rule.validValue(b))) {
                return "shared-identifier:" + rule.attribute();
            }
        }
        return null;
    }

    /** The cannot-link rule two records break, or {@code null} when they may be linked. */
    public String cannotLinkRule(Features a, Features b) {
        for (IdentifierRule rule : cannotLink) {
            String x = rule.validValue(a);
            String y = rule.validValue(b);
            if (x != null && y != null && !x.equals(y)) {
                return "cannot-link:different-" + rule.attribute();
            }
        }
        if (dateOfBirth != null && maxBirthYearsApart > 0) {
            String x = a.value(dateOfBirth);
            String y = b.value(dateOfBirth);
            if (x != null && y != null) {
                Double apart = Level.yearsApart(x, y);
                if (apart != null && apart > maxBirthYearsApart) {
                    return "cannot-link:birth-dates-apart";
                }
            }
        }
        return null;
    }
}
