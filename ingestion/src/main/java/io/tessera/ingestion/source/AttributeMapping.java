package io.tessera.ingestion.source;

import java.util.List;
import java.util.Map;

/**
 * How the canonical {@link io.tessera.contracts.Attributes} are read from a row. A {@code null} value is not mapped;
 * list attributes read one value per entry, skipping entries without a value and repeated values.
 */
public record AttributeMapping(
        ValueSpec fullName,
        ValueSpec givenName,
        ValueSpec familyName,
        ValueSpec companyName,
        List<ValueSpec> emails,
        List<ValueSpec> phones,
        AddressMapping address,
        ValueSpec taxId,
        ValueSpec dateOfBirth,
        Map<String, ValueSpec> identifiers) {

    /** The attribute names a mapping file may use, in the order of {@link io.tessera.contracts.Attributes}. */
    public static final List<String> NAMES = List.of("full-name", "given-name", "family-name", "company-name",
            "emails", "phones", "address", "tax-id", "date-of-birth", "identifiers");

    /** The address part names a mapping file may use. */
    public static final List<String> ADDRESS_PARTS = List.of("street", "postcode", "city", "region", "country");

    public AttributeMapping {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
        address = address == null ? AddressMapping.NONE : address;
        identifiers = identifiers == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(identifiers));
    }

    /** A mapping without date of birth and other identifiers. */
    public AttributeMapping(ValueSpec fullName, ValueSpec givenName, ValueSpec familyName, ValueSpec companyName,
            List<ValueSpec> emails, List<ValueSpec> phones, AddressMapping address, ValueSpec taxId) {
        this(fullName, givenName, familyName, companyName, emails, phones, address, taxId, null, null);
    }
}
