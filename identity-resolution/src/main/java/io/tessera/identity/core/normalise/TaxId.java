package io.tessera.identity.core.normalise;

import java.util.Objects;

/**
 * A tax identifier read from a source (personal data: never log it). Two records with different {@link #isValid()
 * valid} ids of one type are different entities: that is what a cannot-link rule relies on, so an id whose check
 * digit fails never counts as valid.
 *
 * @param type   what kind of id it is
 * @param value  normalised: upper case, no blanks or punctuation, leading zeros restored; for an EU VAT number
 *               the country prefix followed by the national part, e.g. {@code ESB12345674}
 * @param status whether it is valid, and if not why
 */
public record TaxId(TaxIdType type, String value, TaxIdStatus status) {

    public TaxId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
    }

    /** Whether the id can be used: it has the right format and, where the country defines one, the right check. */
    public boolean isValid() {
        return status == TaxIdStatus.VALID || status == TaxIdStatus.VALID_FORMAT_ONLY;
    }

    /** {@code type:value}, e.g. {@code ES-NIF:12345678Z}; equal keys mean the same id. */
    public String key() {
        return type.code() + ":" + value;
    }

    /**
     * The key of the id in its national form ({@link TaxIds#national}): {@code EU-VAT:ESB12345674} and
     * {@code ES-CIF:B12345674} share {@code ES-CIF:B12345674}. Compare these, not {@link #key()}, to tell whether
     * two valid ids differ.
     */
    public String comparableKey() {
        return TaxIds.national(this).key();
    }

    /** Never the clear id: the type, the status and the last two characters. */
    @Override
    public String toString() {
        String tail = value.length() > 2 ? value.substring(value.length() - 2) : "";
        return "TaxId[" + type.code() + ", ***" + tail + ", " + status + "]";
    }
}
