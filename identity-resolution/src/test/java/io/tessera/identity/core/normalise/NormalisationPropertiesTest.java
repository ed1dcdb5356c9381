package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.Dates;

/**
 * Properties of the name, email, address, date and tax-id normalisers: normalising twice changes nothing, spelling
 * variants (case, accents, blanks, abbreviations) meet, and a valid generated tax id stops validating when any one
 * digit changes.
 */
class NormalisationPropertiesTest {

    private final NameNormaliser names = new NameNormaliser();
    private final EmailNormaliser emails = new EmailNormaliser();
    private final AddressNormaliser addresses = new AddressNormaliser();

    // ---- names

    @Property
    void nameFoldingIsIdempotent(@ForAll("names") String name) {
        String once = names.fold(name);
        assertThat(names.fold(once)).isEqualTo(once);
        assertThat(once).matches("[a-z0-9 ]*");
    }

    @Property
    void caseAccentsAndBlanksDoNotChangeAName(@ForAll("names") String given, @ForAll("names") String family) {
        PersonName plain = names.normalise(given, family);
        PersonName shouted = names.normalise("  " + given.toUpperCase(Locale.ROOT) + " ",
                "\t" + family.toUpperCase(Locale.ROOT) + "  ");
        assertThat(shouted.given()).isEqualTo(plain.given());
        assertThat(shouted.family()).isEqualTo(plain.family());
        if (!plain.given().isEmpty() && !plain.family().isEmpty()) {
            assertThat(names.compare(plain, shouted)).isEqualTo(NameMatch.EXACT);
            assertThat(names.compare(plain, names.normalise(names.fold(given), names.fold(family))))
                    .isEqualTo(NameMatch.EXACT);
        }
    }

    @Property
    void nameComparisonIsSymmetric(
            @ForAll("names") String givenA, @ForAll("names") String familyA,
            @ForAll("names") String givenB, @ForAll("names") String familyB) {
        PersonName a = names.normalise(givenA, familyA);
        PersonName b = names.normalise(givenB, familyB);
        assertThat(names.compare(a, b)).isEqualTo(names.compare(b, a));
    }

    @Property
    void aCanonicalGivenNameIsAmongItsOwnCanonicalNames(@ForAll("names") String given) {
        for (String canonical : names.canonicalGivenNames(given)) {
            assertThat(names.canonicalGivenNames(canonical)).contains(canonical);
        }
    }

    // ---- emails

    @Property
    void canonicalMailboxIsIdempotent(@ForAll("providerEmails") String raw) {
        emails.forms(raw).ifPresent(forms -> {
            assertThat(EmailProviders.canonicalMailbox(forms.canonicalMailbox())).isEqualTo(forms.canonicalMailbox());
            assertThat(emails.normaliseCanonical(forms.canonicalMailbox()).usable().map(Identifier::value))
                    .hasValue(forms.canonicalMailbox());
        });
    }

    @Property
    void gmailDotsAndTagsDoNotChangeTheMailbox(
            @ForAll("mailboxes") String mailbox, @ForAll("tags") String tag, @ForAll @IntRange(max = 5) int dotAt) {
        int at = Math.min(dotAt, mailbox.length() - 1);
        String dotted = mailbox.substring(0, at) + (at > 0 ? "." : "") + mailbox.substring(at);
        assertThat(emails.normaliseCanonical(dotted.toUpperCase(Locale.ROOT) + "+" + tag + "@googlemail.com"))
                .isEqualTo(emails.normaliseCanonical(mailbox + "@gmail.com"));
    }

    // ---- addresses

    @Property
    void abbreviationVariantsGiveOneCanonicalStreet(
            @ForAll("streetVariants") List<String> variants, @ForAll("streetNames") String name,
            @ForAll @IntRange(min = 1, max = 999) int number) {
        String country = variants.getFirst();
        Address expected = addresses.normalise(variants.get(1) + " " + name + " " + number, null, null, country);
        assertThat(expected.houseNumber()).isEqualTo(Integer.toString(number));
        for (String variant : variants.subList(1, variants.size())) {
            Address actual = addresses.normalise(variant + " " + name.toUpperCase(Locale.ROOT) + ", " + number,
                    null, null, country);
            assertThat(actual.streetType()).isEqualTo(expected.streetType()).isNotEmpty();
            assertThat(actual.streetName()).isEqualTo(expected.streetName());
            assertThat(actual.houseNumber()).isEqualTo(expected.houseNumber());
        }
    }

