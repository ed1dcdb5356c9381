package io.tessera.infra.demo;

import io.tessera.infra.demo.DemoPerson.Presence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataGeneratorTest {

    private static DemoDataset demo;

    @BeforeAll
    static void generateDefaultDemo() {
        demo = new DemoDataGenerator().generate();
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedDoesNot() {
        DemoDataset again = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).generate();
        DemoDataset other = new DemoDataGenerator(7L).generate();

        assertThat(again.people()).isEqualTo(demo.people());
        assertThat(again.crmPartners()).isEqualTo(demo.crmPartners());
        assertThat(again.erpCustomers()).isEqualTo(demo.erpCustomers());
        assertThat(again.erpContacts()).isEqualTo(demo.erpContacts());
        assertThat(again.erpAddresses()).isEqualTo(demo.erpAddresses());
        assertThat(again.erpLinks()).isEqualTo(demo.erpLinks());
        assertThat(again.truth()).isEqualTo(demo.truth());
        assertThat(other.crmPartners()).isNotEqualTo(demo.crmPartners());
    }

    @Test
    void customersAreSplitAcrossTheSystemsAsPlanned() {
        assertThat(demo.people()).hasSize(DemoDataGenerator.DEFAULT_PEOPLE);
        Map<Presence, Long> split = demo.people().stream()
                .collect(Collectors.groupingBy(DemoPerson::presence, Collectors.counting()));
        assertThat(split.get(Presence.BOTH)).isBetween(1140L, 1260L);
        assertThat(split.get(Presence.CRM_ONLY)).isBetween(990L, 1110L);
        assertThat(split.get(Presence.ERP_ONLY)).isBetween(690L, 810L);

        Map<Integer, Set<SourceSystem>> systems = new HashMap<>();
        for (DemoRow row : demo.truth()) {
            systems.computeIfAbsent(row.personId(), id -> new HashSet<>()).add(row.system());
        }
        for (DemoPerson person : demo.people()) {
            Set<SourceSystem> expected = new HashSet<>();
            if (person.presence().inCrm()) {
                expected.add(SourceSystem.CRM);
            }
            if (person.presence().inErp()) {
                expected.add(SourceSystem.ERP);
            }
            assertThat(systems.get(person.id())).as("systems of person %d", person.id()).isEqualTo(expected);
        }
    }

    @Test
    void someCrmContactsBelongToACompanyPartnerOfTheirCountryAsOdooKeepsThem() {
        Map<Integer, CrmPartner> byId = new java.util.HashMap<>();
        demo.crmPartners().forEach(p -> byId.put(p.id(), p));
        List<CrmPartner> contacts = demo.crmPartners().stream().filter(p -> p.parentId() != null).toList();

        assertThat(contacts).hasSizeGreaterThan(50);
        assertThat(contacts).allSatisfy(contact -> {
            CrmPartner parent = byId.get(contact.parentId());
            assertThat(parent.company()).isTrue();
            assertThat(contact.company()).isFalse();
            assertThat(parent.id()).as("parents insert first").isLessThan(contact.id());
            assertThat(parent.countryId()).isEqualTo(contact.countryId());
            assertThat(contact.commercialCompanyName()).isEqualTo(parent.name());
            assertThat(contact.completeName()).isEqualTo(parent.name() + ", " + contact.name());
        });
    }

    @Test
    void someCrmPartnersOptedOutOfMarketingEmail() {
        long optedOut = demo.crmPartners().stream().filter(CrmPartner::optOut).count();

        assertThat(optedOut).as("about 8%% of %d partners", demo.crmPartners().size())
                .isBetween(demo.crmPartners().size() * 5L / 100, demo.crmPartners().size() * 11L / 100);
        assertThat(demo.crmPartners()).filteredOn(CrmPartner::optOut).anyMatch(CrmPartner::company)
                .anyMatch(p -> !p.company());
    }

    @Test
    void aboutOneInSevenCustomersIsACompanyWithAVatIdAndNoPersonalName() {
        List<DemoPerson> companies = demo.people().stream().filter(DemoPerson::company).toList();
        assertThat(companies.size()).isBetween(360, 540);
        assertThat(companies).allSatisfy(company -> {
            assertThat(company.givenName()).isNull();
            assertThat(company.familyName()).isNull();
            assertThat(company.companyName()).isNotBlank();
            assertThat(company.taxId()).startsWith(company.country().code());
        });
        Set<String> companyCustomers = rowsOf(DemoSchemas.TAB_CUSTOMER, p -> p.company());
        assertThat(demo.erpCustomers()).allSatisfy(customer -> {
            boolean company = companyCustomers.contains(customer.name());
            assertThat(customer.customerType()).isEqualTo(company ? "Company" : "Individual");
            assertThat(customer.customerGroup()).isEqualTo(company ? "Commercial" : "Individual");
            assertThat(customer.primaryContact() == null).isEqualTo(company);
        });
        assertThat(demo.crmPartners()).allSatisfy(partner -> assertThat(partner.company())
                .isEqualTo(person(SourceSystem.CRM, DemoSchemas.RES_PARTNER, String.valueOf(partner.id())).company()));
    }

    @Test
    void mostCustomersInBothSystemsShareAnEmailOrAPhoneButSomeShareNothing() {
        int both = 0;
        int linkable = 0;
        for (DemoPerson person : demo.people()) {
            if (person.presence() != Presence.BOTH) {
                continue;
            }
            both++;
            ContactKeys crm = keys(person, SourceSystem.CRM);
            ContactKeys erp = keys(person, SourceSystem.ERP);
            if (crm.sharesWith(erp)) {
                linkable++;
            }
        }
        double share = (double) linkable / both;
        assertThat(share).isBetween(0.80, 0.93);
    }

    @Test
    void copiesOfTheSamePersonDifferInSpellingWhileSharingAnEmail() {
        int pairs = 0;
        int spelledDifferently = 0;
        int accentsOnlyDifference = 0;
        for (DemoPerson person : demo.people()) {
            if (person.presence() != Presence.BOTH || person.company()) {
                continue;
            }
            CrmPartner crm = crmRows(person).get(0);
            ErpCustomer erp = erpCustomers(person).get(0);
            if (crm.email() == null || erp.emailId() == null
                    || !normaliseEmail(crm.email()).equals(normaliseEmail(erp.emailId()))) {
                continue;
            }
            pairs++;
            if (!crm.name().equals(erp.customerName())) {
                spelledDifferently++;
                if (Noise.stripAccents(crm.name()).equals(Noise.stripAccents(erp.customerName()))) {
                    accentsOnlyDifference++;
                }
            }
        }
        assertThat(pairs).isGreaterThan(500);
        assertThat((double) spelledDifferently / pairs).isBetween(0.15, 0.6);
        assertThat(accentsOnlyDifference).isGreaterThan(10);
    }

    @Test
    void phonesAreWrittenInManyNationalAndInternationalFormats() {
        List<String> phones = new ArrayList<>();
        demo.crmPartners().forEach(p -> {
            addIfPresent(phones, p.phone());
            addIfPresent(phones, p.mobile());
        });
        demo.erpContacts().forEach(c -> {
            addIfPresent(phones, c.phone());
            addIfPresent(phones, c.mobileNo());
        });
        assertThat(phones).anyMatch(p -> p.matches("\\+\\d{9,14}"));
        assertThat(phones).anyMatch(p -> p.matches("\\+34 \\d{3} \\d{3} \\d{3}"));
        assertThat(phones).anyMatch(p -> p.matches("0034\\d{9}"));
        assertThat(phones).anyMatch(p -> p.matches("[67]\\d{2} \\d{2} \\d{2} \\d{2}"));
        assertThat(phones).anyMatch(p -> p.matches("0[67](\\.\\d{2}){4}"));
        assertThat(phones).anyMatch(p -> p.matches("\\+49 \\(0\\)1\\d{2} \\d{7,8}"));
        assertThat(demo.people()).allSatisfy(person -> {
            if (person.mobile() != null) {
                assertThat(person.mobile()).matches("\\+" + person.country().callingCode() + "\\d{8,11}");
            }
        });
    }

    @Test
    void someCustomersAreTwiceInTheCrmAndSomeMailboxesAreShared() {
        Map<Integer, Long> crmRowsPerPerson = demo.truth().stream()
                .filter(row -> row.table().equals(DemoSchemas.RES_PARTNER))
                .collect(Collectors.groupingBy(DemoRow::personId, Collectors.counting()));
        long twiceInCrm = crmRowsPerPerson.values().stream().filter(n -> n > 1).count();
        assertThat(twiceInCrm).isBetween(20L, 120L);

        Map<String, Long> peoplePerEmail = demo.people().stream().filter(p -> p.email() != null)
                .collect(Collectors.groupingBy(DemoPerson::email, Collectors.counting()));
        long familyMailboxes = peoplePerEmail.values().stream().filter(n -> n > 1).count();
        assertThat(familyMailboxes).isBetween(10L, 90L);

        assertThat(demo.people().stream().filter(DemoPerson::company)
                .filter(p -> p.email().matches("(info|contact|contacto|geral|office|biuro|kontakt)@.*")))
                .hasSizeGreaterThan(50);
    }

    @Test
    void spanishNifsCarryTheirCheckLetter() {
        List<DemoPerson> spaniards = demo.people().stream()
                .filter(p -> p.country() == DemoCountry.ES && !p.company()).toList();
        assertThat(spaniards).hasSizeGreaterThan(200);
        assertThat(spaniards).allSatisfy(p -> assertThat(validNif(p.taxId())).as(p.taxId()).isTrue());

        Set<String> spanishPartners = rowsOf(DemoSchemas.RES_PARTNER,
                p -> p.country() == DemoCountry.ES && !p.company());
        List<String> typed = demo.crmPartners().stream()
                .filter(p -> spanishPartners.contains(String.valueOf(p.id())) && p.vat() != null)
                .map(CrmPartner::vat).toList();
        assertThat(typed).hasSizeGreaterThan(50);
        assertThat(typed).allSatisfy(vat -> {
            String bare = vat.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "").replaceFirst("^ES", "");
            assertThat(validNif(bare)).as(vat).isTrue();
        });
        assertThat(TaxIds.spanishNif(12_345_678)).isEqualTo("12345678Z");
    }

    @Test
    void everyRowHasAPrimaryKeyAndExactlyOneTruthEntry() {
        Map<String, List<String>> keys = Map.of(
                DemoSchemas.RES_PARTNER, demo.crmPartners().stream().map(p -> String.valueOf(p.id())).toList(),
                DemoSchemas.TAB_CUSTOMER, demo.erpCustomers().stream().map(ErpCustomer::name).toList(),
                DemoSchemas.TAB_CONTACT, demo.erpContacts().stream().map(ErpContact::name).toList(),
                DemoSchemas.TAB_ADDRESS, demo.erpAddresses().stream().map(ErpAddress::name).toList(),
                DemoSchemas.TAB_DYNAMIC_LINK, demo.erpLinks().stream().map(ErpDynamicLink::name).toList());
        int rows = 0;
        for (Map.Entry<String, List<String>> table : keys.entrySet()) {
            SourceSystem system = table.getKey().equals(DemoSchemas.RES_PARTNER) ? SourceSystem.CRM : SourceSystem.ERP;
            assertThat(table.getValue()).allSatisfy(pk -> {
                assertThat(pk).isNotBlank();
                assertThat(demo.personOf(system, table.getKey(), pk)).isPresent();
            });
            // MariaDB compares names case- and accent-insensitively, so keys must differ even then.
            assertThat(table.getValue().stream().map(pk -> Noise.stripAccents(pk).toLowerCase(Locale.ROOT)))
                    .doesNotHaveDuplicates();
            rows += table.getValue().size();
        }
        assertThat(demo.truth()).hasSize(rows);
        assertThat(demo.crmPartners().get(0).id()).isEqualTo(1);
        assertThat(demo.erpCustomers().get(0).name()).isEqualTo("CUST-2026-00001");
        assertThat(demo.erpContacts().get(0).name()).isEqualTo("CONT-00001");
    }

    @Test
    void erpLinksTieEveryContactAndAddressToItsCustomer() {
        Set<String> customers = demo.erpCustomers().stream().map(ErpCustomer::name).collect(Collectors.toSet());
        Set<String> linkedContacts = new HashSet<>();
        Set<String> linkedAddresses = new HashSet<>();
        for (ErpDynamicLink link : demo.erpLinks()) {
            assertThat(customers).contains(link.linkName());
            assertThat(demo.personOf(SourceSystem.ERP, DemoSchemas.TAB_CUSTOMER, link.linkName()))
                    .isEqualTo(demo.personOf(SourceSystem.ERP, "Contact".equals(link.parentType())
                            ? DemoSchemas.TAB_CONTACT : DemoSchemas.TAB_ADDRESS, link.parent()));
            ("Contact".equals(link.parentType()) ? linkedContacts : linkedAddresses).add(link.parent());
        }
        assertThat(linkedContacts).hasSize(demo.erpContacts().size());
        assertThat(linkedAddresses).hasSize(demo.erpAddresses().size());
        assertThat(demo.erpCustomers()).allSatisfy(c -> assertThat(linkedAddresses).contains(c.primaryAddress()));
    }

    @Test
    void namesAndAddressesLookLikeTheirCountry() {
        Map<DemoCountry, Pattern> postcodes = Map.of(
                DemoCountry.ES, Pattern.compile("\\d{5}"),
                DemoCountry.PT, Pattern.compile("\\d{4}-\\d{3}"),
                DemoCountry.NL, Pattern.compile("[1-9]\\d{3} [A-Z]{2}"),
                DemoCountry.PL, Pattern.compile("\\d{2}-\\d{3}"),
                DemoCountry.GB, Pattern.compile("[A-Z]{1,2}\\d{1,2} \\d[A-Z]{2}"),
                DemoCountry.IE, Pattern.compile("[A-Z]\\d{2} [0-9A-Z]{4}"),
                DemoCountry.BE, Pattern.compile("\\d{4}"),
                DemoCountry.AT, Pattern.compile("\\d{4}"),
                DemoCountry.DE, Pattern.compile("\\d{5}"));
        assertThat(demo.people()).allSatisfy(p -> {
            Pattern postcode = postcodes.get(p.country());
            if (postcode != null) {
                assertThat(p.address().postcode()).matches(postcode);
            }
        });
        Set<String> givenNames = demo.people().stream().filter(p -> !p.company()).map(DemoPerson::givenName)
                .collect(Collectors.toSet());
        assertThat(givenNames).contains("José", "João", "Łukasz", "Françoise");
        assertThat(demo.people()).anyMatch(p -> "Müller".equals(p.familyName()));
        assertThat(demo.people()).anyMatch(p -> p.country() == DemoCountry.ES && !p.company()
                && p.familyName().contains(" "));
        assertThat(demo.people()).anyMatch(p -> p.country() == DemoCountry.PL && !p.company()
                && p.gender() == DemoPerson.Gender.FEMALE && p.familyName().endsWith("ska"));
        assertThat(demo.crmPartners()).anyMatch(p -> p.street().startsWith("Calle "));
        assertThat(demo.crmPartners()).anyMatch(p -> p.street().startsWith("Rua "));
        assertThat(demo.crmPartners()).anyMatch(p -> p.street().contains(" rue "));
        assertThat(demo.crmPartners()).anyMatch(p -> p.street().startsWith("Via "));
        assertThat(demo.crmPartners()).anyMatch(p -> p.street().contains("straße "));
        assertThat(demo.crmPartners()).anyMatch(p -> p.street().contains("straat "));
        assertThat(demo.crmPartners()).anyMatch(p -> p.street().startsWith("ul. "));
    }

    // ------------------------------------------------------------------ helpers

    private record ContactKeys(Set<String> emails, Set<String> phones) {
        boolean sharesWith(ContactKeys other) {
            return emails.stream().anyMatch(other.emails::contains) || phones.stream().anyMatch(other.phones::contains);
        }
    }

    private static ContactKeys keys(DemoPerson person, SourceSystem system) {
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        if (system == SourceSystem.CRM) {
            for (CrmPartner p : crmRows(person)) {
                addEmail(emails, p.email());
                addPhone(phones, p.phone(), person.country());
                addPhone(phones, p.mobile(), person.country());
            }
        } else {
            for (ErpCustomer c : erpCustomers(person)) {
                addEmail(emails, c.emailId());
                addPhone(phones, c.mobileNo(), person.country());
            }
            for (ErpContact c : rowsOfPerson(demo.erpContacts(), ErpContact::name, DemoSchemas.TAB_CONTACT, person)) {
                addEmail(emails, c.emailId());
                addPhone(phones, c.phone(), person.country());
                addPhone(phones, c.mobileNo(), person.country());
            }
            for (ErpAddress a : rowsOfPerson(demo.erpAddresses(), ErpAddress::name, DemoSchemas.TAB_ADDRESS, person)) {
                addEmail(emails, a.emailId());
                addPhone(phones, a.phone(), person.country());
            }
        }
        return new ContactKeys(emails, phones);
    }

    private static List<CrmPartner> crmRows(DemoPerson person) {
        return rowsOfPerson(demo.crmPartners(), p -> String.valueOf(p.id()), DemoSchemas.RES_PARTNER, person);
    }

    private static List<ErpCustomer> erpCustomers(DemoPerson person) {
        return rowsOfPerson(demo.erpCustomers(), ErpCustomer::name, DemoSchemas.TAB_CUSTOMER, person);
    }

    private static <T> List<T> rowsOfPerson(List<T> rows, Function<T, String> pk, String table, DemoPerson person) {
        Set<String> keys = demo.rowsOf(person.id()).stream().filter(r -> r.table().equals(table))
                .map(DemoRow::pk).collect(Collectors.toSet());
        return rows.stream().filter(row -> keys.contains(pk.apply(row))).toList();
    }

    private static Set<String> rowsOf(String table, java.util.function.Predicate<DemoPerson> which) {
        return demo.truth().stream().filter(r -> r.table().equals(table))
                .filter(r -> which.test(demo.person(r.personId()))).map(DemoRow::pk).collect(Collectors.toSet());
    }

    private static DemoPerson person(SourceSystem system, String table, String pk) {
        return demo.person(demo.personOf(system, table, pk).orElseThrow());
    }

    private static void addEmail(Set<String> emails, String email) {
        if (email != null) {
            emails.add(normaliseEmail(email));
        }
    }

    private static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** E.164 digits of a phone as typed, read the way a national dialler would. */
    private static void addPhone(Set<String> phones, String phone, DemoCountry country) {
        if (phone == null) {
            return;
        }
        String digits = phone.replace("(0)", "").replaceAll("[^0-9+]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("00")) {
            digits = digits.substring(2);
        } else {
            if (!country.trunkPrefix().isEmpty() && digits.startsWith(country.trunkPrefix())) {
                digits = digits.substring(country.trunkPrefix().length());
            }
            digits = country.callingCode() + digits;
        }
        phones.add(digits);
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static boolean validNif(String nif) {
        if (!nif.matches("\\d{8}[A-Z]")) {
            return false;
        }
        return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(nif.substring(0, 8)) % 23) == nif.charAt(8);
    }
}
