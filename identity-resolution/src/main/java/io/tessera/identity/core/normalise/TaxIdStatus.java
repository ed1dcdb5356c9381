package io.tessera.identity.core.normalise;

/** Whether a tax id is valid and, when it is not, why; kept so that "why not linked" can be answered. */
public enum TaxIdStatus {
    /** Right format and right check digit(s). */
    VALID,
    /** Right format for a country that defines no check digit we know (some EU VAT numbers). */
    VALID_FORMAT_ONLY,
    /** Nothing was given. */
    EMPTY,
    /** Wrong length or characters for the type. */
    BAD_FORMAT,
    /** The format is right but the check digit is not: a typo, or an invented number. */
    BAD_CHECK_DIGIT,
    /** A well-formed value that sources use for "unknown" ({@code 00000000T}, {@code 12345678Z}). */
    PLACEHOLDER,
    /** The country or prefix has no tax id we read. */
    UNSUPPORTED
}
