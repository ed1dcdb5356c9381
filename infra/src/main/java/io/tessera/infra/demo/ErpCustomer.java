package io.tessera.infra.demo;

import java.time.LocalDateTime;

/**
 * One generated {@code tabCustomer} row of the ERP.
 *
 * @param name                   Frappe name, {@code CUST-2026-00001}…
 * @param customerName           person or company name
 * @param customerType           {@code Individual} or {@code Company}
 * @param customerGroup          {@code Individual} or {@code Commercial}
 * @param territory              the country's English name
 * @param salutation             {@code Mr}, {@code Ms}… or {@code null}
 * @param gender                 {@code Male}, {@code Female} or {@code null}
 * @param primaryContact         name of the linked {@code tabContact}, or {@code null} (companies)
 * @param mobileNo               mobile fetched from the primary contact, or set on a company
 * @param emailId                e-mail fetched from the primary contact, or set on a company
 * @param primaryAddress         name of the linked {@code tabAddress}
 * @param primaryAddressDisplay  the address as ERPNext renders it into {@code primary_address}
 * @param taxId                  tax id as typed, or {@code null}
 * @param language               Frappe language code
 * @param creation               {@code creation} (also {@code modified})
 */
public record ErpCustomer(
        String name,
        String customerName,
        String customerType,
        String customerGroup,
        String territory,
        String salutation,
        String gender,
        String primaryContact,
        String mobileNo,
        String emailId,
        String primaryAddress,
        String primaryAddressDisplay,
        String taxId,
        String language,
        LocalDateTime creation) {
}
