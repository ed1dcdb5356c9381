package io.tessera.identity.eval;

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
import io.tessera.identity.core.scoring.Level;
import io.tessera.identity.core.scoring.ResolutionConfig;
import io.tessera.identity.core.scoring.RuleConfig;
import io.tessera.identity.core.scoring.TrainingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolution configurations for the benchmark datasets. They share one set of comparison shapes (names, dates,
 * ids, places); only the attribute names differ per dataset. None was chosen by looking at the ground truth.
 */
public final class DatasetConfigs {

    /** Default edge threshold: match probability 0.5. */
    public static final double THRESHOLD = 0.5;

    private static final int MAX_BLOCK = 500;

    private DatasetConfigs() {
    }

    static ComparisonSpec name(String attribute) {
        return new ComparisonSpec(attribute, List.of(exact(), jaroWinkler(0.92), jaroWinkler(0.88), jaroWinkler(0.7)),
                true);
    }

    static ComparisonSpec date(String attribute) {
        return new ComparisonSpec(attribute, List.of(exact(), dateOnePartDiffers(), dateDayMonthSwapped(),
                dateWithinYears(1)), false);
    }

    static ComparisonSpec identifier(String attribute) {
        return new ComparisonSpec(attribute, List.of(exact(), levenshtein(1), levenshtein(2)), false);
    }

    static ComparisonSpec shortCode(String attribute) {
        return new ComparisonSpec(attribute, List.of(exact(), levenshtein(1)), false);
    }

    static ComparisonSpec place(String attribute) {
        return new ComparisonSpec(attribute, List.of(exact(), jaroWinkler(0.88)), true);
    }

    static ComparisonSpec text(String attribute) {
        return new ComparisonSpec(attribute, List.<Level>of(exact(), jaroWinkler(0.88), jaroWinkler(0.7)), false);
    }

    /** FEBRL 1–3 (and, with the phone number, dsgen). */
    public static ResolutionConfig febrl() {
        return febrl(false);
    }

    /** FEBRL dsgen: the FEBRL configuration plus the phone number. */
    public static ResolutionConfig febrlDsgen() {
        return febrl(true);
    }

    private static ResolutionConfig febrl(boolean phone) {
        List<ComparisonSpec> comparisons = new ArrayList<>(List.of(name("given_name"), name("surname"),
                date("date_of_birth"), identifier("soc_sec_id"), shortCode("street_number"), text("address_1"),
                shortCode("postcode"), place("suburb")));
        List<BlockingKey> keys = new ArrayList<>(List.of(
                BlockingKey.of("surname-soundex+dob-year", KeyPart.soundex("surname"), KeyPart.year("date_of_birth")),
                BlockingKey.of("given+postcode", KeyPart.value("given_name"), KeyPart.value("postcode")),
                BlockingKey.of("soc-sec-id", KeyPart.value("soc_sec_id")),
                BlockingKey.of("dob", KeyPart.value("date_of_birth")),
                BlockingKey.of("postcode+street-number", KeyPart.value("postcode"), KeyPart.value("street_number")),
                BlockingKey.of("given-soundex+surname-soundex", KeyPart.soundex("given_name"),
                        KeyPart.soundex("surname"))));
        if (phone) {
            comparisons.add(identifier("phone_number"));
            keys.add(BlockingKey.of("phone", KeyPart.value("phone_number")));
        }
        return new ResolutionConfig(comparisons, new BlockingConfig(keys, MAX_BLOCK, BlockingConfig.DEFAULT_BLOCKED),
                RuleConfig.none(), THRESHOLD, TrainingConfig.defaults());
    }

    /** Splink fake_1000. */
    public static ResolutionConfig fake1000() {
        List<ComparisonSpec> comparisons = List.of(name("first_name"), name("surname"), date("dob"), place("city"),
                text("email"));
        List<BlockingKey> keys = List.of(
                BlockingKey.of("first+surname", KeyPart.value("first_name"), KeyPart.value("surname")),
                BlockingKey.of("surname+dob", KeyPart.value("surname"), KeyPart.value("dob")),
                BlockingKey.of("first+dob", KeyPart.value("first_name"), KeyPart.value("dob")),
                BlockingKey.of("email", KeyPart.value("email")),
                BlockingKey.of("surname-soundex+dob-year", KeyPart.soundex("surname"), KeyPart.year("dob")),
                BlockingKey.of("dob", KeyPart.value("dob")));
        return new ResolutionConfig(comparisons, new BlockingConfig(keys, MAX_BLOCK, BlockingConfig.DEFAULT_BLOCKED),
                RuleConfig.none(), THRESHOLD, TrainingConfig.defaults());
    }

    /** Splink historical_figures_with_errors_50k. */
    public static ResolutionConfig historical() {
        List<ComparisonSpec> comparisons = List.of(name("first_name"), name("surname"), date("dob"),
                place("birth_place"), shortCode("postcode_fake"), new ComparisonSpec("gender", List.of(exact()), false),
                place("occupation"));
        List<BlockingKey> keys = List.of(
                BlockingKey.of("first+surname", KeyPart.value("first_name"), KeyPart.value("surname")),
                BlockingKey.of("surname+dob", KeyPart.value("surname"), KeyPart.value("dob")),
                BlockingKey.of("first+dob", KeyPart.value("first_name"), KeyPart.value("dob")),
                BlockingKey.of("postcode+dob-year", KeyPart.value("postcode_fake"), KeyPart.year("dob")),
                BlockingKey.of("surname-soundex+dob-year", KeyPart.soundex("surname"), KeyPart.year("dob")),
                BlockingKey.of("birth-place+surname-prefix", KeyPart.value("birth_place"),
                        KeyPart.prefix("surname", 3)));
        return new ResolutionConfig(comparisons, new BlockingConfig(keys, MAX_BLOCK, BlockingConfig.DEFAULT_BLOCKED),
                RuleConfig.none(), THRESHOLD, TrainingConfig.defaults());
    }
}
