package io.tessera.infra.demo;

/**
 * The eleven countries the demo customers live in, with the fixed {@code res_country} ids of the CRM
 * (docs/demo-sources.md: the rows are inserted in this order, so the ids never change).
 */
public enum DemoCountry {
    ES(1, "Spain", "es_ES", "es", "34", ""),
    PT(2, "Portugal", "pt_PT", "pt", "351", ""),
    FR(3, "France", "fr_FR", "fr", "33", "0"),
    IT(4, "Italy", "it_IT", "it", "39", ""),
    DE(5, "Germany", "de_DE", "de", "49", "0"),
    NL(6, "Netherlands", "nl_NL", "nl", "31", "0"),
    PL(7, "Poland", "pl_PL", "pl", "48", ""),
    GB(8, "United Kingdom", "en_GB", "en-GB", "44", "0"),
    BE(9, "Belgium", "nl_BE", "nl", "32", "0"),
    AT(10, "Austria", "de_DE", "de", "43", "0"),
    IE(11, "Ireland", "en_GB", "en-GB", "353", "0");

    private final int crmId;
    private final String englishName;
    private final String odooLang;
    private final String erpLanguage;
    private final String callingCode;
    private final String trunkPrefix;

    DemoCountry(int crmId, String englishName, String odooLang, String erpLanguage, String callingCode,
                String trunkPrefix) {
        this.crmId = crmId;
        this.englishName = englishName;
        this.odooLang = odooLang;
        this.erpLanguage = erpLanguage;
        this.callingCode = callingCode;
        this.trunkPrefix = trunkPrefix;
    }

    /** The {@code res_country.id} of this country in the CRM. */
    public int crmId() {
        return crmId;
    }

    /** ISO 3166-1 alpha-2 code, as in {@code res_country.code}. */
    public String code() {
        return name();
    }

    /** English name: {@code res_country.name}, ERPNext's Country link and the demo territory. */
    public String englishName() {
        return englishName;
    }

    /**
     * Default Odoo language code of the country's customers. Odoo ships no de_AT or en_IE, so Austria and
     * Ireland use de_DE and en_GB as a real Odoo would; Belgium's French speakers get fr_BE per city.
     */
    public String odooLang() {
        return odooLang;
    }

    /** Frappe language code for {@code tabCustomer.language}. */
    public String erpLanguage() {
        return erpLanguage;
    }

    /** International calling code without the plus, e.g. {@code 34}. */
    public String callingCode() {
        return callingCode;
    }

    /** The digit dialled before a national number inside the country ({@code 0}), empty where there is none. */
    public String trunkPrefix() {
        return trunkPrefix;
    }

    /** The country with the given CRM id. */
    public static DemoCountry ofCrmId(int id) {
        for (DemoCountry country : values()) {
            if (country.crmId == id) {
                return country;
            }
        }
        throw new IllegalArgumentException("No demo country has res_country id " + id);
    }
}
