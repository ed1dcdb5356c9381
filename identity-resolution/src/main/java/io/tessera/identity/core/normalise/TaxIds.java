package io.tessera.identity.core.normalise;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads and validates national tax identifiers, with check digits where the country defines them: Spanish NIF, NIE
 * and CIF, Portuguese NIF, Italian codice fiscale and partita IVA, Polish PESEL and NIP, Dutch BSN, German
 * Steuer-IdNr, and EU VAT numbers (check digits for ES, PT, IT, PL, NL, DE, FR and BE; format only for the other
 * member states). Stateless; never throws for bad input, it reports it in the {@link TaxIdStatus}.
 */
public final class TaxIds {

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String CIF_LETTERS = "JABCDEFGHI";
    private static final Pattern DNI = Pattern.compile("\\d{8}[A-Z]");
    private static final Pattern NIF_KLM = Pattern.compile("[KLM]\\d{7}[A-Z]");
    private static final Pattern NIE = Pattern.compile("[XYZ]\\d{7}[A-Z]");
    private static final Pattern CIF = Pattern.compile("[ABCDEFGHJNPQRSUVW]\\d{7}[0-9A-J]");
    private static final Pattern CODICE_FISCALE = Pattern.compile(
            "[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]");
    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
        10, 22, 25, 24, 23};
    private static final int[] PESEL_WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
    private static final int[] NIP_WEIGHTS = {6, 5, 7, 2, 3, 4, 5, 6, 7};
    private static final Set<String> ES_PLACEHOLDERS = Set.of("12345678Z", "00000000T", "99999999R", "11111111H");

    /** The national part of the VAT numbers whose format we know but whose check digit we do not compute. */
    private static final Map<String, Pattern> VAT_FORMAT_ONLY = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")), Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")), Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DK", Pattern.compile("\\d{8}")), Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")), Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("HR", Pattern.compile("\\d{11}")), Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d[A-Z0-9+*]\\d{5}[A-Z]{1,2}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")), Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")), Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("RO", Pattern.compile("\\d{2,10}")), Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")), Map.entry("SK", Pattern.compile("\\d{10}")),
            Map.entry("XI", Pattern.compile("\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3}")));
    private static final Set<String> VAT_CHECKED = Set.of("ES", "PT", "IT", "PL", "NL", "DE", "FR", "BE");

    private TaxIds() {
    }

    /**
     * Reads a tax id of a record from the given country, choosing the type by its shape: an EU VAT number when it
     * starts with a member-state prefix, else the national id of that shape (for ES a leading X/Y/Z is an NIE, a
     * digit an NIF, another letter a CIF; for IT 16 characters are a codice fiscale, 11 digits a partita IVA; for PL
     * 11 digits are a PESEL, 10 a NIP).
     *
     * @param raw     the id as the source holds it, with any blanks, dots or hyphens
     * @param country the record's country as the source spells it; may be null when the id has a VAT prefix
     */
    public static TaxId parse(String raw, String country) {
        String value = compact(raw);
        String region = Countries.region(country).orElse("");
        if (value.isEmpty()) {
            return new TaxId(defaultType(region), "", TaxIdStatus.EMPTY);
        }
        if (looksLikeVat(value)) {
            return vat(value);
        }
        return switch (region) {
            case "ES" -> spanish(value);
            case "PT" -> of(TaxIdType.PT_NIF, value);
            case "IT" -> of(value.length() == 16 ? TaxIdType.IT_CF : TaxIdType.IT_PIVA, value);
            case "PL" -> of(value.length() == 10 ? TaxIdType.PL_NIP : TaxIdType.PL_PESEL, value);
            case "NL" -> of(TaxIdType.NL_BSN, value);
            case "DE" -> of(TaxIdType.DE_STEUER_ID, value);
            default -> new TaxId(TaxIdType.EU_VAT, value, TaxIdStatus.UNSUPPORTED);
        };
    }

    /** Reads and validates an id of a known type. */
    public static TaxId of(TaxIdType type, String raw) {
        String value = compact(raw);
        if (value.isEmpty()) {
            return new TaxId(type, "", TaxIdStatus.EMPTY);
        }
        return switch (type) {
            case ES_NIF -> esNif(padDni(value));
            case ES_NIE -> esNie(value);
            case ES_CIF -> esCif(value);
            case PT_NIF -> digitsCheck(type, value, 9, TaxIds::ptNifValid);
            case IT_CF -> italianCf(value);
            case IT_PIVA -> digitsCheck(type, value, 11, TaxIds::luhnValid);
            case PL_PESEL -> digitsCheck(type, value, 11, TaxIds::peselValid);
            case PL_NIP -> digitsCheck(type, value, 10, TaxIds::nipValid);
            case NL_BSN -> digitsCheck(type, value.length() == 8 ? "0" + value : value, 9, TaxIds::elevenProof);
            case DE_STEUER_ID -> digitsCheck(type, value, 11, TaxIds::steuerIdValid);
            case EU_VAT -> vat(value);
        };
    }

    /** Reads an EU VAT number: a member-state prefix ({@code EL} for Greece) and the national part. */
    public static TaxId vat(String raw) {
        String value = compact(raw);
        if (value.isEmpty()) {
            return new TaxId(TaxIdType.EU_VAT, "", TaxIdStatus.EMPTY);
        }
        if (value.length() < 4 || !Character.isLetter(value.charAt(0)) || !Character.isLetter(value.charAt(1))) {
            return new TaxId(TaxIdType.EU_VAT, value, TaxIdStatus.BAD_FORMAT);
        }
        String prefix = value.substring(0, 2);
        String national = value.substring(2);
        TaxIdStatus status = switch (prefix) {
            case "ES" -> spanish(national).status();
            case "PT" -> of(TaxIdType.PT_NIF, national).status();
            case "IT" -> of(TaxIdType.IT_PIVA, national).status();
            case "PL" -> of(TaxIdType.PL_NIP, national).status();
            case "DE" -> digitsStatus(national, 9, TaxIds::germanVatValid);
            case "NL" -> dutchVat(national);
            case "FR" -> frenchVat(national);
            case "BE" -> digitsStatus(national.length() == 9 ? "0" + national : national, 10, TaxIds::belgianValid);
            default -> {
                Pattern format = VAT_FORMAT_ONLY.get(prefix);
                if (format == null) {
                    yield TaxIdStatus.UNSUPPORTED;
                }
                yield format.matcher(national).matches() ? TaxIdStatus.VALID_FORMAT_ONLY : TaxIdStatus.BAD_FORMAT;
            }
        };
        if (prefix.equals("BE") && national.length() == 9) {
            national = "0" + national;
        }
        return new TaxId(TaxIdType.EU_VAT, prefix + national, status);
    }

    /**
     * The national id an EU VAT number is made of, where the country uses one id for both ({@code ESB12345674} is
     * the CIF {@code B12345674}; PT VAT is the NIF, IT the partita IVA, PL the NIP); any other id unchanged. A
     * cannot-link rule compares ids in this form, so that one company's VAT number and CIF never look like two
     * different ids.
     */
    public static TaxId national(TaxId id) {
        if (id.type() != TaxIdType.EU_VAT || id.value().length() < 3) {
            return id;
        }
        String national = id.value().substring(2);
        return switch (id.value().substring(0, 2)) {
            case "ES" -> spanish(national);
            case "PT" -> of(TaxIdType.PT_NIF, national);
            case "IT" -> of(TaxIdType.IT_PIVA, national);
            case "PL" -> of(TaxIdType.PL_NIP, national);
            default -> id;
        };
    }

    /** The date of birth a PESEL encodes (the month carries the century), when the PESEL is valid. */
    public static Optional<LocalDate> peselBirthDate(String raw) {
        String pesel = compact(raw);
        if (!isDigits(pesel, 11) || !peselValid(pesel)) {
            return Optional.empty();
        }
        return peselDate(pesel);
    }

    /** The sex a PESEL encodes: {@code 'M'} or {@code 'F'} (tenth digit odd or even), when the PESEL is valid. */
    public static Optional<Character> peselSex(String raw) {
        String pesel = compact(raw);
        if (!isDigits(pesel, 11) || !peselValid(pesel)) {
            return Optional.empty();
        }
        return Optional.of((pesel.charAt(9) - '0') % 2 == 1 ? 'M' : 'F');
    }

    /** Upper case without blanks, dots, hyphens, slashes or underscores. */
    static String compact(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-/_]", "");
    }

    private static TaxIdType defaultType(String region) {
        return switch (region) {
            case "ES" -> TaxIdType.ES_NIF;
            case "PT" -> TaxIdType.PT_NIF;
            case "IT" -> TaxIdType.IT_CF;
            case "PL" -> TaxIdType.PL_PESEL;
            case "NL" -> TaxIdType.NL_BSN;
            case "DE" -> TaxIdType.DE_STEUER_ID;
            default -> TaxIdType.EU_VAT;
        };
    }

    private static boolean looksLikeVat(String value) {
        if (value.length() < 4 || !Character.isLetter(value.charAt(0)) || !Character.isLetter(value.charAt(1))) {
            return false;
        }
        String prefix = value.substring(0, 2);
        // A codice fiscale may start with a member-state code (ESP…, ITA…); Spanish CIF and NIE start with one letter.
        return (VAT_CHECKED.contains(prefix) || VAT_FORMAT_ONLY.containsKey(prefix))
                && !CODICE_FISCALE.matcher(value).matches();
    }

    private static TaxId spanish(String value) {
        char first = value.charAt(0);
        if (first == 'X' || first == 'Y' || first == 'Z') {
            return esNie(value);
        }
        if (Character.isDigit(first) || first == 'K' || first == 'L' || first == 'M') {
            return esNif(padDni(value));
        }
        return esCif(value);
    }

    /** Sources that store the DNI as a number drop its leading zeros: {@code 1234567L} is {@code 01234567L}. */
    private static String padDni(String value) {
        if (value.length() >= 2 && value.length() < 9 && isDigits(value.substring(0, value.length() - 1),
                value.length() - 1) && Character.isLetter(value.charAt(value.length() - 1))) {
            return "0".repeat(9 - value.length()) + value;
        }
        return value;
    }

    private static TaxId esNif(String value) {
        if (DNI.matcher(value).matches()) {
            if (ES_PLACEHOLDERS.contains(value)) {
                return new TaxId(TaxIdType.ES_NIF, value, TaxIdStatus.PLACEHOLDER);
            }
            char expected = DNI_LETTERS.charAt(Integer.parseInt(value.substring(0, 8)) % 23);
            return new TaxId(TaxIdType.ES_NIF, value, status(value.charAt(8) == expected));
        }
        if (NIF_KLM.matcher(value).matches()) {
            char expected = DNI_LETTERS.charAt(Integer.parseInt(value.substring(1, 8)) % 23);
            return new TaxId(TaxIdType.ES_NIF, value, status(value.charAt(8) == expected));
        }
        return new TaxId(TaxIdType.ES_NIF, value, TaxIdStatus.BAD_FORMAT);
    }

    private static TaxId esNie(String value) {
        if (!NIE.matcher(value).matches()) {
            return new TaxId(TaxIdType.ES_NIE, value, TaxIdStatus.BAD_FORMAT);
        }
        int number = Integer.parseInt("XYZ".indexOf(value.charAt(0)) + value.substring(1, 8));
        return new TaxId(TaxIdType.ES_NIE, value, status(value.charAt(8) == DNI_LETTERS.charAt(number % 23)));
    }

    private static TaxId esCif(String value) {
        if (!CIF.matcher(value).matches()) {
            return new TaxId(TaxIdType.ES_CIF, value, TaxIdStatus.BAD_FORMAT);
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int digit = value.charAt(i + 1) - '0';
            sum += i % 2 == 0 ? digitSum(digit * 2) : digit;
        }
        int control = (10 - sum % 10) % 10;
        char given = value.charAt(8);
        char kind = value.charAt(0);
        boolean letterOnly = "NPQRSW".indexOf(kind) >= 0;
        boolean digitOnly = "ABEH".indexOf(kind) >= 0;
        boolean byDigit = given == (char) ('0' + control);
        boolean byLetter = given == CIF_LETTERS.charAt(control);
        boolean valid = letterOnly ? byLetter : digitOnly ? byDigit : byDigit || byLetter;
        return new TaxId(TaxIdType.ES_CIF, value, status(valid));
    }

    private static TaxId italianCf(String value) {
        if (!CODICE_FISCALE.matcher(value).matches()) {
            return new TaxId(TaxIdType.IT_CF, value, TaxIdStatus.BAD_FORMAT);
        }
        return new TaxId(TaxIdType.IT_CF, value, status(value.charAt(15) == codiceFiscaleCheck(value)));
    }

    /** The check letter of the first 15 characters of a codice fiscale. */
    static char codiceFiscaleCheck(String value) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = value.charAt(i);
            int index = Character.isDigit(c) ? c - '0' : c - 'A';
            // Positions are counted from 1, so the even index is an odd position.
            sum += i % 2 == 0 ? CF_ODD[index] : index;
        }
        return (char) ('A' + sum % 26);
    }

    private static TaxIdStatus dutchVat(String national) {
        // Since 2020 the btw-id is 9 digits, B, 2 digits, checked mod 97 with the prefix; older ones pass the 11-proof.
        if (!national.matches("\\d{9}B\\d{2}")) {
            return TaxIdStatus.BAD_FORMAT;
        }
        String digits = national.substring(0, 9);
        if (elevenProofVat(digits)) {
            return TaxIdStatus.VALID;
        }
        String numeric = "2321" + digits + "11" + national.substring(10);
        return status(new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue() == 1);
    }

    private static TaxIdStatus frenchVat(String national) {
        if (!national.matches("[0-9A-HJ-NP-Z]{2}\\d{9}")) {
            return TaxIdStatus.BAD_FORMAT;
        }
        String siren = national.substring(2);
        String key = national.substring(0, 2);
        if (!key.chars().allMatch(Character::isDigit)) {
            // Alphanumeric keys use a different, rarely needed algorithm; the SIREN still has its Luhn check.
            return luhnValid(siren) ? TaxIdStatus.VALID_FORMAT_ONLY : TaxIdStatus.BAD_CHECK_DIGIT;
        }
        long expected = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
        return status(Long.parseLong(key) == expected);
    }

    private static TaxId digitsCheck(TaxIdType type, String value, int length, Predicate<String> check) {
        return new TaxId(type, value, digitsStatus(value, length, check));
    }

    private static TaxIdStatus digitsStatus(String value, int length, Predicate<String> check) {
        if (!isDigits(value, length)) {
            return TaxIdStatus.BAD_FORMAT;
        }
        if (value.chars().distinct().count() == 1) {
            return TaxIdStatus.PLACEHOLDER;
        }
        return status(check.test(value));
    }

    static boolean ptNifValid(String nif) {
        if ("0".equals(nif.substring(0, 1)) || nif.startsWith("4") && !nif.startsWith("45")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (nif.charAt(i) - '0') * (9 - i);
        }
        int check = 11 - sum % 11;
        return (check >= 10 ? 0 : check) == nif.charAt(8) - '0';
    }

    /** Luhn over all digits, the last being the check: Italian partita IVA, French SIREN. */
    static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? digitSum(digit * 2) : digit;
        }
        return sum % 10 == 0;
    }

    static boolean peselValid(String pesel) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (pesel.charAt(i) - '0') * PESEL_WEIGHTS[i];
        }
        return (10 - sum % 10) % 10 == pesel.charAt(10) - '0' && peselDate(pesel).isPresent();
    }

    private static Optional<LocalDate> peselDate(String pesel) {
        int year = Integer.parseInt(pesel.substring(0, 2));
        int month = Integer.parseInt(pesel.substring(2, 4));
        int day = Integer.parseInt(pesel.substring(4, 6));
        int century = switch (month / 20) {
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> 1800;
        };
        try {
            return Optional.of(LocalDate.of(century + year, month % 20, day));
        } catch (DateTimeException impossible) {
            return Optional.empty();
        }
    }

    static boolean nipValid(String nip) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nip.charAt(i) - '0') * NIP_WEIGHTS[i];
        }
        return sum % 11 != 10 && sum % 11 == nip.charAt(9) - '0';
    }

    /** The Dutch 11-proof of a BSN: weights 9 … 2 and -1. */
    static boolean elevenProof(String bsn) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (bsn.charAt(i) - '0') * (9 - i);
        }
        sum -= bsn.charAt(8) - '0';
        return sum % 11 == 0;
    }

    /** The 11-proof of an older Dutch VAT number: weights 9 … 2 and the check digit itself, not minus it. */
    private static boolean elevenProofVat(String digits) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * (9 - i);
        }
        return sum % 11 == digits.charAt(8) - '0';
    }

    /** ISO 7064 MOD 11,10 over all digits but the last, which is the check digit. */
    static boolean mod1110Valid(String digits) {
        int product = 10;
        for (int i = 0; i < digits.length() - 1; i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = sum * 2 % 11;
        }
        int check = 11 - product;
        return (check == 10 ? 0 : check) == digits.charAt(digits.length() - 1) - '0';
    }

    private static boolean steuerIdValid(String id) {
        if (id.charAt(0) == '0') {
            return false;
        }
        // In the first ten digits one digit appears two or three times, all others at most once.
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[id.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int count : counts) {
            if (count > 3) {
                return false;
            }
            if (count >= 2) {
                repeated++;
            }
        }
        return repeated == 1 && mod1110Valid(id);
    }

    private static boolean germanVatValid(String digits) {
        return digits.charAt(0) != '0' && mod1110Valid(digits);
    }

    private static boolean belgianValid(String digits) {
        if (digits.charAt(0) != '0' && digits.charAt(0) != '1') {
            return false;
        }
        long body = Long.parseLong(digits.substring(0, 8));
        return 97 - body % 97 == Long.parseLong(digits.substring(8));
    }

    private static boolean isDigits(String value, int length) {
        return value.length() == length && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int digitSum(int value) {
        return value / 10 + value % 10;
    }

    private static TaxIdStatus status(boolean valid) {
        return valid ? TaxIdStatus.VALID : TaxIdStatus.BAD_CHECK_DIGIT;
    }
}
