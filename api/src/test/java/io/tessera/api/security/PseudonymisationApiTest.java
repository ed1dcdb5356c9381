package io.tessera.api.security;

import static io.tessera.api.RunningTessera.ANALYST;
import static io.tessera.api.RunningTessera.ANALYST_PASSWORD;
import static io.tessera.api.RunningTessera.get;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import io.tessera.infra.demo.CrmPartner;
import io.tessera.infra.demo.DemoDataGenerator;
import io.tessera.projections.privacy.KeyEncryptionKey;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Analysts are configured as a pseudonymised role on the running Tessera ({@code tessera.security.pseudonymised-roles:
 * [analyst]}): they see a known demo person's profile with pseudonyms for her name, email, phone, street and tax id,
 * the same pseudonym each time and in every answer, while an admin sees the values.
 */
class PseudonymisationApiTest {

    private static final Map<String, String> PURPOSE = Map.of("X-Purpose", "pseudonymisation test");

    private static CrmPartner person;
    private static String recordPath;
    private static JsonNode clear;

    @BeforeAll
    static void knownDemoPerson() {
        RunningTessera.get();
        person = new DemoDataGenerator().generate(RunningTessera.DEMO_PEOPLE).crmPartners().stream()
                .filter(p -> !p.company() && p.email() != null && p.street() != null && p.vat() != null
                        && (p.phone() != null || p.mobile() != null))
                .findFirst().orElseThrow();
        recordPath = "/api/v1/records/crm/res_partner/" + person.id() + "/profile";
        clear = RunningTessera.awaitProfile(recordPath, p -> true);
    }

    @Test
    void anAdminSeesThePersonsValues() {
        JsonNode attributes = attributes(clear);
        assertThat(texts(attributes.get("emails"))).contains(person.email());
        assertThat(attributes.get("fullName").asText()).isEqualTo(person.name());
        assertThat(attributes.get("address").get("street").asText()).startsWith(person.street());
        assertThat(attributes.get("taxId").asText()).isEqualTo(person.vat());
    }

    @Test
    void aPseudonymisedAnalystSeesNoValueButTheSamePseudonymEachTime() {
        HttpResponse<String> first = get(recordPath, ANALYST, ANALYST_PASSWORD, PURPOSE);
        assertThat(first.statusCode()).isEqualTo(200);
        assertNoValueOf(first.body());
        JsonNode profile = json(first);
        JsonNode attributes = attributes(profile);
        String emailPseudonym = attributes.get("emails").get(0).asText();
        assertThat(emailPseudonym).matches("psn_[0-9a-f]{32}");
        assertThat(attributes.get("fullName").asText()).startsWith("psn_");
        assertThat(attributes.get("address").get("street").asText()).startsWith("psn_");
        assertThat(attributes.get("taxId").asText()).startsWith("psn_");
        assertThat(texts(attributes.get("phones"))).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("psn_"));
        assertThat(profile.get("displayName").asText()).startsWith("psn_");

