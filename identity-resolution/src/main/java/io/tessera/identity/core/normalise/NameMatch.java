package io.tessera.identity.core.normalise;

/** How two normalised person names compare, from the strongest agreement to none; see {@link NameNormaliser}. */
public enum NameMatch {
    /** Same given and family names after folding (an umlaut spelled {@code ue} still agrees), same particles. */
    EXACT,
    /** The given name of one is the family name of the other and vice versa: a source swapped the fields. */
    SWAPPED,
    /** Same family name, given names that are variants of one canonical name ({@code Paco} and {@code Francisco}). */
    NICKNAME,
    /**
     * Given names agree (or are variants) and the family names share a surname without being equal: one source
     * dropped the second surname of a double surname or the particles ({@code Van der Berg} and {@code Berg}).
     */
    PARTIAL,
    /** None of the above. */
    DIFFERENT
}
