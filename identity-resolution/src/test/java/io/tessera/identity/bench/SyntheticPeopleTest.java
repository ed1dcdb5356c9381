package io.tessera.identity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.bench.SyntheticPeople.Labelled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticPeopleTest {

    private static final int COUNT = 50_000;
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Map<String, String> REGION_BY_COUNTRY = Map.ofEntries(
            Map.entry("ES", "ES"), Map.entry("España", "ES"), Map.entry("Spain", "ES"),
            Map.entry("PT", "PT"), Map.entry("Portugal", "PT"), Map.entry("FR", "FR"), Map.entry("France", "FR"),
            Map.entry("IT", "IT"), Map.entry("Italia", "IT"), Map.entry("Italy", "IT"),
            Map.entry("DE", "DE"), Map.entry("Deutschland", "DE"), Map.entry("Germany", "DE"),
            Map.entry("NL", "NL"), Map.entry("Nederland", "NL"), Map.entry("Netherlands", "NL"),
            Map.entry("PL", "PL"), Map.entry("Polska", "PL"), Map.entry("Poland", "PL"),
            Map.entry("GB", "GB"), Map.entry("United Kingdom", "GB"));

    private static List<Labelled> records;

    @BeforeAll
    static void generate() {
        records = SyntheticPeople.stream(7, COUNT).toList();
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        assertThat(SyntheticPeople.stream(7, COUNT).toList()).isEqualTo(records);
        assertThat(SyntheticPeople.stream(8, COUNT).limit(100).map(Labelled::record).toList())
                .isNotEqualTo(records.subList(0, 100).stream().map(Labelled::record).toList());
    }

    @Test
    void givesExactlyTheRecordsAskedForEachWithItsOwnSerialInItsKey() {
        assertThat(records).hasSize(COUNT);
        assertThat(records).allSatisfy(r -> assertThat(SyntheticPeople.serial(r.record().key())).isEqualTo(r.serial()));
        assertThat(records.stream().map(Labelled::serial).collect(Collectors.toSet()))
                .hasSize(COUNT)
                .allSatisfy(serial -> assertThat(serial).isBetween(0, COUNT - 1));
        assertThat(records.stream().map(r -> r.record().key()).distinct().count()).isEqualTo(COUNT);
        assertThat(records.stream().map(r -> r.record().key().source()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("crm", "erp", "shop");
    }

    @Test
    void aboutThirtyPercentOfPeopleHaveTwoToFourRecordsThatArriveWithinABoundedWindow() {
        Map<Integer, List<Integer>> positions = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            positions.computeIfAbsent(records.get(i).person(), p -> new ArrayList<>()).add(i);
        }
        long several = positions.values().stream().filter(p -> p.size() > 1).count();
        assertThat((double) several / positions.size()).isBetween(0.25, 0.35);
        assertThat(positions.values()).allSatisfy(p -> assertThat(p.size()).isBetween(1, 4));
        // The generator holds only the records waiting for their turn: a person's records arrive close together.
        int window = 2 * Math.min(SyntheticPeople.MAX_DELAY, COUNT / 5);
        assertThat(positions.values())
                .allSatisfy(p -> assertThat(p.getLast() - p.getFirst()).isLessThanOrEqualTo(window));
    }

    @Test
    void theRecordsOfOnePersonAgreeOnWhatNoiseDoesNotChange() {
        Map<Integer, Set<String>> birthYears = new HashMap<>();
        Map<String, Set<Integer>> holdersOfTaxIds = new HashMap<>();
        for (Labelled r : records) {
            Attributes a = r.record().attributes();
            if (a.dateOfBirth() != null) {
                String dob = a.dateOfBirth();
                String year = dob.contains("/") ? dob.substring(6) : dob.substring(0, 4);
                birthYears.computeIfAbsent(r.person(), p -> new HashSet<>()).add(year);
            }
            if (a.taxId() != null) {
                String taxId = a.taxId().replace("-", "").toUpperCase(Locale.ROOT);
                holdersOfTaxIds.computeIfAbsent(taxId, t -> new HashSet<>()).add(r.person());
            }
        }
        assertThat(birthYears.values()).allSatisfy(years -> assertThat(years).hasSize(1));
        assertThat(holdersOfTaxIds).isNotEmpty();
        assertThat(holdersOfTaxIds.values()).allSatisfy(people -> assertThat(people).hasSize(1));
    }

    @Test
    void namesCarryNicknamesDroppedAccentsSwapsAndUpperCase() {
        Set<String> givenNames = records.stream().map(r -> givenName(r.record())).collect(Collectors.toSet());
        assertThat(givenNames).contains("Paco", "Pepe", "Bob", "Grete", "José", "Jose", "JOSE");
        assertThat(records).anySatisfy(r -> assertThat(r.record().attributes().fullName()).contains(", "));
        assertThat(records).anySatisfy(r -> assertThat(r.record().attributes().givenName()).isEqualTo("J."));
        // Common names are common: "María García" is a person in about every hundred.
        long mariaGarcia = records.stream()
                .filter(r -> SyntheticPeople.stripAccents(name(r.record())).toLowerCase(Locale.ROOT)
                        .contains("maria garcia"))
                .count();
        assertThat(mariaGarcia).isGreaterThan(COUNT / 300);
    }

    @Test
    void emailsVaryByProviderRulesCaseAndSourceAndHouseholdsShareSome() {
        List<String> emails = records.stream().flatMap(r -> r.record().attributes().emails().stream()).toList();
        assertThat(emails).anyMatch(e -> e.contains("+shop@"))
                .anyMatch(e -> e.endsWith("@googlemail.com"))
                .anyMatch(e -> e.equals(e.toUpperCase(Locale.ROOT)));
        assertThat(records).anyMatch(r -> r.record().attributes().emails().isEmpty());
        Map<String, Set<Integer>> holders = new HashMap<>();
        for (Labelled r : records) {
            for (String email : r.record().attributes().emails()) {
                holders.computeIfAbsent(email.toLowerCase(Locale.ROOT), e -> new HashSet<>()).add(r.person());
            }
        }
        long shared = holders.values().stream().filter(people -> people.size() > 1).count();
        assertThat(shared).isPositive();
        // Shared only within households: a small share of all addresses.
        assertThat((double) shared / holders.size()).isLessThan(0.05);
    }

    @Test
    void phonesAreValidNumbersOfTheirCountryWrittenInSeveralFormats() {
        int checked = 0;
        int valid = 0;
        Set<String> shapes = new HashSet<>();
        for (Labelled r : records) {
            String country = r.record().attributes().address().country();
            String region = country == null ? null : REGION_BY_COUNTRY.get(country);
            for (String phone : r.record().attributes().phones()) {
                shapes.add(phone.startsWith("+") ? "+" : phone.startsWith("00") ? "00" : "national");
                if (phone.contains(" ")) {
                    shapes.add("spaced");
                }
                if (region == null && !phone.startsWith("+")) {
                    continue;
                }
                checked++;
                if (isValid(phone, region == null ? "ZZ" : region)) {
                    valid++;
                }
            }
        }
        assertThat(shapes).contains("+", "00", "national", "spaced");
        assertThat(checked).isGreaterThan(COUNT / 2);
        assertThat((double) valid / checked).isGreaterThan(0.99);
        assertThat(records).anyMatch(r -> r.record().attributes().phones().isEmpty());
        assertThat(records).anyMatch(r -> r.record().attributes().address().isEmpty());
    }

    @Test
    void taxIdsHaveValidCheckCharacters() {
        List<String> taxIds = records.stream().map(r -> r.record().attributes().taxId()).filter(t -> t != null)
                .map(t -> t.replace("-", "").toUpperCase(Locale.ROOT)).toList();
        assertThat(taxIds).isNotEmpty().allSatisfy(t -> assertThat(validSpanishOrPortuguese(t)).as(t).isTrue());
    }

    private static boolean isValid(String phone, String region) {
        try {
            String international = phone.startsWith("00") ? "+" + phone.substring(2) : phone;
            return PHONES.isValidNumber(PHONES.parse(international, region));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean validSpanishOrPortuguese(String taxId) {
        if (taxId.matches("\\d{8}[A-Z]")) {
            return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(taxId.substring(0, 8)) % 23) == taxId.charAt(8);
        }
        if (taxId.matches("[12]\\d{8}")) {
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (taxId.charAt(i) - '0') * (9 - i);
            }
            int check = 11 - sum % 11;
            return (check >= 10 ? 0 : check) == taxId.charAt(8) - '0';
        }
        return false;
    }

    private static String givenName(SourceRecord record) {
        Attributes a = record.attributes();
        if (a.givenName() != null) {
            return a.givenName();
        }
        String full = a.fullName() == null ? "" : a.fullName();
        return full.contains(", ") ? full.substring(full.indexOf(", ") + 2) : full.split(" ")[0];
    }

    private static String name(SourceRecord record) {
        return record.attributes().displayName() == null ? "" : record.attributes().displayName();
    }
}
