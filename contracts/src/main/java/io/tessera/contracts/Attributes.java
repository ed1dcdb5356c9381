package io.tessera.contracts;

import java.util.List;

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
 */
public record Attributes(
        String fullName,
        String givenName,
        String familyName,
        String companyName,
        List<String> emails,
        List<String> phones,
        Address address,
        String taxId) {

    public Attributes {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
        address = address == null ? Address.EMPTY : address;
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
