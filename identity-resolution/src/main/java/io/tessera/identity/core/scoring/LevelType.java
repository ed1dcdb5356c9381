package io.tessera.identity.core.scoring;

/** The kinds of comparison level; a {@link Level} pairs one with its threshold. */
public enum LevelType {
    /** Both values equal. */
    EXACT,
    /** Jaro-Winkler similarity at least the threshold. */
    JARO_WINKLER,
    /** Levenshtein distance at most the threshold. */
    LEVENSHTEIN,
    /** Two ISO dates with exactly one of year, month, day different. */
    DATE_ONE_PART_DIFFERS,
    /** Two ISO dates of the same year with day and month swapped. */
    DATE_DAY_MONTH_SWAPPED,
    /** Two ISO dates at most the threshold (in years) apart. */
    DATE_WITHIN_YEARS,
    /**
     * Two composite values ({@code part|part|...}) whose first threshold parts are equal and present, e.g. the same
     * postcode and street of {@code postcode|street|number}.
     */
    LEADING_PARTS
}
