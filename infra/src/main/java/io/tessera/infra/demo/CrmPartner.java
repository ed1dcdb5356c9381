package io.tessera.infra.demo;

import java.time.LocalDateTime;

/**
 * One generated {@code res_partner} row of the CRM (only the columns the demo fills).
 *
 * @param id                    {@code res_partner.id}
 * @param name                  display name of the person or company
 * @param lang                  Odoo language code, e.g. {@code es_ES}
 * @param vat                   tax id as typed, or {@code null}
 * @param website               company website, or {@code null}
 * @param street                first address line
 * @param street2               second address line, or {@code null}
 * @param zip                   postcode
 * @param city                  city
 * @param countryId             {@code res_country.id}, see {@link DemoCountry#crmId()}
 * @param email                 e-mail as typed, or {@code null}
 * @param phone                 phone as typed, or {@code null}
 * @param mobile                mobile as typed, or {@code null}
 * @param company               {@code is_company}
 * @param companyName           free-text employer of a person ({@code company_name}), or {@code null}
 * @param commercialCompanyName Odoo's stored commercial company name, or {@code null}
 * @param createDate            {@code create_date}
 * @param writeDate             {@code write_date}
 * @param parentId              {@code parent_id}: the company a contact person belongs to, or {@code null}
 * @param optOut                {@code opt_out}: the partner refused e-mail marketing
 */
public record CrmPartner(
        int id,
        String name,
        String lang,
        String vat,
        String website,
        String street,
        String street2,
        String zip,
        String city,
        int countryId,
        String email,
        String phone,
        String mobile,
        boolean company,
        String companyName,
        String commercialCompanyName,
        LocalDateTime createDate,
        LocalDateTime writeDate,
        Integer parentId,
        boolean optOut) {

    /** {@code complete_name}: as Odoo writes it, "Company, Contact" for a contact of a company, else the name. */
    public String completeName() {
        return parentId == null || commercialCompanyName == null ? name : commercialCompanyName + ", " + name;
    }

    /** This person as a contact of a company partner: Odoo sets the parent and copies its name. */
    public CrmPartner withParent(CrmPartner parent) {
        return new CrmPartner(id, name, lang, vat, website, street, street2, zip, city, countryId, email, phone, mobile,
                company, parent.name(), parent.name(), createDate, writeDate, parent.id(), optOut);
    }

    /** This partner with {@code opt_out} set as given. */
    public CrmPartner withOptOut(boolean refused) {
        return new CrmPartner(id, name, lang, vat, website, street, street2, zip, city, countryId, email, phone, mobile,
                company, companyName, commercialCompanyName, createDate, writeDate, parentId, refused);
    }
}
