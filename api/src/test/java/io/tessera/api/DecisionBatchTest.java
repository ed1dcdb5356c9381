package io.tessera.api;

import static io.tessera.api.RunningTessera.getAsAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decisions are applied to the profiles a poll at a time, in one transaction; a decision that cannot be applied
 * fails that transaction, and then goes to the dead-letter topic alone while the others of its batch are applied.
 */
class DecisionBatchTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void aDecisionThatCannotBeAppliedIsDeadLetteredAndTheRestOfItsBatchIsApplied() throws Exception {
        String bootstrap = RunningTessera.get().stack().endpoints().kafkaBootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        IdentityDecision before = decision("batch-" + run + "-1", "Inés Batch Ortega");
        // No profile id: no profile can take it.
        IdentityDecision broken = new IdentityDecision("decision-broken-" + run, null, before.members(),
                before.cause(), Instant.now());
        IdentityDecision after = decision("batch-" + run + "-2", "Óscar Batch Llorente");
        try (KafkaProducer<String, IdentityDecision> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 50),
                new StringSerializer(), Topics.IDENTITY.valueSerde().serializer())) {
            for (IdentityDecision decision : List.of(before, broken, after)) {
                producer.send(new ProducerRecord<>(Topics.IDENTITY.name(), "batch-" + run, decision));
            }
            producer.flush();
        }

        for (IdentityDecision applied : List.of(before, after)) {
            RecordKey key = applied.members().getFirst().record().key();
            String path = "/api/v1/records/" + key.source() + "/" + key.table() + "/" + key.pk() + "/profile";
            await().atMost(RunningTessera.PIPELINE).pollInterval(Duration.ofMillis(200))
                    .until(() -> getAsAdmin(path).statusCode() == 200);
            assertThat(RunningTessera.json(getAsAdmin(path)).get("profileId").asText()).isEqualTo(applied.profileId());
        }
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "decision-batch-test-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), Topics.DEAD_LETTER.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            await().atMost(RunningTessera.PIPELINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
                return letters.stream().anyMatch(l -> ("batch-" + run).equals(l.key()));
            });
        }
        DeadLetter letter = letters.stream().filter(l -> ("batch-" + run).equals(l.key())).findFirst().orElseThrow();
        assertThat(letter.stage()).isEqualTo("projections");
        // Sealed on the topic (it holds the decision's records), opened with the key of its origin.
        assertThat(letter.payload()).startsWith("sealed:").doesNotContain(broken.decisionId());
        RecordKeys keys = RunningTessera.get().context().getBean(RecordKeys.class);
        assertThat(SealedRecords.openText(keys, SealedRecords.deadLetterRecord(letter), letter.payload()))
                .hasValueSatisfying(payload -> assertThat(payload).contains(broken.decisionId()));
        assertThat(letter.reason()).contains("Applying the decision to profile null failed");
    }

    private static IdentityDecision decision(String pk, String name) {
        RecordKey key = new RecordKey("batchfeed", "customer", pk);
        SourceRecord record = new SourceRecord(key, EntityKind.PERSON, new Attributes(name, null, null, null,
                List.of(pk + "@batch-e2e.es"), List.of(), Address.EMPTY, null), Instant.now(), "pos-" + pk);
        return new IdentityDecision("decision-" + pk, "profile-" + pk, List.of(new ProfileMember(record, List.of())),
                key, Instant.now());
    }
}
