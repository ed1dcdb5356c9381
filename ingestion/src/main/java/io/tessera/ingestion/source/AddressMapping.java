package io.tessera.ingestion.source;

/** How the parts of a postal address are read; a {@code null} part is not mapped. */
public record AddressMapping(ValueSpec street, ValueSpec postcode, ValueSpec city, ValueSpec region, ValueSpec country) {

    /** No address mapped. */
    public static final AddressMapping NONE = new AddressMapping(null, null, null, null, null);
}
