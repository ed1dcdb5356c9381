package io.tessera.identity.core.batch;

import static io.tessera.identity.core.scoring.Level.dateDayMonthSwapped;
import static io.tessera.identity.core.scoring.Level.dateOnePartDiffers;
import static io.tessera.identity.core.scoring.Level.dateWithinYears;
import static io.tessera.identity.core.scoring.Level.exact;
import static io.tessera.identity.core.scoring.Level.jaroWinkler;
import static io.tessera.identity.core.scoring.Level.leadingParts;
import static io.tessera.identity.core.scoring.Level.levenshtein;

import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.blocking.KeyPart;
import io.tessera.identity.core.scoring.ComparisonSpec;
import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.core.scoring.IdentifierRule;
import io.tessera.identity.core.scoring.ResolutionConfig;
import io.tessera.identity.core.scoring.RuleConfig;
import io.tessera.identity.core.scoring.TrainingConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
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
    /**
     * The postal address as one composite value {@code area|street|house number}, where the area is the postcode,
     * else the city. Compared as one attribute (exact; same area and street; same area; similar), because postcode,
     * city, street and number are far from independent: scored apart, two neighbours in a popular street would
     * collect the evidence of four agreements.
     */
    public static final String ADDRESS = "address";
    public static final String TAX_ID = "tax_id";
    /** {@code person} or {@code company}: records of different kinds never link (a contact is not her company). */
    public static final String ENTITY_KIND = "entity_kind";

    private static final Set<String> COMPARED =
            Set.of(GIVEN_NAME, FAMILY_NAME, DATE_OF_BIRTH, EMAIL, PHONE, ADDRESS, TAX_ID);

    /** Match probability at which a scored pair becomes an edge. */
    public static final double THRESHOLD = 0.5;

    /**
     * Dates of birth further apart (and not one typo apart: one part differs, or day and month swapped) belong to
     * different people: namesakes, or father and son.
     */
    public static final double MAX_BIRTH_YEARS_APART = 2;

    /**
     * Blocks of the loose key (both names' soundex codes) above this size are skipped: in a country where a few
     * surnames are everyone's, such a block says little and would cost more candidates than all other keys together.
     */
    public static final int LOOSE_BLOCK_SIZE = 50;

    /** Blocks above this size are skipped (and counted), bounding the cost per record. */
    public static final int MAX_BLOCK_SIZE = 500;

    private CanonicalResolution() {
    }

    /**
     * The configuration for records carrying identifiers of {@code identifierTypes} (the keys of
     * {@code Attributes.identifiers}; sorted here, so the configuration does not depend on their order).
     */
    public static ResolutionConfig config(Collection<String> identifierTypes) {
        return config(identifierTypes, MAX_BLOCK_SIZE);
    }

    /** The configuration with another block size cap. */
    public static ResolutionConfig config(Collection<String> identifierTypes, int maxBlockSize) {
        return config(identifierTypes, maxBlockSize, MAX_BIRTH_YEARS_APART);
    }

    /**
     * The configuration with another block size cap and birth-date rule.
     *
     * @param maxBirthYearsApart dates of birth further apart than this (and not one typo apart) forbid a link, so a
     *                           father and a son of the same name at one address stay two people; {@code 0} turns the
     *                           rule off, for data whose birth dates are corrupted wholesale (FEBRL)
     */
    public static ResolutionConfig config(Collection<String> identifierTypes, int maxBlockSize,
            double maxBirthYearsApart) {
        List<ComparisonSpec> comparisons = new ArrayList<>(List.of(
                name(GIVEN_NAME), name(FAMILY_NAME), date(DATE_OF_BIRTH),
                // No similarity levels: people with similar names have similar mailboxes, so a similar mailbox is
                // no evidence beyond the names; one typo is.
                code(EMAIL, 1),
                code(PHONE, 2),
                new ComparisonSpec(ADDRESS, List.of(exact(), leadingParts(2)), false),
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
                        KeyPart.soundex(FAMILY_NAME)).capped(LOOSE_BLOCK_SIZE),
                BlockingKey.of("email", KeyPart.value(EMAIL)),
                BlockingKey.of("phone", KeyPart.value(PHONE)));
        List<IdentifierRule> cannotLink = List.of(new IdentifierRule(ENTITY_KIND, ".+"), new IdentifierRule(TAX_ID, ".+"));
        RuleConfig rules = new RuleConfig(decisive, cannotLink, DATE_OF_BIRTH,
                maxBirthYearsApart, GIVEN_NAME, FAMILY_NAME);
        return new ResolutionConfig(comparisons,
                new BlockingConfig(keys, maxBlockSize, BlockingConfig.DEFAULT_BLOCKED), rules, THRESHOLD,
                TrainingConfig.defaults());
    }

    /**
     * Whether a record has anything to be compared on: a name, birth date, email, phone, address, tax id or
     * identifier. One that has not is a profile of its own, and counted.
     */
    public static boolean usable(Features features) {
        for (String attribute : features.values().keySet()) {
            if (COMPARED.contains(attribute) || attribute.startsWith(FeatureExtractor.IDENTIFIER_PREFIX)) {
                return true;
            }
        }
        return false;
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
