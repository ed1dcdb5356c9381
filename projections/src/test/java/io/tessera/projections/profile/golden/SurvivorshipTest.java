package io.tessera.projections.profile.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SurvivorshipTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void mostRecentTakesTheNameOfTheLastChangedRecordWithItsLineage() {
        var crm = member("crm", "1", day(1), name("María López"));
        var shop = member("webshop", "7", day(9), name("Maria Lopez Ruiz"));
        var erp = member("erp", "C-3", day(5), name("M. López"));

        GoldenValue name = Survivorship.defaults().build(List.of(crm, shop, erp)).attributes().get("name");

        assertThat(name.rule()).isEqualTo("most-recent");
        assertThat(name.value()).isEqualTo(Map.of("full", "Maria Lopez Ruiz"));
        assertThat(name.source()).isEqualTo(new GoldenValue.Lineage(key("webshop", "7"), "webshop", day(9)));
    }

    @Test
    void mostTrustedFollowsTheRankingThenRecencyAndRanksUnlistedSourcesLast() {
        Survivorship rules = Survivorship.fromConfig(List.of("erp", "crm"), Map.of("address", "most-trusted"));
        var shop = member("webshop", "7", day(9), address("Calle Mayor 1", "28013", "Madrid"));
        var crmOld = member("crm", "1", day(1), address("Gran Vía 5", "28013", "Madrid"));
        var crmNew = member("crm", "2", day(3), address("Calle Alcalá 20", "28014", "Madrid"));

        GoldenValue address = rules.build(List.of(shop, crmOld, crmNew)).attributes().get("address");

        assertThat(address.rule()).isEqualTo("most-trusted");
        assertThat(address.value()).isEqualTo(Map.of("street", "Calle Alcalá 20", "postcode", "28014",
                "city", "Madrid"));
        assertThat(address.source().record()).isEqualTo(key("crm", "2"));

        var erp = member("erp", "C-3", day(0), address("Plaza Sol 2", "28012", "Madrid"));
        assertThat(rules.build(List.of(shop, crmOld, crmNew, erp)).attributes().get("address").source().system())
                .isEqualTo("erp");
    }

    @Test
    void anAddressIsNeverPiecedTogetherFromSeveralRecords() {
        var withStreetOnly = member("crm", "1", day(5), address("Gran Vía 5", null, null));
        var complete = member("erp", "2", day(1), address("Calle Mayor 1", "28013", "Madrid"));

        GoldenValue address = Survivorship.defaults().build(List.of(withStreetOnly, complete)).attributes()
                .get("address");

        assertThat(address.value()).isEqualTo(Map.of("street", "Gran Vía 5"));
    }

    @Test
    void mostFrequentCountsSpellingsAsOneValueAndShowsTheLatestSpelling() {
        Survivorship rules = Survivorship.fromConfig(List.of(), Map.of("name", "most-frequent"));
        var a = member("crm", "1", day(1), name("José García"));
        var b = member("erp", "2", day(2), name("JOSE GARCIA"));
        var c = member("webshop", "3", day(9), name("Pepe García"));

        GoldenValue name = rules.build(List.of(a, b, c)).attributes().get("name");

        assertThat(name.rule()).isEqualTo("most-frequent");
        assertThat(name.value()).isEqualTo(Map.of("full", "JOSE GARCIA"));
        assertThat(name.source().record()).isEqualTo(key("erp", "2"));
    }

    @Test
    void nonEmptyKeepsTheValueOfTheRecordSeenFirstUntilThatRecordEmptiesIt() {
        Survivorship rules = Survivorship.fromConfig(List.of(), Map.of("company-name", "non-empty"));
        var first = new Survivorship.Member(record("crm", "1", day(8), company("Acme Iberia SL")), day(0));
        var later = new Survivorship.Member(record("erp", "2", day(9), company("ACME")), day(7));

        assertThat(rules.build(List.of(later, first)).attributes().get("company-name").value())
                .isEqualTo("Acme Iberia SL");

        var emptied = new Survivorship.Member(record("crm", "1", day(10), company(null)), day(0));
        assertThat(rules.build(List.of(later, emptied)).attributes().get("company-name").value()).isEqualTo("ACME");
    }

    @Test
    void keepAllListsEveryDistinctEmailAndPhoneWithTheRecordsHoldingIt() {
        var crm = member("crm", "1", day(1), contact(List.of("Ana@Example.com", "ana.work@corp.es"),
                List.of("+34 600 11 22 33")));
        var shop = member("webshop", "9", day(4), contact(List.of("ana@example.com"), List.of("600112233")));

        GoldenRecord golden = Survivorship.defaults().build(List.of(crm, shop));

        GoldenValue emails = golden.attributes().get("emails");
        assertThat(emails.rule()).isEqualTo("keep-all");
        assertThat(emails.value()).isNull();
        assertThat(emails.values()).extracting(GoldenValue.KeptValue::value)
                .containsExactly("ana@example.com", "ana.work@corp.es");
        assertThat(emails.values().getFirst().sources()).extracting(GoldenValue.Lineage::record)
                .containsExactly(key("webshop", "9"), key("crm", "1"));
        GoldenValue phones = golden.attributes().get("phones");
        assertThat(phones.values()).hasSize(1);
        assertThat(phones.values().getFirst().value()).isEqualTo("600112233");
        assertThat(phones.values().getFirst().sources()).hasSize(2);
    }

    @Test
    void aSingleValueRuleOnEmailsTakesThePrimaryEmailOfTheWinningRecord() {
        Survivorship rules = Survivorship.fromConfig(List.of(), Map.of("emails", "most-recent"));
        var crm = member("crm", "1", day(5), contact(List.of("primary@example.com", "other@example.com"), List.of()));

        assertThat(rules.build(List.of(crm)).attributes().get("emails").value()).isEqualTo("primary@example.com");
    }

    @Test
    void attributesNoRecordHoldsAreLeftOutAndIdentifiersFollowTheirOwnRule() {
        Attributes withPassport = new Attributes("Ana Ruiz", null, null, null, List.of(), List.of(" "), Address.EMPTY,
                null, null, Map.of("passport", "X123"));
        Attributes newerPassport = new Attributes(null, null, null, null, List.of(), List.of(), Address.EMPTY,
                null, null, Map.of("passport", "Y999", "customer_no", "  "));

        GoldenRecord golden = Survivorship.defaults().build(List.of(
                member("crm", "1", day(1), withPassport), member("erp", "2", day(2), newerPassport)));

        assertThat(golden.attributes()).containsOnlyKeys("name");
        assertThat(golden.identifiers()).containsOnlyKeys("passport");
        assertThat(golden.identifiers().get("passport").value()).isEqualTo("Y999");
    }

    @Test
    void firstAndLastSeenAndRecordsBySourceDescribeTheProfile() {
        var a = new Survivorship.Member(record("crm", "1", day(4), name("Ana")), day(2));
        var b = new Survivorship.Member(record("crm", "2", day(6), name("Ana")), day(3));
        var c = new Survivorship.Member(record("webshop", "3", day(5), name("Ana")), null);

        GoldenRecord golden = Survivorship.defaults().build(List.of(a, b, c));

        assertThat(golden.firstSeen()).isEqualTo(day(2));
        assertThat(golden.lastSeen()).isEqualTo(day(6));
        assertThat(golden.recordsBySource()).containsExactly(Map.entry("crm", 2), Map.entry("webshop", 1));
    }

    @Test
    void factsOfTheRecordsAddUpToOrderCountAndTotalSpend() {
        var crm = member("crm", "1", day(1), name("Ana"));
        var order1 = new Survivorship.Member(order("101", day(3), "120.50", "EUR"), day(3));
        var order2 = new Survivorship.Member(order("102", day(7), "79.5", "EUR"), day(7));
        var order3 = new Survivorship.Member(order("103", day(5), "n/a", "EUR"), day(5));

        GoldenRecord twoOrders = Survivorship.defaults().build(List.of(crm, order1, order2));

        assertThat(twoOrders.recordsByTable()).containsExactly(Map.entry("crm/t", 1), Map.entry("webshop/orders", 2));
        FactSummary total = twoOrders.facts().get("order-total");
        assertThat(total.records()).isEqualTo(2);
        assertThat(total.sum()).isEqualTo("200.00");
        assertThat(total.min()).isEqualTo("79.5");
        assertThat(total.max()).isEqualTo("120.50");
        assertThat(total.latest().value()).isEqualTo("79.5");
        assertThat(total.latest().source().record()).isEqualTo(new RecordKey("webshop", "orders", "102"));

        FactSummary withText = Survivorship.defaults().build(List.of(order1, order2, order3)).facts()
                .get("order-total");
        assertThat(withText.records()).isEqualTo(3);
        assertThat(withText.sum()).as("no sum over values that are not all numbers").isNull();
        assertThat(withText.latest().value()).isEqualTo("79.5");
    }

    @Test
    void theGoldenRecordDoesNotDependOnTheOrderOfTheRecords() {
        Survivorship rules = Survivorship.fromConfig(List.of("erp"), Map.of("name", "most-frequent",
                "address", "most-trusted", "phones", "keep-all", "tax-id", "most-recent"));
        List<Survivorship.Member> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Equal change times on purpose: ties must break on the record key, not on the input order.
            members.add(member(i % 3 == 0 ? "erp" : "crm", "r" + i, day(i % 2), new Attributes(
                    i % 2 == 0 ? "Ana Ruiz" : "ANA RUIZ", null, null, null, List.of("a" + (i % 3) + "@x.es"),
                    List.of("60011223" + (i % 2)), new Address("Calle " + i, null, "Madrid", null, "ES"),
                    "B" + (i % 2), null, null)));
        }
        GoldenRecord expected = rules.build(members);
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<Survivorship.Member> shuffled = new ArrayList<>(members);
            Collections.shuffle(shuffled, random);
            assertThat(rules.build(shuffled)).isEqualTo(expected);
        }
    }

    @Test
    void invalidConfigurationNamesTheKeyAndWhatItAccepts() {
        assertThatThrownBy(() -> Survivorship.fromConfig(List.of(), Map.of("adress", "most-recent")))
                .hasMessageContaining("tessera.profiles.survivorship.rules")
                .hasMessageContaining("'adress'")
                .hasMessageContaining("address");
        assertThatThrownBy(() -> Survivorship.fromConfig(List.of(), Map.of("name", "newest")))
                .hasMessageContaining("tessera.profiles.survivorship.rules.name")
                .hasMessageContaining("most-recent, most-trusted, most-frequent, non-empty, keep-all");
        assertThatThrownBy(() -> Survivorship.fromConfig(List.of(), Map.of("tax-id", "most-trusted")))
                .hasMessageContaining("tessera.profiles.survivorship.rules.tax-id")
                .hasMessageContaining("trusted-sources");
        assertThatThrownBy(() -> Survivorship.fromConfig(List.of("erp", "crm", "erp"), Map.of()))
                .hasMessageContaining("tessera.profiles.survivorship.trusted-sources[2]")
                .hasMessageContaining("ranked twice");
    }

    private static Instant day(int days) {
        return T0.plusSeconds(86_400L * days);
    }

    private static RecordKey key(String source, String pk) {
        return new RecordKey(source, "t", pk);
    }

    private static SourceRecord record(String source, String pk, Instant changedAt, Attributes attributes) {
        return new SourceRecord(key(source, pk), EntityKind.PERSON, attributes, changedAt, "p");
    }

    private static SourceRecord order(String pk, Instant changedAt, String total, String currency) {
        return new SourceRecord(new RecordKey("webshop", "orders", pk), EntityKind.PERSON, name("Ana"), changedAt, "p",
                List.of(), Map.of("order-total", total, "currency", currency), List.of());
    }

    private static Survivorship.Member member(String source, String pk, Instant changedAt, Attributes attributes) {
        return new Survivorship.Member(record(source, pk, changedAt, attributes), changedAt);
    }

    private static Attributes name(String full) {
        return new Attributes(full, null, null, null, List.of(), List.of(), Address.EMPTY, null);
    }

    private static Attributes company(String company) {
        return new Attributes("Ana", null, null, company, List.of(), List.of(), Address.EMPTY, null);
    }

    private static Attributes contact(List<String> emails, List<String> phones) {
        return new Attributes(null, null, null, null, emails, phones, Address.EMPTY, null);
    }

    private static Attributes address(String street, String postcode, String city) {
        return new Attributes(null, null, null, null, List.of(), List.of(), new Address(street, postcode, city, null,
                null), null);
    }
}
