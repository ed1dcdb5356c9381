package io.tessera.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A postal address as the source holds it (not normalised). Any part may be null. */
public record Address(String street, String postcode, String city, String region, String country) {

    public static final Address EMPTY = new Address(null, null, null, null, null);

    @JsonIgnore
    public boolean isEmpty() {
        return street == null && postcode == null && city == null && region == null && country == null;
    }
}
