package io.tessera.infra.demo;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;

/**
 * National tax ids in each country's format. Spanish NIF/CIF, Portuguese NIF, French VAT key, Italian codice fiscale
 * and partita IVA, German Steuer-ID and USt-IdNr, Dutch BSN/RSIN, Polish PESEL and NIP, British VAT, Belgian national
 * and enterprise numbers, Austrian UID and Irish PPSN carry their real check digits; the rest are format-plausible.
 */
final class TaxIds {

    static final String NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String IT_MONTHS = "ABCDEHLMPRST";
    private static final String IE_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV";
    private static final int[] IT_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
        10, 22, 25, 24, 23};
    private static final String[] GB_NINO_PREFIXES = {"AB", "AE", "CE", "HT", "JA", "JB", "JC", "JH", "KA", "NE",
        "NH", "PA", "PX", "SJ", "SK", "TA", "WK", "WP", "YZ", "ZA"};

    private TaxIds() {
    }

    /** A private person's tax id, in its canonical written form. */
    static String person(DemoCountry country, String given, String family, LocalDate birth, boolean female,
                         String birthplaceCode, Random random) {
        return switch (country) {
            case ES -> spanishNif(10_000_000 + random.nextInt(89_999_999));
            case PT -> portugueseNif("" + (1 + random.nextInt(2)) + digits(random, 7));
            case FR -> (random.nextInt(4)) + digits(random, 12);
            case IT -> codiceFiscale(family, given, birth, female, birthplaceCode, random);
            case DE -> germanSteuerId(random);
            case NL -> elevenProof(random);
            case PL -> pesel(birth, female, random);
            case GB -> GB_NINO_PREFIXES[random.nextInt(GB_NINO_PREFIXES.length)] + digits(random, 6)
                    + "ABCD".charAt(random.nextInt(4));
            case BE -> belgianNationalNumber(birth, female, random);
            case AT -> (10 + random.nextInt(89)) + "-" + digits(random, 3) + "/" + digits(random, 4);
            case IE -> irishNumber(random);
        };
    }

    /** A company's VAT id with its country prefix. */
    static String companyVat(DemoCountry country, Random random) {
        return switch (country) {
            case ES -> "ES" + spanishCif(random);
            case PT -> "PT" + portugueseNif("5" + digits(random, 7));
            case FR -> frenchVat(random);
            case IT -> "IT" + luhnComplete(digits(random, 7) + String.format("%03d", 1 + random.nextInt(100)));
            case DE -> "DE" + mod1110Complete((1 + random.nextInt(9)) + digits(random, 7));
            case NL -> "NL" + elevenProof(random) + "B0" + (1 + random.nextInt(3));
            case PL -> "PL" + nip(random);
            case GB -> "GB" + britishVat(random);
            case BE -> "BE" + belgianEnterprise(random);
            case AT -> "ATU" + austrianUid(random);
            case IE -> "IE" + irishNumber(random);
        };
    }

    static String spanishNif(int number) {
        return String.format("%08d", number) + NIF_LETTERS.charAt(number % 23);
    }

    static String spanishCif(Random random) {
        String body = digits(random, 7);
        int even = 0;
        int odd = 0;
        for (int i = 0; i < 7; i++) {
            int d = body.charAt(i) - '0';
            if (i % 2 == 0) {
                int doubled = d * 2;
                odd += doubled / 10 + doubled % 10;
            } else {
                even += d;
            }
        }
        int control = (10 - (even + odd) % 10) % 10;
        // A (S.A.) and B (S.L.) companies carry a numeric control digit.
        return (random.nextInt(4) == 0 ? "A" : "B") + body + control;
    }

    private static String portugueseNif(String eight) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (eight.charAt(i) - '0') * (9 - i);
        }
        int check = 11 - sum % 11;
        return eight + (check >= 10 ? 0 : check);
    }

    private static String frenchVat(Random random) {
        String siren = luhnComplete((1 + random.nextInt(9)) + digits(random, 7));
        long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
        return "FR" + String.format("%02d", key) + siren;
    }

    private static String codiceFiscale(String family, String given, LocalDate birth, boolean female,
                                        String birthplaceCode, Random random) {
        String surname = consonantsThenVowels(family, false);
        String name = consonantsThenVowels(given, true);
        int day = birth.getDayOfMonth() + (female ? 40 : 0);
        String place = birthplaceCode != null ? birthplaceCode
                : "" + (char) ('A' + random.nextInt(12)) + digits(random, 3);
        String body = surname + name + String.format("%02d", birth.getYear() % 100)
                + IT_MONTHS.charAt(birth.getMonthValue() - 1) + String.format("%02d", day) + place;
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            int index = Character.isDigit(c) ? c - '0' : c - 'A';
            // Positions are counted from 1, so index 0 is an "odd" position.
            sum += i % 2 == 0 ? IT_ODD[index] : index;
        }
        return body + (char) ('A' + sum % 26);
    }

    private static String consonantsThenVowels(String text, boolean givenName) {
        String letters = Noise.stripAccents(text).toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        StringBuilder consonants = new StringBuilder();
        StringBuilder vowels = new StringBuilder();
        for (char c : letters.toCharArray()) {
            ("AEIOU".indexOf(c) >= 0 ? vowels : consonants).append(c);
        }
        if (givenName && consonants.length() >= 4) {
            return "" + consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
        }
        return (consonants.toString() + vowels + "XXX").substring(0, 3);
    }

    private static String germanSteuerId(Random random) {
        return mod1110Complete((1 + random.nextInt(9)) + digits(random, 9));
    }

    /** ISO 7064 MOD 11,10 check digit, used by the German Steuer-ID and USt-IdNr. */
    private static String mod1110Complete(String body) {
        int product = 10;
        for (char c : body.toCharArray()) {
            int sum = (c - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        return body + (check == 10 ? 0 : check);
    }

    private static String elevenProof(Random random) {
        while (true) {
            String eight = (1 + random.nextInt(9)) + digits(random, 7);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (eight.charAt(i) - '0') * (9 - i);
            }
            int last = sum % 11;
            if (last < 10) {
                return eight + last;
            }
        }
    }

    private static String pesel(LocalDate birth, boolean female, Random random) {
        int month = birth.getMonthValue() + (birth.getYear() >= 2000 ? 20 : 0);
        int serial = random.nextInt(1000) * 10 + (female ? 2 * random.nextInt(5) : 2 * random.nextInt(5) + 1);
        String body = String.format("%02d%02d%02d%04d", birth.getYear() % 100, month, birth.getDayOfMonth(), serial);
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + (10 - sum % 10) % 10;
    }

    private static String nip(Random random) {
        int[] weights = {6, 5, 7, 2, 3, 4, 5, 6, 7};
        while (true) {
            String body = (1 + random.nextInt(9)) + digits(random, 8);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (body.charAt(i) - '0') * weights[i];
            }
            if (sum % 11 < 10) {
                return body + sum % 11;
            }
        }
    }

    private static String britishVat(Random random) {
        String body = (1 + random.nextInt(9)) + digits(random, 6);
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (body.charAt(i) - '0') * (8 - i);
        }
        return body + String.format("%02d", (97 - sum % 97) % 97);
    }

    private static String belgianNationalNumber(LocalDate birth, boolean female, Random random) {
        int serial = 1 + random.nextInt(498);
        serial = female ? serial - serial % 2 + 2 : serial | 1;
        String body = String.format("%02d%02d%02d%03d", birth.getYear() % 100, birth.getMonthValue(),
                birth.getDayOfMonth(), serial);
        long base = Long.parseLong((birth.getYear() >= 2000 ? "2" : "") + body);
        long check = 97 - base % 97;
        return body.substring(0, 2) + "." + body.substring(2, 4) + "." + body.substring(4, 6) + "-"
                + body.substring(6, 9) + "." + String.format("%02d", check);
    }

    private static String belgianEnterprise(Random random) {
        String base = "0" + (2 + random.nextInt(8)) + digits(random, 6);
        long check = 97 - Long.parseLong(base) % 97;
        return base + String.format("%02d", check);
    }

    private static String austrianUid(Random random) {
        String body = digits(random, 7);
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int d = body.charAt(i) - '0';
            if (i % 2 == 1) {
                int doubled = d * 2;
                d = doubled / 10 + doubled % 10;
            }
            sum += d;
        }
        return body + (10 - (sum + 4) % 10) % 10;
    }

    private static String irishNumber(Random random) {
        String body = digits(random, 7);
        boolean newFormat = random.nextInt(3) == 0;
        int sum = newFormat ? 9 : 0;
        for (int i = 0; i < 7; i++) {
            sum += (body.charAt(i) - '0') * (8 - i);
        }
        return body + IE_LETTERS.charAt(sum % 23) + (newFormat ? "A" : "");
    }

    /** Appends a Luhn check digit. */
    private static String luhnComplete(String body) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return body + (10 - sum % 10) % 10;
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /**
     * The id as a clerk might type it instead: without or with the country prefix, spaced, dashed or in lower case.
     */
    static String variant(String canonical, DemoCountry country, boolean company, Random random) {
        String code = country.code();
        int pick = random.nextInt(4);
        if (company) {
            String bare = canonical.startsWith(code) ? canonical.substring(code.length()) : canonical;
            return switch (pick) {
                case 0 -> bare;
                case 1 -> code + " " + bare;
                case 2 -> canonical.toLowerCase(Locale.ROOT);
                default -> code + "-" + bare;
            };
        }
        return switch (country) {
            case ES -> pick < 2 ? canonical.substring(0, 8) + "-" + canonical.charAt(8)
                    : pick == 2 ? "ES" + canonical : canonical.toLowerCase(Locale.ROOT);
            case GB -> canonical.substring(0, 2) + " " + canonical.substring(2, 4) + " " + canonical.substring(4, 6)
                    + " " + canonical.substring(6, 8) + " " + canonical.substring(8);
            case BE -> canonical.replaceAll("[^0-9]", "");
            case DE, FR, PT, NL, PL -> spaced(canonical, 3);
            default -> pick < 2 ? canonical.toLowerCase(Locale.ROOT) : code + canonical;
        };
    }

    private static String spaced(String text, int group) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (i > 0 && i % group == 0) {
                out.append(' ');
            }
            out.append(text.charAt(i));
        }
        return out.toString();
    }
}