        // What lets analysts count and join stays: ids and keys in clear, the city, the same pseudonym again.
        assertThat(profile.get("profileId").asText()).isEqualTo(clear.get("profileId").asText());
        assertThat(RunningTessera.recordKeys(profile)).isEqualTo(RunningTessera.recordKeys(clear));
        assertThat(attributes.get("address").get("city").asText())
                .isEqualTo(attributes(clear).get("address").get("city").asText());
        HttpResponse<String> second = get("/api/v1/profiles/" + profile.get("profileId").asText(), ANALYST,
                ANALYST_PASSWORD, PURPOSE);
        assertNoValueOf(second.body());
        assertThat(attributes(json(second)).get("emails").get(0).asText()).isEqualTo(emailPseudonym);
    }

    @Test
    void aSearchAnswersAnAnalystWithTheSamePseudonymsAsTheProfile() {
        String email = person.email().strip().toLowerCase(Locale.ROOT);
        String search = "/api/v1/profiles?q=" + URLEncoder.encode("email:" + email, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> json(get(search, ANALYST, ANALYST_PASSWORD, PURPOSE)).get("total").asLong() >= 1);
        HttpResponse<String> found = get(search, ANALYST, ANALYST_PASSWORD, PURPOSE);
        assertNoValueOf(found.body());
        JsonNode hit = json(found).get("hits").get(0);
        assertThat(hit.get("profileId").asText()).isEqualTo(clear.get("profileId").asText());
        JsonNode profile = json(get(recordPath, ANALYST, ANALYST_PASSWORD, PURPOSE));
        assertThat(hit.get("displayName").asText()).isEqualTo(profile.get("displayName").asText());
        assertThat(texts(hit.get("emails"))).contains(attributes(profile).get("emails").get(0).asText());
        assertThat(json(getAsAdmin(search)).get("hits").get(0).get("emails").toString()).contains(email);
    }

    @Test
    void theGoldenRecordAndTheHistoryOfAChangedPersonArePseudonymisedToo() throws Exception {
        long id = RunningTessera.insertCrmPerson("Valentina Ferrer Quintana", "valentina.ferrer@seudo-e2e.es",
                "+34 633 44 55 66", "Calle Mayor 12", "28013");
        String path = "/api/v1/records/crm/res_partner/" + id + "/profile";
        String profileId = RunningTessera.awaitProfile(path, p -> true).get("profileId").asText();
        try (Connection crm = RunningTessera.crm()) {
            crm.createStatement().executeUpdate("UPDATE res_partner SET email = 'v.ferrer.q@seudo-e2e.es', "
                    + "street = 'Calle de Alcalá 99', write_date = now() WHERE id = " + id);
        }
        String history = "/api/v1/profiles/" + profileId + "/history?size=500";
        await().atMost(RunningTessera.PIPELINE).pollInterval(Duration.ofMillis(100))
                .until(() -> getAsAdmin(history).body().contains("v.ferrer.q@seudo-e2e.es"));
        assertThat(getAsAdmin(history).body()).as("the history shows the values before and after to an admin")
                .contains("valentina.ferrer@seudo-e2e.es").contains("Calle de Alcalá 99");
        assertThat(getAsAdmin(path).body()).as("and so does the profile").contains("Valentina Ferrer Quintana");

        List<String> values = List.of("valentina", "ferrer", "quintana", "seudo-e2e", "633 44", "calle mayor",
                "alcal");
        for (String answer : List.of(history, path, "/api/v1/profiles/" + profileId)) {
            HttpResponse<String> response = get(answer, ANALYST, ANALYST_PASSWORD, PURPOSE);
            assertThat(response.statusCode()).isEqualTo(200);
            String text = response.body().toLowerCase(Locale.ROOT);
            for (String value : values) {
                assertThat(text).as("%s shows an analyst no '%s'", answer, value).doesNotContain(value);
            }
            assertThat(text).contains(profileId.toLowerCase(Locale.ROOT)).contains("psn_").contains("madrid");
        }
    }

    @Test
    void theKeyIsKeptInTesserasPostgresSoPseudonymsSurviveARestart() throws Exception {
        String shown = attributes(json(get(recordPath, ANALYST, ANALYST_PASSWORD, PURPOSE))).get("emails").get(0)
                .asText();
        try (Connection tessera = RunningTessera.tessera()) {
            // What a restarted Tessera does without tessera.security.pseudonym-key: read the stored key.
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(tessera, true));
            Pseudonymiser restarted = PseudonymKeys.pseudonymiser(new SecurityProperties(null, null, null, null, null),
                    jdbc, KeyEncryptionKey.load(RunningTessera.workDir().resolve("secrets/key-encryption-key"), jdbc));
            assertThat(restarted.pseudonym(attributes(clear).get("emails").get(0).asText())).isEqualTo(shown);
        }
    }

    @Test
    void anAnalystsReadsAreLoggedAsPseudonymised() {
        String purpose = "pseudonymised read " + System.nanoTime();
        assertThat(get(recordPath, ANALYST, ANALYST_PASSWORD, Map.of("X-Purpose", purpose)).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode entries = json(getAsAdmin("/api/v1/audit?caller=" + ANALYST + "&size=50")).get("entries");
            JsonNode entry = null;
            for (JsonNode e : entries) {
                if (e.get("purpose").asText().equals(purpose)) {
                    entry = e;
                }
            }
            assertThat(entry).isNotNull();
            assertThat(entry.get("pseudonymised").asBoolean()).isTrue();
            assertThat(texts(entry.get("profileIds"))).contains(clear.get("profileId").asText());
        });
    }

    private void assertNoValueOf(String body) {
        String text = body.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>(List.of(person.email().strip().toLowerCase(Locale.ROOT),
                person.street().toLowerCase(Locale.ROOT), person.vat().toLowerCase(Locale.ROOT)));
        for (String word : person.name().toLowerCase(Locale.ROOT).split(" ")) {
            if (word.length() >= 4) {
                values.add(word);
            }
        }
        for (String phone : new String[] {person.phone(), person.mobile()}) {
            if (phone != null) {
                values.add(phone);
            }
        }
        for (String value : values) {
            assertThat(text).as("an analyst's answer shows no '%s'", value).doesNotContain(value);
        }
    }

    private static JsonNode attributes(JsonNode profile) {
        for (JsonNode view : profile.get("records")) {
            JsonNode key = view.get("record").get("key");
            if (key.get("source").asText().equals("crm") && key.get("pk").asText().equals(
                    Integer.toString(person.id()))) {
                return view.get("record").get("attributes");
            }
        }
        throw new AssertionError("The profile holds no record crm/res_partner/" + person.id() + ": " + profile);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
