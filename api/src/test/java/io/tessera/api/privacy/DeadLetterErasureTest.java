package io.tessera.api.privacy;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import io.tessera.contracts.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure reaches the dead letters, on the real stack: a person whose row was rejected before resolution ever saw it
 * (and who is therefore in no profile) is shown by subject access and erased by her email instead of being answered
 * 404, and her rejected row stays out when it is fixed; a letter that names no record and holds an erased person's phone number is shredded,
 * while a letter of somebody else stays readable.
 */
class DeadLetterErasureTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    private static HttpResponse<String> erase(String body) {
        return RunningTessera.post("/api/v1/privacy/erasure", body, RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD);
    }

    private static HttpResponse<String> exportOf(String email) {
        return RunningTessera.get("/api/v1/privacy/export?email=" + email, RunningTessera.PRIVACY_OFFICER,
                RunningTessera.PRIVACY_OFFICER_PASSWORD);
    }

    @Test
    void aPersonFoundOnlyInARejectedRowIsErasedAndTheRowStaysOutWhenFixed() throws Exception {
        String email = "rechazada@dlq-erasure.es";
        try (Connection erp = RunningTessera.erp()) {
            // ERPNext allows only Company or Individual: the row is rejected and kept only as a dead letter.
            erp.createStatement().executeUpdate("""
                    INSERT INTO `tabCustomer` (name, creation, modified, customer_name, customer_type, email_id)
                    VALUES ('CUST-DLE-00001', NOW(6), NOW(6), 'Rebeca Rechazada', 'Alien', 'rechazada@dlq-erasure.es')""");
        }
        JsonNode letter = awaitLetter(view -> view.path("key").asText().contains("CUST-DLE-00001"));
        assertThat(letter.get("payloadState").asText()).isEqualTo("opened");
        assertThat(letter.get("payload").asText()).contains(email);

        // Subject access shows what only the dead letters hold of her.
        HttpResponse<String> export = exportOf(email);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(json(export).get("profiles")).isEmpty();
        assertThat(json(export).get("deadLetters")).hasSize(1);
        assertThat(json(export).get("deadLetters").get(0).get("payload").asText()).contains("Rebeca Rechazada");

        HttpResponse<String> erased = erase("{\"email\": \"" + email + "\"}");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode result = json(erased);
        assertThat(result.get("erasureId").isNull()).isFalse();
        assertThat(result.get("recordsErased").asInt()).isEqualTo(1);
        assertThat(result.get("deadLetters").asInt()).isEqualTo(1);
        assertThat(result.get("profiles")).isEmpty();
        assertThat(result.get("summary").asText()).contains("dead letter");
        JsonNode after = findLetter(view -> view.path("key").asText().contains("CUST-DLE-00001")).orElseThrow();
        assertThat(after.get("payloadState").asText()).isEqualTo("erased");
        assertThat(after.get("payload").isNull()).isTrue();
        assertThat(after.get("reason").asText()).as("the reason stays for the operator").contains("customer_type");

        assertThat(exportOf(email).statusCode()).as("nothing is held of her any more").isEqualTo(404);

        HttpResponse<String> again = erase("{\"email\": \"" + email + "\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("erasureId").isNull()).as("nothing new to erase").isTrue();
        assertThat(json(again).get("earlierErasures")).hasSize(1);

        // Fixed in the source, the erased row stays out; a row written after it comes through.
        try (Connection erp = RunningTessera.erp()) {
            erp.createStatement().executeUpdate(
                    "UPDATE `tabCustomer` SET customer_type = 'Individual' WHERE name = 'CUST-DLE-00001'");
            erp.createStatement().executeUpdate("""
                    INSERT INTO `tabCustomer` (name, creation, modified, customer_name, customer_type, email_id)
                    VALUES ('CUST-DLE-00002', NOW(6), NOW(6), 'Otra Persona', 'Individual', 'otra@dlq-erasure.es')""");
        }
        awaitProfile("/api/v1/records/erp/tabCustomer/CUST-DLE-00002/profile", profile -> true);
        assertThat(getAsAdmin("/api/v1/records/erp/tabCustomer/CUST-DLE-00001/profile").statusCode()).isEqualTo(404);
    }

    @Test
    void aLetterNamingNoRecordThatHoldsAnErasedPersonsPhoneIsShreddedAndAnotherPersonsIsNot() throws Exception {
        long crmId = RunningTessera.insertCrmPerson("Telmo Sinclave Ortega", "telmo.sinclave@dlq-erasure.es",
                "+34 677 12 90 34", "Calle Huérfana 3", "28014");
        JsonNode profile = awaitProfile("/api/v1/records/crm/res_partner/" + crmId + "/profile", p -> true);
        // Messages whose key is no record key, as a misconfigured producer writes them: resolution cannot say whose
        // they are (tessera.records is compacted, so the broker refuses messages with no key at all).
        String bootstrap = RunningTessera.get().stack().endpoints().kafkaBootstrapServers();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RECORDS.name(), "contact-1",
                    "{\"contact\": \"T. Sinclave\", \"mobile\": \"677129034\"}".getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(Topics.RECORDS.name(), "contact-2",
                    "{\"contact\": \"Vera Ajena\", \"mobile\": \"+34 699 55 44 11\"}".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        String telmos = awaitLetter(view -> view.path("payload").asText().contains("677129034")).get("origin").asText();
        String veras = awaitLetter(view -> view.path("payload").asText().contains("Vera Ajena")).get("origin").asText();

        HttpResponse<String> erased = erase("{\"profileId\": \"" + profile.get("profileId").asText() + "\"}");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(json(erased).get("recordsErased").asInt()).isEqualTo(1);
        assertThat(json(erased).get("deadLetters").asInt()).isEqualTo(1);
        JsonNode telmo = findLetter(view -> view.path("origin").asText().equals(telmos)).orElseThrow();
        assertThat(telmo.get("payloadState").asText()).isEqualTo("erased");
        assertThat(telmo.get("stage").asText()).isEqualTo("identity-resolution");
        JsonNode vera = findLetter(view -> view.path("origin").asText().equals(veras)).orElseThrow();
        assertThat(vera.get("payloadState").asText()).isEqualTo("opened");
        assertThat(vera.get("payload").asText()).contains("Vera Ajena");
    }

    private static JsonNode awaitLetter(Predicate<JsonNode> which) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(RunningTessera.PIPELINE).pollInterval(Duration.ofMillis(250)).until(() -> {
            findLetter(which).ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    private static Optional<JsonNode> findLetter(Predicate<JsonNode> which) {
        HttpResponse<String> listed = getAsAdmin("/api/v1/admin/dead-letters?limit=1000");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        for (JsonNode view : json(listed).get("deadLetters")) {
            if (which.test(view)) {
                return Optional.of(view);
            }
        }
        return Optional.empty();
    }
}
