package io.tessera.infra.demo;

import java.time.LocalDate;

/**
 * A true customer behind the demo rows: a private person or a company, before any source system wrote it down.
 *
 * @param id          person id, 1..N; {@link DemoRow#personId()} refers to it
 * @param country     where the customer lives
 * @param company     {@code true} for a company ({@code is_company}, customer type Company)
 * @param givenName   given name(s) of a private person, {@code null} for a company
 * @param familyName  family name(s) of a private person (two for Spain and often Portugal), {@code null} for a company
 * @param companyName registered name with legal form for a company, {@code null} for a private person
 * @param gender      gender of a private person, {@code null} for a company
 * @param birthDate   birth date of a private person (several national ids encode it), {@code null} for a company
 * @param email       current e-mail address; may be shared (a family mailbox) or generic ({@code info@…})
 * @param staleEmail  an older address a system may still hold, {@code null} if there is none
 * @param mobile      mobile number in E.164, {@code null} if none
 * @param landline    landline number in E.164 (a company's switchboard), {@code null} if none
 * @param address     current address
 * @param taxId       national tax id of a person, VAT id with country prefix for a company
 * @param presence    which systems know this customer
 */
public record DemoPerson(
        int id,
        DemoCountry country,
        boolean company,
        String givenName,
        String familyName,
        String companyName,
        Gender gender,
        LocalDate birthDate,
        String email,
        String staleEmail,
        String mobile,
        String landline,
        DemoAddress address,
        String taxId,
        Presence presence) {

    /** Gender of a private person. */
    public enum Gender { FEMALE, MALE }

    /** Which source systems hold a customer. */
    public enum Presence {
        BOTH, CRM_ONLY, ERP_ONLY;

        public boolean inCrm() {
            return this != ERP_ONLY;
        }

        public boolean inErp() {
            return this != CRM_ONLY;
        }
    }

    /** Company name, or given and family name of a person, as the customer would write it. */
    public String displayName() {
        return company ? companyName : givenName + " " + familyName;
    }
}
