package io.tessera.identity.core.cluster;

import io.tessera.identity.core.normalise.Countries;

/**
 * What resolution needs to know besides the records.
 *
 * @param defaultPhoneRegion ISO 3166-1 alpha-2 region for phone numbers of records without a (known) country
 * @param cardinalityCap     an identifier held by more records than this stops linking (a shared landline or a
 *                           family address must not glue hundreds of records into one profile)
 */
public record ResolverSettings(String defaultPhoneRegion, int cardinalityCap) {

    public static final int DEFAULT_CARDINALITY_CAP = 50;

    public ResolverSettings {
        if (!Countries.isKnownRegion(defaultPhoneRegion)) {
            throw new IllegalArgumentException("default phone region '" + defaultPhoneRegion
                    + "' is not an upper-case ISO 3166-1 alpha-2 code with a numbering plan; use one such as ES");
        }
        if (cardinalityCap < 1) {
            throw new IllegalArgumentException(
                    "cardinality cap must be at least 1, got " + cardinalityCap + "; the default is "
                            + DEFAULT_CARDINALITY_CAP);
        }
    }

    /** Settings with the default cardinality cap. */
    public static ResolverSettings of(String defaultPhoneRegion) {
        return new ResolverSettings(defaultPhoneRegion, DEFAULT_CARDINALITY_CAP);
    }
}
