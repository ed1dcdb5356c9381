package io.tessera.identity.core.normalise;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The outcome of reading one raw date: the date, or why there is none (personal data when it is a date of birth:
 * never log it).
 *
 * @param value     the date, null when rejected
 * @param rejection why there is no date, null when there is one
 */
public record NormalisedDate(LocalDate value, Rejection rejection) {

    public NormalisedDate {
        if ((value == null) == (rejection == null)) {
            throw new IllegalArgumentException("A normalised date holds either a date or a rejection");
        }
    }

    /** A usable date. */
    public static NormalisedDate of(LocalDate date) {
        return new NormalisedDate(date, null);
    }

    /** No usable date, and why. */
    public static NormalisedDate rejected(Rejection rejection) {
        return new NormalisedDate(null, rejection);
    }

    /** The date, when usable. */
    public Optional<LocalDate> date() {
        return Optional.ofNullable(value);
    }

    /** Never the clear date. */
    @Override
    public String toString() {
        return value != null ? "NormalisedDate[usable]" : "NormalisedDate[" + rejection + "]";
    }
}
