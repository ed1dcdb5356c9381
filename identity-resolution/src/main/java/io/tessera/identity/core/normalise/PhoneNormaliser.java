package io.tessera.identity.core.normalise;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Normalises phone numbers to E.164 with libphonenumber. A national number is read in the numbering plan of the
 * record's country, else of the configured default region. Invalid numbers and placeholders (one digit repeated,
 * {@code 000…}, {@code 123456789}) are not usable: placeholders are shared by many unrelated records.
 */
public final class PhoneNormaliser {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String ASCENDING = "01234567890123456789";
    private static final String DESCENDING = "98765432109876543210";
    private static final int MIN_SEQUENCE = 6;
    private static final int MAX_SAME_DIGIT_RUN = 6;

    private final String defaultRegion;

    /** @param defaultRegion the ISO alpha-2 region for numbers of records without a (known) country */
    public PhoneNormaliser(String defaultRegion) {
        if (!Countries.isKnownRegion(defaultRegion)) {
            throw new IllegalArgumentException("The default phone region '" + defaultRegion
                    + "' is not an ISO 3166-1 alpha-2 code with a numbering plan; use one such as ES or DE");
        }
        this.defaultRegion = defaultRegion;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * Normalises one raw number; never throws for bad input, it reports it.
     *
     * @param raw     the number as the source holds it
     * @param country the record's country as the source spells it ({@code ES}, {@code Spain}), may be null
     */
    public Normalised normalise(String raw, String country) {
        if (raw == null || raw.isBlank()) {
            return rejected(Rejection.EMPTY);
        }
        String region = Countries.region(country).orElse(defaultRegion);
        Optional<PhoneNumber> parsed = parse(raw, region);
        if (parsed.isEmpty() && raw.strip().startsWith("00")) {
            // 00 is the international prefix almost everywhere, but not in every region (US: 011).
            parsed = parse("+" + raw.strip().substring(2), region);
        }
        if (parsed.isEmpty()) {
            return rejected(Rejection.INVALID);
        }
        PhoneNumber number = parsed.get();
        if (isPlaceholder(PHONES.getNationalSignificantNumber(number))) {
            return rejected(Rejection.BLOCKED);
        }
        return new Normalised.Usable(
                new Identifier(IdentifierKind.PHONE, PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
    }

    private static Optional<PhoneNumber> parse(String raw, String region) {
        try {
            PhoneNumber number = PHONES.parse(raw, region);
            return PHONES.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException notANumber) {
            // Text that is no phone number at all ("n/a", "ask reception") is ordinary bad source data.
            return Optional.empty();
        }
    }

    /** One digit repeated, a long run of one digit, a run of zeros, or a counting sequence. */
    static boolean isPlaceholder(String nationalNumber) {
        if (nationalNumber.chars().distinct().count() == 1 || nationalNumber.startsWith("0000")) {
            return true;
        }
        int run = 1;
        for (int i = 1; i < nationalNumber.length(); i++) {
            run = nationalNumber.charAt(i) == nationalNumber.charAt(i - 1) ? run + 1 : 1;
            if (run > MAX_SAME_DIGIT_RUN) {
                return true;
            }
        }
        return nationalNumber.length() >= MIN_SEQUENCE
                && (ASCENDING.contains(nationalNumber)
                        || DESCENDING.contains(nationalNumber)
                        || nationalNumber.startsWith("123456789"));
    }

    private static Normalised rejected(Rejection rejection) {
        return new Normalised.Rejected(IdentifierKind.PHONE, rejection);
    }
}