    @Property
    void germanStreetSuffixVariantsAgree(@ForAll("germanStems") String stem, @ForAll @IntRange(min = 1, max = 300) int number) {
        Address full = addresses.normalise(stem + "straße " + number, null, null, "DE");
        for (String variant : List.of(stem + "str. " + number, stem + "strasse " + number, stem + " Straße " + number,
                stem.toUpperCase(Locale.ROOT) + "STR " + number)) {
            Address other = addresses.normalise(variant, null, null, "DE");
            assertThat(other.streetName()).isEqualTo(full.streetName());
            assertThat(other.streetType()).isEqualTo("strasse");
        }
    }

    @Property
    void postcodeNormalisationIsIdempotent(@ForAll("postcodes") List<String> countryAndCode) {
        String country = countryAndCode.get(0);
        Postcodes.normalise(countryAndCode.get(1), country).ifPresent(code ->
                assertThat(Postcodes.normalise(code, country)).hasValue(code));
    }

    // ---- dates

    @Property
    void everyWrittenFormOfADateReadsBack(@ForAll("birthDates") LocalDate date) {
        DateNormaliser dates = new DateNormaliser(DateNormaliser.Order.DAY_FIRST, 2026);
        for (String pattern : List.of("yyyy-MM-dd", "yyyyMMdd", "dd/MM/yyyy", "dd.MM.yyyy", "d-M-yyyy")) {
            String written = date.format(DateTimeFormatter.ofPattern(pattern));
            assertThat(dates.normalise(written).date()).as(written).hasValue(date);
        }
    }

    @Property
    void transposingTwiceGivesTheSameDate(@ForAll("birthDates") LocalDate date) {
        if (date.getDayOfMonth() <= 12 && date.getDayOfMonth() != date.getMonthValue()) {
            LocalDate swapped = LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
            assertThat(DateNormaliser.transposedDayMonth(date, swapped)).isTrue();
            assertThat(DateNormaliser.transposedDayMonth(swapped, date)).isTrue();
        }
        assertThat(DateNormaliser.distance(date, date)).isZero();
    }

    // ---- tax ids

    @Property
    void aGeneratedSpanishDniValidatesAndAnyChangedDigitInvalidatesIt(
            @ForAll @IntRange(min = 1_000_000, max = 99_999_999) int number) {
        String dni = String.format("%08d", number) + "TRWAGMYFPDXBNJZSQVHLCKE".charAt(number % 23);
        TaxId id = TaxIds.of(TaxIdType.ES_NIF, dni);
        if (id.status() == TaxIdStatus.PLACEHOLDER) {
            return;
        }
        assertThat(id.status()).isEqualTo(TaxIdStatus.VALID);
        assertEveryDigitChangeInvalidates(TaxIdType.ES_NIF, dni, 8);
    }

