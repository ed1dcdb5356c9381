package io.tessera.identity.core.normalise;

/** The national tax identifiers {@link TaxIds} reads, each with the code that names it in keys and evidence. */
public enum TaxIdType {
    /** Spanish NIF of a person: DNI (8 digits and a letter) or a K/L/M NIF. */
    ES_NIF("ES-NIF"),
    /** Spanish NIE of a foreign resident: X, Y or Z, 7 digits, a letter. */
    ES_NIE("ES-NIE"),
    /** Spanish CIF of a company: a letter, 7 digits, a control digit or letter. */
    ES_CIF("ES-CIF"),
    /** Portuguese NIF (contribuinte): 9 digits, mod 11. */
    PT_NIF("PT-NIF"),
    /** Italian codice fiscale of a person: 16 characters with a check letter. */
    IT_CF("IT-CF"),
    /** Italian partita IVA: 11 digits, Luhn. */
    IT_PIVA("IT-PIVA"),
    /** Polish PESEL: 11 digits holding the date of birth and the sex. */
    PL_PESEL("PL-PESEL"),
    /** Polish NIP: 10 digits, mod 11. */
    PL_NIP("PL-NIP"),
    /** Dutch BSN: 9 digits, the 11-proof. */
    NL_BSN("NL-BSN"),
    /** German Steuerliche Identifikationsnummer: 11 digits, ISO 7064 MOD 11,10. */
    DE_STEUER_ID("DE-STEUER-ID"),
    /** An EU VAT number: country prefix and the national format. */
    EU_VAT("EU-VAT");

    private final String code;

    TaxIdType(String code) {
        this.code = code;
    }

    /** The code, e.g. {@code ES-NIF}. */
    public String code() {
        return code;
    }
}
