package io.tessera.infra.demo;

import java.time.LocalDateTime;

/**
 * One generated {@code tabDynamic Link} row: ties a contact or an address to its customer, as Frappe's
 * {@code links} child table does ({@code parentfield = 'links'}, {@code link_doctype = 'Customer'}).
 *
 * @param name       Frappe child-row name (ten hex characters)
 * @param parent     name of the contact or address
 * @param parentType {@code Contact} or {@code Address}
 * @param linkName   name of the customer, {@code CUST-2026-…}
 * @param linkTitle  the customer's name
 * @param creation   {@code creation} (also {@code modified})
 */
public record ErpDynamicLink(
        String name,
        String parent,
        String parentType,
        String linkName,
        String linkTitle,
        LocalDateTime creation) {
}
