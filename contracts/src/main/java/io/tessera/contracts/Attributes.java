package io.tessera.contracts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identifying attributes of a source record, typed but not normalised: values are as the source spells
 * them, so that lineage can show the original. Normalisation belongs to identity resolution.
 *
 * @param fullName    the name as one string (a person's full name or a company's name)
 * @param givenName   a person's given name, when the source keeps it apart
 * @param familyName  a person's family name, when the source keeps it apart
 * @param companyName the company a person works for, or the company's own name for a company record
 * @param emails      every email address of the record, primary first
 * @param phones      every phone number of the record, primary first
 * @param address     the postal address, {@link Address#EMPTY} when unknown
 * @param taxId       a national tax or VAT identifier
 * @param dateOfBirth a person's date of birth as the source writes it (not parsed: formats vary by source)
 * @param identifiers other identifiers by type ({@code soc_sec_id}, {@code passport} …), sorted by type
 */
public record Attributes(
        String fullName,
        String givenName,
        String familyName,
        String companyName,
        List<String> emails,
        List<String> phones,
        Address address,
        String taxId,
        String dateOfBirth,
        Map<String, String> identifiers) {

    /** No attribute at all: what an erased record holds. */
    public static final Attributes NONE = new Attributes(null, null, null, null, null, null, null, null, null, null);

    public Attributes {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
        address = address == null ? Address.EMPTY : address;
        // Sorted so that equal records serialise identically, whatever order the mapping listed the types in.
        identifiers = identifiers == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(identifiers));
    }

    /** The attributes without date of birth and other identifiers, as records were before those existed. */
    public Attributes(String fullName, String givenName, String familyName, String companyName, List<String> emails,
            List<String> phones, Address address, String taxId) {
        this(fullName, givenName, familyName, companyName, emails, phones, address, taxId, null, null);
    }

    /** The best display name: the full name, else given and family name joined. */
    public String displayName() {
        if (fullName != null && !fullName.isBlank()) {
            return fullName;
        }
        String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
        return joined.isEmpty() ? companyName : joined;
    }
}
