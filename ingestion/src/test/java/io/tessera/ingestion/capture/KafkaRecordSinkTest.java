package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.ReadPhase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaRecordSinkTest {

    private static final RecordKey KEY = new RecordKey("crm", "res_partner", "7");
    private static final SourceRecord RECORD = new SourceRecord(KEY, EntityKind.PERSON,
            new Attributes("Ana García", null, null, null, List.of("ana@example.org"), List.of(), null, null),
            Instant.parse("2026-11-22T10:00:00Z"), "lsn:00000000000000000042");

    // No partitioner: the mock's built-in choice is fine, and autoComplete off lets the test play the broker.
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final InMemoryRecordKeys keys = new InMemoryRecordKeys();
    private final KafkaRecordSink sink = new KafkaRecordSink(producer, keys);

    @Test
    void anUpsertIsTheRecordSealedWithItsKeyKeyedByTheRecordKey() {
        sink.accept(new Upsert(RECORD, ReadPhase.STREAMING));

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("tessera.records");
        assertThat(sent.key()).isEqualTo("crm/res_partner/7");
        String stored = new String(sent.value(), StandardCharsets.UTF_8);
        assertThat(stored).contains("\"sealed\"").doesNotContain("García").doesNotContain("ana@example.org");
        assertThat(SealedRecords.serde(SourceRecord.class, keys).deserializer().deserialize(sent.topic(), sent.value()))
                .isEqualTo(RECORD);
    }

    @Test
    void anUpsertOfARecordWhoseKeyWasDestroyedReadsAsErased() {
        sink.accept(new Upsert(RECORD, ReadPhase.STREAMING));
        keys.destroy(KEY);

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        SourceRecord read = SealedRecords.serde(SourceRecord.class, keys).deserializer()
                .deserialize(sent.topic(), sent.value());
        assertThat(read.erased()).isTrue();
        assertThat(read.attributes()).isEqualTo(Attributes.NONE);
    }

    @Test
    void aDeleteIsATombstoneOnTheSameKey() {
        sink.accept(new Delete(KEY, null, null));

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("tessera.records");
        assertThat(sent.key()).isEqualTo("crm/res_partner/7");
        assertThat(sent.value()).isNull();
    }

    @Test
    void aRejectionGoesToTheDeadLetterTopicWithItsRawRowSealed() {
        String row = "{\"after\": {\"id\": 7, \"vat\": \"ES12345678Z\", \"name\": \"Ana García\"}}";
        DeadLetter letter = new DeadLetter("ingestion", "crm/res_partner", "crm/res_partner/7", "column 'vat' …", row,
                Instant.parse("2026-11-22T10:00:00Z"));

        sink.accept(new Rejected(letter));

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("tessera.deadletter");
        assertThat(sent.key()).isEqualTo("crm/res_partner/7");
        DeadLetter stored = Topics.DEAD_LETTER.valueSerde().deserializer().deserialize(sent.topic(), sent.value());
        assertThat(stored.reason()).isEqualTo(letter.reason());
        assertThat(stored.payload()).doesNotContain("García").doesNotContain("ES12345678Z");
        assertThat(SealedRecords.openText(keys, KEY, stored.payload())).hasValue(row);
    }

    @Test
    void theStageCompletesOnlyWhenTheBrokerAcknowledgedAndFailsWhenItDidNot() {
        CompletableFuture<Void> first = sink.accept(new Upsert(RECORD, ReadPhase.STREAMING)).toCompletableFuture();
        CompletableFuture<Void> second = sink.accept(new Delete(KEY, null, null)).toCompletableFuture();

        assertThat(first).isNotDone();
        producer.completeNext();
        assertThat(first).isCompleted();
        producer.errorNext(new TimeoutException("no broker"));
        assertThat(second).isCompletedExceptionally();
    }
}
