package io.tessera.identity.core.batch;

import static io.tessera.identity.core.scoring.Level.dateDayMonthSwapped;
import static io.tessera.identity.core.scoring.Level.dateOnePartDiffers;
import static io.tessera.identity.core.scoring.Level.dateWithinYears;
import static io.tessera.identity.core.scoring.Level.exact;
import static io.tessera.identity.core.scoring.Level.jaroWinkler;
import static io.tessera.identity.core.scoring.Level.levenshtein;

import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.blocking.KeyPart;
import io.tessera.identity.core.scoring.ComparisonSpec;
import io.tessera.identity.core.scoring.IdentifierRule;
import io.tessera.identity.core.scoring.ResolutionConfig;
import io.tessera.identity.core.scoring.RuleConfig;
import io.tessera.identity.core.scoring.TrainingConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The resolution configuration of the canonical attributes that {@link FeatureExtractor} produces. Comparisons and
 * blocking keys follow from what each attribute is (a name, a date, a code, a place, an identifier), not from any
 * dataset, so one configuration serves every mapping; only the identifier types vary, and they are taken from the
 * records. Identifiers and valid tax ids are decisive; two different valid tax ids cannot link.
 */
public final class CanonicalResolution {

    public static final String GIVEN_NAME = "given_name";
    public static final String FAMILY_NAME = "family_name";
    public static final String DATE_OF_BIRTH = "date_of_birth";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String STREET = "street";
    public static final String HOUSE_NUMBER = "house_number";
    public static final String POSTCODE = "postcode";
    public static final String CITY = "city";
    public static final String COUNTRY = "country";
    public static final String TAX_ID = "tax_id";

    /** Match probability at which a scored pair becomes an edge. */
    public static final double THRESHOLD = 0.5;

    /** Blocks above this size are skipped (and counted), bounding the cost per record. */
    public static final int MAX_BLOCK_SIZE = 500;

    private CanonicalResolution() {
    }

    /**
     * The configuration for records carrying identifiers of {@code identifierTypes} (the keys of
     * {@code Attributes.identifiers}; sorted here, so the configuration does not depend on their order).
     */
    public static ResolutionConfig config(Collection<String> identifierTypes) {
        List<ComparisonSpec> comparisons = new ArrayList<>(List.of(
                name(GIVEN_NAME), name(FAMILY_NAME), date(DATE_OF_BIRTH),
                new ComparisonSpec(EMAIL, List.of(exact(), jaroWinkler(0.88), jaroWinkler(0.7)), false),
                code(PHONE, 2), text(STREET), code(HOUSE_NUMBER, 1), code(POSTCODE, 1),
                new ComparisonSpec(CITY, List.of(exact(), jaroWinkler(0.88)), true),
                new ComparisonSpec(COUNTRY, List.of(exact()), false),
                new ComparisonSpec(TAX_ID, List.of(exact()), false)));
        List<IdentifierRule> decisive = new ArrayList<>();
        for (String type : new TreeSet<>(identifierTypes)) {
            String attribute = FeatureExtractor.IDENTIFIER_PREFIX + type;
            comparisons.add(code(attribute, 2));
            decisive.add(new IdentifierRule(attribute, ".+"));
        }
        // The extractor keeps only tax ids that passed their check digits, so any value here is valid.
        decisive.add(new IdentifierRule(TAX_ID, ".+"));
        List<BlockingKey> keys = List.of(
                BlockingKey.of("family-soundex+dob-year", KeyPart.soundex(FAMILY_NAME), KeyPart.year(DATE_OF_BIRTH)),
                BlockingKey.of("given+postcode", KeyPart.value(GIVEN_NAME), KeyPart.value(POSTCODE)),
                BlockingKey.of("dob", KeyPart.value(DATE_OF_BIRTH)),
                BlockingKey.of("postcode+house-number", KeyPart.value(POSTCODE), KeyPart.value(HOUSE_NUMBER)),
                BlockingKey.of("given-soundex+family-soundex", KeyPart.soundex(GIVEN_NAME),
                        KeyPart.soundex(FAMILY_NAME)),
                BlockingKey.of("email", KeyPart.value(EMAIL)),
                BlockingKey.of("phone", KeyPart.value(PHONE)));
        RuleConfig rules = new RuleConfig(decisive, List.of(new IdentifierRule(TAX_ID, ".+")), DATE_OF_BIRTH, 0);
        return new ResolutionConfig(comparisons,
                new BlockingConfig(keys, MAX_BLOCK_SIZE, BlockingConfig.DEFAULT_BLOCKED), rules, THRESHOLD,
                TrainingConfig.defaults());
    }

    private static ComparisonSpec name(String attribute) {
        return new ComparisonSpec(attribute, List.of(exact(), jaroWinkler(0.92), jaroWinkler(0.88), jaroWinkler(0.7)),
                true);
    }

    private static ComparisonSpec date(String attribute) {
        return new ComparisonSpec(attribute, List.of(exact(), dateOnePartDiffers(), dateDayMonthSwapped(),
                dateWithinYears(1)), false);
    }

    /** Codes typed by hand (phones, ids, postcodes, house numbers): exact, then up to {@code edits} typos. */
    private static ComparisonSpec code(String attribute, int edits) {
        List<io.tessera.identity.core.scoring.Level> levels = new ArrayList<>(List.of(exact()));
        for (int i = 1; i <= edits; i++) {
            levels.add(levenshtein(i));
        }
        return new ComparisonSpec(attribute, levels, false);
    }

    private static ComparisonSpec text(String attribute) {
        return new ComparisonSpec(attribute, List.of(exact(), jaroWinkler(0.88), jaroWinkler(0.7)), false);
    }
}
