package io.tessera.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which values of an answer a pseudonymised caller sees as pseudonyms, in the shapes Tessera answers with. */
class PersonalValuesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(
            "a-test-key-of-more-than-thirty-two-characters".getBytes(StandardCharsets.UTF_8));
    private final PersonalValues personalValues = new PersonalValues(pseudonymiser);

    private static final String PROFILE = """
            {"profileId": "p-1", "displayName": "Rosa Beltrán", "kind": "PERSON", "recordCount": 1,
             "records": [{"record": {
                 "key": {"source": "crm", "table": "res_partner", "pk": "42"},
                 "kind": "PERSON",
                 "attributes": {"fullName": "Rosa Beltrán", "givenName": "Rosa", "familyName": "Beltrán",
                                "companyName": "Acme SL", "emails": ["rosa@example.es", "rb@example.es"],
                                "phones": ["+34 622 33 44 55"], "taxId": "12345678Z", "dateOfBirth": "1970-03-02",
                                "identifiers": {"passport": "XY123456"},
                                "address": {"street": "Calle de Toledo 40", "postcode": "28005", "city": "Madrid",
                                            "region": null, "country": "ES"}},
                 "position": "lsn:1234", "relations": []},
               "evidence": [{"linkedTo": {"source": "erp", "table": "tabCustomer", "pk": "CUST-1"},
                             "rule": "fellegi-sunter", "detail": "email exact +14.2", "weight": 17.5}]}],
             "relations": [{"type": "employee-of", "direction": "OUTGOING", "profileId": "p-9",
                            "displayName": "Acme SL", "kind": "COMPANY",
                            "via": [{"from": {"source": "crm", "table": "res_partner", "pk": "42"},
                                     "to": {"source": "crm", "table": "res_partner", "pk": "7"}}]}]}
            """;

    @Test
    void replacesNamesEmailsPhonesStreetTaxIdBirthDateAndIdentifiersOfAProfile() {
        JsonNode profile = personalValues.pseudonymise(JSON.readTree(PROFILE));
        String text = profile.toString().toLowerCase(Locale.ROOT);
        for (String value : List.of("rosa", "beltr", "acme", "example.es", "622 33", "12345678z", "1970-03", "xy123456",
                "toledo")) {
            assertThat(text).as("no clear %s", value).doesNotContain(value);
        }
        JsonNode attributes = profile.at("/records/0/record/attributes");
        assertThat(attributes.get("emails").get(0).asString()).isEqualTo(pseudonymiser.pseudonym("rosa@example.es"));
        assertThat(attributes.get("fullName").asString()).isEqualTo(profile.get("displayName").asString())
                .startsWith(Pseudonymiser.PREFIX);
        assertThat(attributes.at("/identifiers/passport").asString()).startsWith(Pseudonymiser.PREFIX);
        assertThat(profile.at("/relations/0/displayName").asString()).startsWith(Pseudonymiser.PREFIX);
    }

    @Test
    void keepsRecordKeysProfileIdsEvidenceAndTheCoarsePartsOfTheAddress() {
        JsonNode profile = personalValues.pseudonymise(JSON.readTree(PROFILE));
        assertThat(profile.get("profileId").asString()).isEqualTo("p-1");
        assertThat(profile.at("/records/0/record/key/pk").asString()).isEqualTo("42");
        assertThat(profile.at("/records/0/evidence/0/linkedTo/pk").asString()).isEqualTo("CUST-1");
        assertThat(profile.at("/records/0/evidence/0/detail").asString()).isEqualTo("email exact +14.2");
        assertThat(profile.at("/records/0/evidence/0/weight").asDouble()).isEqualTo(17.5);
        assertThat(profile.at("/records/0/record/position").asString()).isEqualTo("lsn:1234");
        JsonNode address = profile.at("/records/0/record/attributes/address");
        assertThat(address.get("city").asString()).isEqualTo("Madrid");
        assertThat(address.get("postcode").asString()).isEqualTo("28005");
        assertThat(address.get("country").asString()).isEqualTo("ES");
        assertThat(address.get("region").isNull()).isTrue();
        assertThat(profile.at("/relations/0/profileId").asString()).isEqualTo("p-9");
        assertThat(profile.at("/relations/0/via/0/to/pk").asString()).isEqualTo("7");
        assertThat(PersonalValues.profileIds(profile, 10)).containsExactly("p-1", "p-9");
    }

    @Test
    void coversAGoldenRecordAndAHistoryByTheNamesOfTheirAttributes() {
        JsonNode answer = personalValues.pseudonymise(JSON.readTree("""
                {"golden": {"attributes": {
                    "name": {"rule": "most-recent", "value": {"full": "Inés Dorado", "given": "Inés"},
                             "source": {"record": {"source": "crm", "table": "res_partner", "pk": "5"},
                                        "system": "crm", "changedAt": "2026-11-22T10:00:00Z"}},
                    "emails": {"rule": "keep-all", "values": [
                        {"value": "ines@golden.es", "sources": [{"record": {"source": "crm", "table": "res_partner",
                                                                           "pk": "5"}, "system": "crm"}]}]},
                    "address": {"rule": "most-recent", "value": {"street": "Gran Vía 1", "city": "Madrid"}},
                    "tax-id": {"rule": "most-frequent", "value": "X1234567L"}},
                  "identifiers": {"passport": {"rule": "most-frequent", "value": "PA998877"}},
                  "recordsBySource": {"crm": 1}},
                 "events": [{"type": "record-updated", "changes": [
                     {"attribute": "full-name", "before": "Inés Dorado", "after": "Inés Dorado de la Vega"},
                     {"attribute": "address", "before": null, "after": {"street": "Gran Vía 1", "city": "Madrid"}},
                     {"attribute": "kind", "before": "person", "after": "company"}]}]}
                """));
        String text = answer.toString().toLowerCase(Locale.ROOT);
        for (String value : List.of("inés", "dorado", "golden.es", "gran vía", "x1234567l", "pa998877")) {
            assertThat(text).as("no clear %s", value).doesNotContain(value);
        }
        assertThat(answer.at("/golden/attributes/emails/values/0/value").asString())
                .isEqualTo(pseudonymiser.pseudonym("ines@golden.es"));
        assertThat(answer.at("/golden/attributes/emails/values/0/sources/0/record/pk").asString()).isEqualTo("5");
        assertThat(answer.at("/golden/attributes/name/source/record/pk").asString()).isEqualTo("5");
        assertThat(answer.at("/golden/attributes/name/rule").asString()).isEqualTo("most-recent");
        assertThat(answer.at("/golden/attributes/address/value/city").asString()).isEqualTo("Madrid");
        assertThat(answer.at("/golden/recordsBySource/crm").asInt()).isEqualTo(1);
        assertThat(answer.at("/events/0/changes/0/before").asString())
                .isEqualTo(pseudonymiser.pseudonym("Inés Dorado"));
        assertThat(answer.at("/events/0/changes/1/after/city").asString()).isEqualTo("Madrid");
        assertThat(answer.at("/events/0/changes/2/after").asString()).isEqualTo("company");
    }

    @Test
    void anExplanationHoldsNoValueAndStaysAsItIs() {
        String explanation = """
                {"a": "crm/res_partner/42", "b": "erp/tabCustomer/CUST-1", "profileOfA": "p-1", "profileOfB": "p-2",
                 "sameProfile": false, "explanation": {"verdict": "NOT_LINKED", "attributes": [
                     {"attribute": "email", "level": "exact", "weight": 14.2, "termFrequencyAdjusted": false}],
                     "sharedBlockingKeys": ["email"]}}
                """;
        assertThat(personalValues.pseudonymise(JSON.readTree(explanation))).isEqualTo(JSON.readTree(explanation));
        assertThat(PersonalValues.profileIds(JSON.readTree(explanation), 10)).containsExactly("p-1", "p-2");
    }

    @Test
    void aPseudonymDependsOnTheValueAndTheKeyNotOnCaseOrSpacing() {
        assertThat(pseudonymiser.pseudonym(" Rosa@Example.ES ")).isEqualTo(pseudonymiser.pseudonym("rosa@example.es"))
                .matches("psn_[0-9a-f]{32}");
        assertThat(pseudonymiser.pseudonym("rosa@example.es")).isNotEqualTo(pseudonymiser.pseudonym("rb@example.es"));
        Pseudonymiser otherKey = new Pseudonymiser("another-key-of-more-than-thirty-two-chars".getBytes(
                StandardCharsets.UTF_8));
        assertThat(otherKey.pseudonym("rosa@example.es")).isNotEqualTo(pseudonymiser.pseudonym("rosa@example.es"));
        assertThat(pseudonymiser.keyedHash("audit-query", "rosa@example.es"))
                .isNotEqualTo(pseudonymiser.pseudonym("rosa@example.es").substring(Pseudonymiser.PREFIX.length()));
    }
}
