package io.tessera.identity.core.cluster;

import io.tessera.identity.core.batch.CanonicalResolution;
import io.tessera.identity.core.batch.FeatureExtractor;
import io.tessera.identity.core.normalise.Countries;
import io.tessera.identity.core.scoring.ComparisonParameters;
import io.tessera.identity.core.scoring.ComparisonSpec;
import io.tessera.identity.core.scoring.DefaultParameters;
import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ResolutionConfig;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What resolution needs to know besides the records.
 *
 * @param defaultPhoneRegion ISO 3166-1 alpha-2 region for phone numbers of records without a (known) country
 * @param cardinalityCap     an email, phone or identifier value held by more records than this counts for nothing
 *                           (a shared landline or a family address must not glue hundreds of records together)
 * @param parameters         the Fellegi-Sunter parameters records are scored with; their comparisons must be those
 *                           of the canonical configuration, which is derived from them ({@link #config()})
 * @param maxBlockSize       a block with more records than this makes no candidates (see
 *                           {@link CanonicalResolution#MAX_BLOCK_SIZE}, the default)
 * @param maxBirthYearsApart dates of birth further apart than this forbid a link ({@code 0}: no such rule; see
 *                           {@link CanonicalResolution#MAX_BIRTH_YEARS_APART}, the default)
 */
public record ResolverSettings(String defaultPhoneRegion, int cardinalityCap, ModelParameters parameters,
        int maxBlockSize, double maxBirthYearsApart) {

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
        Objects.requireNonNull(parameters, "parameters");
        if (maxBlockSize < 2) {
            throw new IllegalArgumentException("max block size must be at least 2, got " + maxBlockSize
                    + "; the default is " + CanonicalResolution.MAX_BLOCK_SIZE);
        }
        if (!(maxBirthYearsApart >= 0)) {
            throw new IllegalArgumentException("max birth years apart must be 0 (off) or more, got "
                    + maxBirthYearsApart + "; the default is " + CanonicalResolution.MAX_BIRTH_YEARS_APART);
        }
        List<ComparisonSpec> expected = configFor(parameters, Math.max(2, maxBlockSize), 0).comparisons();
        List<ComparisonSpec> given = parameters.comparisons().stream().map(ComparisonParameters::spec).toList();
        if (!expected.equals(given)) {
            throw new IllegalArgumentException("the parameters compare " + attributes(given)
                    + " but the canonical configuration compares " + attributes(expected)
                    + "; learn them again with 'bin/tessera learn' for this version");
        }
    }

    /** Settings with the default block size cap. */
    public ResolverSettings(String defaultPhoneRegion, int cardinalityCap, ModelParameters parameters) {
        this(defaultPhoneRegion, cardinalityCap, parameters, CanonicalResolution.MAX_BLOCK_SIZE,
                CanonicalResolution.MAX_BIRTH_YEARS_APART);
    }

    /** Settings with the default cardinality cap and the default parameters. */
    public static ResolverSettings of(String defaultPhoneRegion) {
        return new ResolverSettings(defaultPhoneRegion, DEFAULT_CARDINALITY_CAP, DefaultParameters.get());
    }

    /** The same settings with other parameters. */
    public ResolverSettings withParameters(ModelParameters other) {
        return new ResolverSettings(defaultPhoneRegion, cardinalityCap, other, maxBlockSize, maxBirthYearsApart);
    }

    /** The same settings with another block size cap. */
    public ResolverSettings withMaxBlockSize(int size) {
        return new ResolverSettings(defaultPhoneRegion, cardinalityCap, parameters, size, maxBirthYearsApart);
    }

    /** The same settings with another cardinality cap. */
    public ResolverSettings withCardinalityCap(int cap) {
        return new ResolverSettings(defaultPhoneRegion, cap, parameters, maxBlockSize, maxBirthYearsApart);
    }

    /** The same settings with another birth-date rule ({@code 0}: off). */
    public ResolverSettings withMaxBirthYearsApart(double years) {
        return new ResolverSettings(defaultPhoneRegion, cardinalityCap, parameters, maxBlockSize, years);
    }

    /** The resolution configuration: the canonical one, with the identifier types the parameters know. */
    public ResolutionConfig config() {
        return configFor(parameters, maxBlockSize, maxBirthYearsApart);
    }

    private static ResolutionConfig configFor(ModelParameters parameters, int maxBlockSize,
            double maxBirthYearsApart) {
        TreeSet<String> types = new TreeSet<>();
        for (ComparisonParameters c : parameters.comparisons()) {
            String attribute = c.spec().attribute();
            if (attribute.startsWith(FeatureExtractor.IDENTIFIER_PREFIX)) {
                types.add(attribute.substring(FeatureExtractor.IDENTIFIER_PREFIX.length()));
            }
        }
        return CanonicalResolution.config(types, maxBlockSize, maxBirthYearsApart);
    }

    private static String attributes(List<ComparisonSpec> specs) {
        return specs.stream().map(ComparisonSpec::attribute).toList().toString();
    }
}
