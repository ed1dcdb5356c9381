package io.tessera.api;

import static io.tessera.api.RunningTessera.getAsAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.Topics;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A source row the mapping cannot read goes to the dead-letter topic with its reason; the pipeline goes on. */
class DeadLetterTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void unreadableRowIsDeadLetteredWithItsReasonAndTheNextRowStillFlows() throws Exception {
        try (Connection erp = RunningTessera.erp()) {
            // ERPNext allows only Company or Individual; the mapping rejects anything else rather than guessing.
            erp.createStatement().executeUpdate("""
                    INSERT INTO `tabCustomer` (name, creation, modified, customer_name, customer_type, email_id)
                    VALUES ('CUST-DLQ-00001', NOW(6), NOW(6), 'Broken Row', 'Alien', 'broken@dlq-e2e.es')""");
            erp.createStatement().executeUpdate("""
                    INSERT INTO `tabCustomer` (name, creation, modified, customer_name, customer_type, email_id)
                    VALUES ('CUST-DLQ-00002', NOW(6), NOW(6), 'Good Row', 'Individual', 'good@dlq-e2e.es')""");
        }
        String bootstrap = RunningTessera.get().stack().endpoints().kafkaBootstrapServers();
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), Topics.DEAD_LETTER.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
                return letters.stream().anyMatch(l -> l.key() != null && l.key().contains("CUST-DLQ-00001"));
            });
        }
        DeadLetter letter = letters.stream().filter(l -> l.key().contains("CUST-DLQ-00001")).findFirst().orElseThrow();
        assertThat(letter.stage()).isEqualTo("ingestion");
        assertThat(letter.reason()).contains("customer_type");
        assertThat(letter.origin()).contains("erp");
        // On the topic the raw row is sealed with its record's key; the reason names the column, not the value.
        assertThat(letter.payload()).startsWith("sealed:").doesNotContain("Broken Row").doesNotContain("dlq-e2e");
        assertThat(letter.reason()).doesNotContain("Alien");

        // Operators read it through the API, opened.
        HttpResponse<String> listed = getAsAdmin("/api/v1/admin/dead-letters?stage=ingestion&limit=1000");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode view : RunningTessera.json(listed).get("deadLetters")) {
            if (view.path("key").asText().contains("CUST-DLQ-00001")) {
                mine = view;
            }
        }
        assertThat(mine).as(listed.body()).isNotNull();
        assertThat(mine.get("payloadState").asText()).isEqualTo("opened");
        assertThat(mine.get("payload").asText()).contains("Broken Row").contains("broken@dlq-e2e.es");
        assertThat(mine.get("reason").asText()).contains("customer_type");
        HttpResponse<String> badLimit = getAsAdmin("/api/v1/admin/dead-letters?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit must be between 1 and 1000");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                getAsAdmin("/api/v1/records/erp/tabCustomer/CUST-DLQ-00002/profile").statusCode() == 200);
        assertThat(getAsAdmin("/api/v1/records/erp/tabCustomer/CUST-DLQ-00001/profile").statusCode()).isEqualTo(404);
    }
}
