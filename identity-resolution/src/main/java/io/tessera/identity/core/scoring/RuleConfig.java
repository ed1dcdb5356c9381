package io.tessera.identity.core.scoring;

import java.util.List;

/**
 * Deterministic rules applied around the probabilistic score.
 *
 * @param decisive            identifiers whose shared valid value links two records regardless of score
 * @param cannotLink          identifiers of which two different valid values forbid a link (two tax ids)
 * @param dateOfBirth         attribute holding the ISO date of birth, or {@code null}
 * @param maxBirthYearsApart  dates of birth further apart than this forbid a link, unless they differ in one part
 *                            only or by a day/month swap (a typo, not another person); {@code <= 0} disables it
 * @param givenName           attribute holding the given name, or {@code null}: two given names that are not
 *                            similar at all (Jaro-Winkler below {@value #DIFFERENT_GIVEN_NAMES}, after nicknames
 *                            were resolved) forbid a link, unless the names look swapped with the family names; so
 *                            a mother and a son sharing a mailbox, a landline and an address stay apart
 * @param familyName          attribute holding the family name, to recognise swapped names
 */
public record RuleConfig(List<IdentifierRule> decisive, List<IdentifierRule> cannotLink, String dateOfBirth,
        double maxBirthYearsApart, String givenName, String familyName) {

    /** The decisive rule of two records that a same-entity relation of one of them names as one entity. */
    public static final String SAME_ENTITY = "same-entity";

    /** Jaro-Winkler similarity below which two given names belong to different people. */
    public static final double DIFFERENT_GIVEN_NAMES = 0.7;

    public RuleConfig {
        decisive = List.copyOf(decisive);
        cannotLink = List.copyOf(cannotLink);
    }

    /** Rules without the given-name rule. */
    public RuleConfig(List<IdentifierRule> decisive, List<IdentifierRule> cannotLink, String dateOfBirth,
            double maxBirthYearsApart) {
        this(decisive, cannotLink, dateOfBirth, maxBirthYearsApart, null, null);
    }

    /** No rules: the score alone decides. */
    public static RuleConfig none() {
        return new RuleConfig(List.of(), List.of(), null, 0, null, null);
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

    /** Whether both records have a date of birth and they are equal or one typo apart. */
    private boolean birthDatesAgree(Features a, Features b) {
        if (dateOfBirth == null) {
            return false;
        }
        String x = a.value(dateOfBirth);
        String y = b.value(dateOfBirth);
        return x != null && y != null && (x.equals(y) || Level.dateOnePartDiffers().matches(x, y)
                || Level.dateDayMonthSwapped().matches(x, y));
    }

    /** Whether one record's given name is the other's family name: a swap, not another person. */
    private boolean swapped(Features a, Features b) {
        if (familyName == null) {
            return false;
        }
        String givenA = a.value(givenName);
        String givenB = b.value(givenName);
        return givenA.equals(b.value(familyName)) || givenB.equals(a.value(familyName));
    }

    /**
     * The cannot-link rule two records break, or {@code null} when they may be linked. Two different valid
     * identifiers of a cannot-link kind always forbid the link; birth dates years apart and given names unlike each
     * other forbid it unless the records share a decisive identifier.
     */
    public String cannotLinkRule(Features a, Features b) {
        return cannotLinkRule(a, b, false);
    }

    /**
     * The cannot-link rule two records break, or {@code null}. For a pair the source names as one entity
     * ({@link #SAME_ENTITY}) only different valid identifiers of a cannot-link kind (a person and a company, two tax
     * ids) forbid the link: the source's own key outweighs names and birth dates, as a shared identifier does.
     */
    public String cannotLinkRule(Features a, Features b, boolean sameEntity) {
        for (IdentifierRule rule : cannotLink) {
            String x = rule.validValue(a);
            String y = rule.validValue(b);
            if (x != null && y != null && !x.equals(y)) {
                return "cannot-link:different-" + rule.attribute();
            }
        }
        if (sameEntity || decisiveRule(a, b) != null) {
            // A shared identifier outweighs a birth date or given name that disagree: those have typos too.
            return null;
        }
        if (dateOfBirth != null && maxBirthYearsApart > 0) {
            String x = a.value(dateOfBirth);
            String y = b.value(dateOfBirth);
            if (x != null && y != null) {
                Double apart = Level.yearsApart(x, y);
                if (apart != null && apart > maxBirthYearsApart && !Level.dateOnePartDiffers().matches(x, y)
                        && !Level.dateDayMonthSwapped().matches(x, y)) {
                    return "cannot-link:birth-dates-apart";
                }
            }
        }
        if (givenName != null) {
            String x = a.value(givenName);
            String y = b.value(givenName);
            if (x != null && y != null && StringSimilarity.jaroWinkler(x, y) < DIFFERENT_GIVEN_NAMES
                    && !swapped(a, b) && !birthDatesAgree(a, b)) {
                return "cannot-link:different-given-names";
            }
        }
        return null;
    }
}
