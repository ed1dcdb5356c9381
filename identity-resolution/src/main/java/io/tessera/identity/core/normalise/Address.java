package io.tessera.identity.core.normalise;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * A postal address normalised for comparison (personal data: never log it). Text fields are folded to lower-case
 * ASCII; a field the source did not give is the empty string.
 *
 * @param streetName    the street name without its type and leading particles, e.g. {@code mayor} for
 *                      {@code C/ de Mayor}, {@code haupt} for {@code Hauptstr.}
 * @param streetType    the canonical street type in the language of the country, e.g. {@code calle},
 *                      {@code strasse}, {@code street}; empty when none was recognised
 * @param houseNumber   the house number with its letter or range, e.g. {@code 12}, {@code 12b}, {@code 12-14}
 * @param unit          what follows the house number: floor, door or flat, e.g. {@code 3 b}, {@code 56} for
 *                      {@code m. 56}
 * @param postcode      the postcode in its country's canonical form ({@link Postcodes}); when it does not fit the
 *                      format, the value upper-cased without blanks
 * @param postcodeValid whether the postcode fits the country's format
 * @param city          the city, folded
 * @param country       the ISO 3166-1 alpha-2 code, empty when unknown
 */
public record Address(
        String streetName, String streetType, String houseNumber, String unit, String postcode,
        boolean postcodeValid, String city, String country) {

    public Address {
        Objects.requireNonNull(streetName, "streetName");
        Objects.requireNonNull(streetType, "streetType");
        Objects.requireNonNull(houseNumber, "houseNumber");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(postcode, "postcode");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(country, "country");
    }

    /** Street name, type and house number in one key, e.g. {@code calle mayor 12}: what blocking can group on. */
    public String streetKey() {
        return String.join(" ", Stream.of(streetType, streetName, houseNumber)
                .filter(part -> !part.isEmpty()).toList());
    }

    /** Never the clear address; the country and whether each part is present are enough for a log. */
    @Override
    public String toString() {
        return "Address[country=" + country + ", street=" + !streetName.isEmpty() + ", number="
                + !houseNumber.isEmpty() + ", postcodeValid=" + postcodeValid + "]";
    }
}