    @Property
    void aGeneratedPortugueseNifValidatesAndAnyChangedDigitInvalidatesIt(
            @ForAll @IntRange(min = 10_000_000, max = 39_999_999) int body) {
        String first8 = Integer.toString(body);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (first8.charAt(i) - '0') * (9 - i);
        }
        int check = 11 - sum % 11;
        String nif = first8 + (check >= 10 ? 0 : check);
        assertThat(TaxIds.of(TaxIdType.PT_NIF, nif).status()).isEqualTo(TaxIdStatus.VALID);
        // The Portuguese rule writes both remainders 0 and 1 as check digit 0, so with a 0 a typo can pass: a
        // weakness of the national algorithm, not of ours.
        if (check < 10) {
            assertEveryDigitChangeInvalidates(TaxIdType.PT_NIF, nif, 9);
        }
    }

    @Property
    void aGeneratedPeselValidatesAndAnyChangedDigitInvalidatesIt(
            @ForAll("birthDates") LocalDate birth, @ForAll @IntRange(max = 9999) int serial) {
        int monthCode = birth.getMonthValue() + (birth.getYear() >= 2000 ? 20 : 0);
        String body = String.format("%02d%02d%02d%04d", birth.getYear() % 100, monthCode, birth.getDayOfMonth(),
                serial);
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        String pesel = body + (10 - sum % 10) % 10;
        TaxId id = TaxIds.of(TaxIdType.PL_PESEL, pesel);
        if (id.status() == TaxIdStatus.PLACEHOLDER) {
            return;
        }
        assertThat(id.status()).isEqualTo(TaxIdStatus.VALID);
        assertThat(TaxIds.peselBirthDate(pesel)).hasValue(birth);
        assertThat(TaxIds.peselSex(pesel)).hasValue(serial % 2 == 1 ? 'M' : 'F');
        assertEveryDigitChangeInvalidates(TaxIdType.PL_PESEL, pesel, 11);
    }

    @Property
    void aGeneratedBsnValidatesAndAnyChangedDigitInvalidatesIt(
            @ForAll @IntRange(min = 10_000_000, max = 99_999_999) int body) {
        String first8 = Integer.toString(body);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (first8.charAt(i) - '0') * (9 - i);
        }
        int check = sum % 11;
        if (check == 10) {
            return; // no BSN has this body
        }
        String bsn = first8 + check;
        assertThat(TaxIds.of(TaxIdType.NL_BSN, bsn).status()).isEqualTo(TaxIdStatus.VALID);
        assertEveryDigitChangeInvalidates(TaxIdType.NL_BSN, bsn, 9);
    }

    @Property
    void aGeneratedPartitaIvaValidatesAndAnyChangedDigitInvalidatesIt(
            @ForAll @IntRange(min = 0, max = 999_999_999) int body) {
        String first10 = String.format("%010d", body);
        for (int check = 0; check <= 9; check++) {
            String piva = first10 + check;
            if (TaxIds.luhnValid(piva)) {
                if (TaxIds.of(TaxIdType.IT_PIVA, piva).status() == TaxIdStatus.PLACEHOLDER) {
                    return;
                }
                assertThat(TaxIds.of(TaxIdType.IT_PIVA, piva).status()).isEqualTo(TaxIdStatus.VALID);
                assertEveryDigitChangeInvalidates(TaxIdType.IT_PIVA, piva, 11);
            }
        }
    }

    @Property
    void aGeneratedCodiceFiscaleValidatesAndAnyChangedCharacterInvalidatesIt(
            @ForAll("codiceFiscaleBodies") String body) {
        String cf = body + TaxIds.codiceFiscaleCheck(body);
        assertThat(TaxIds.of(TaxIdType.IT_CF, cf).status()).isEqualTo(TaxIdStatus.VALID);
        for (int position = 0; position < 15; position++) {
            char original = cf.charAt(position);
            char changed = Character.isDigit(original) ? (char) ('0' + (original - '0' + 1) % 10)
                    : (char) ('A' + (original - 'A' + 1) % 26);
            String typo = cf.substring(0, position) + changed + cf.substring(position + 1);
            assertThat(TaxIds.of(TaxIdType.IT_CF, typo).isValid()).as(typo).isFalse();
        }
    }

    private static void assertEveryDigitChangeInvalidates(TaxIdType type, String id, int positions) {
        for (int position = 0; position < positions; position++) {
            char original = id.charAt(position);
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == original) {
                    continue;
                }
                String typo = id.substring(0, position) + digit + id.substring(position + 1);
                assertThat(TaxIds.of(type, typo).isValid()).as("%s at %d", type, position).isFalse();
            }
        }
    }

    // ---- generators

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> known = Arbitraries.of("José", "María", "Müller", "Łukasz", "Strauß", "Øyvind", "O'Brien",
                "García López", "van der Berg", "de la Fuente", "Jean-Pierre", "Paco", "Francisco", "Grete", "Kasia",
                "Zoë", "Ñúñez", "Le", "Dvořák", "Jürgen", "Dr. Hans", "Иван Щукин", "Γιώργος", "Ильич");
        Arbitrary<String> random = Arbitraries.strings()
                .withChars("abcdeéèüößłøçñ ÁÜ-'.")
                .ofMinLength(0).ofMaxLength(14);
        return Arbitraries.oneOf(known, random);
    }

    @Provide
    Arbitrary<String> providerEmails() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcXYZ.-+019").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> domain = Arbitraries.of("gmail.com", "GoogleMail.com", "hotmail.es", "outlook.com",
                "yahoo.de", "me.com", "icloud.com", "fastmail.com", "bob.fastmail.com", "correo.es", "proton.me");
        return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    }

    @Provide
    Arbitrary<String> mailboxes() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(6).ofMaxLength(12)
                .filter(m -> !m.startsWith("info"));
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.strings().withChars("abc123.-+").ofMinLength(0).ofMaxLength(6);
    }

    @Provide
    Arbitrary<List<String>> streetVariants() {
        return Arbitraries.of(
                List.of("ES", "Calle", "C/", "Cl.", "C.", "CALLE"),
                List.of("ES", "Avenida", "Avda.", "Av.", "avda"),
                List.of("ES", "Paseo", "Pº", "P.º"),
                List.of("ES", "Plaza", "Pl.", "Pza."),
                List.of("ES", "Carretera", "Ctra."),
                List.of("PT", "Rua", "R."),
                List.of("PT", "Travessa", "Tv."),
                List.of("PT", "Avenida", "Av."),
                List.of("FR", "Boulevard", "Bd", "Bd."),
                List.of("FR", "Avenue", "Av."),
                List.of("FR", "Rue", "R."),
                List.of("IT", "Via", "V."),
                List.of("IT", "Corso", "C.so"),
                List.of("IT", "Piazza", "P.zza", "P.za"),
                List.of("IT", "Viale", "V.le"),
                List.of("DE", "Straße", "Strasse", "Str."),
                List.of("DE", "Platz", "Pl."),
                List.of("NL", "Straat", "Str."),
                List.of("NL", "Laan", "Ln"),
                List.of("PL", "ulica", "ul.", "UL"),
                List.of("PL", "aleja", "al."),
                List.of("PL", "plac", "pl."),
                List.of("GB", "Street", "St", "St."),
                List.of("GB", "Road", "Rd"),
                List.of("GB", "Lane", "Ln"),
                List.of("GB", "Drive", "Dr"),
                List.of("GB", "Place", "Pl"),
                List.of("US", "Avenue", "Ave"));
    }

    @Provide
    Arbitrary<String> streetNames() {
        return Arbitraries.of("Mayor", "Alcalá", "Augusta", "Victor Hugo", "Roma", "Müller", "Kerk", "Piłsudskiego",
                "Gran Vía", "Liberdade", "Saint Michel", "Garibaldi", "Lindenbaum", "Marszałkowska");
    }

    @Provide
    Arbitrary<String> germanStems() {
        return Arbitraries.of("Haupt", "Goethe", "Bahnhof", "Kaiser", "Münchner", "Schiller", "Linden");
    }

    @Provide
    Arbitrary<List<String>> postcodes() {
        Arbitrary<String> country = Arbitraries.of("ES", "PT", "DE", "FR", "IT", "NL", "PL", "GB", "BE", "AT", "IE");
        Arbitrary<String> code = Arbitraries.strings().withChars("0123456789ABDWXN -").ofMinLength(3).ofMaxLength(9);
        return Combinators.combine(country, code).as(List::of);
    }

    @Provide
    Arbitrary<LocalDate> birthDates() {
        return Dates.dates().between(LocalDate.of(1902, 1, 1), LocalDate.of(2025, 12, 31));
    }

    @Provide
    Arbitrary<String> codiceFiscaleBodies() {
        Arbitrary<String> letters = Arbitraries.strings().withCharRange('A', 'Z').ofLength(6);
        Arbitrary<Integer> year = Arbitraries.integers().between(0, 99);
        Arbitrary<Character> month = Arbitraries.of('A', 'B', 'C', 'D', 'E', 'H', 'L', 'M', 'P', 'R', 'S', 'T');
        Arbitrary<Integer> day = Arbitraries.integers().between(1, 71);
        Arbitrary<String> place = Combinators.combine(Arbitraries.chars().range('A', 'Z'),
                Arbitraries.integers().between(0, 999)).as((c, n) -> c + String.format("%03d", n));
        return Combinators.combine(letters, year, month, day, place)
                .as((l, y, m, d, p) -> l + String.format("%02d", y) + m + String.format("%02d", d) + p);
    }
}
