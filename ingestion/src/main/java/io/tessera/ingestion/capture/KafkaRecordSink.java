package io.tessera.ingestion.capture;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Delivers mapped changes to Kafka: upserts to {@link Topics#RECORDS} as the JSON {@link SourceRecord}, its personal
 * data sealed with the record's key ({@link SealedRecords}), keyed by
 * {@code RecordKey.asString()}, deletes as tombstones on the same key, rejections to {@link Topics#DEAD_LETTER}
 * keyed by the dead letter's key (its origin when the key is unknown). One idempotent producer with {@code acks=all}
 * keeps per-key order and never duplicates on retry; a stage completes when the brokers acknowledged.
 */
public final class KafkaRecordSink implements RecordSink, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final RecordKeys keys;
    private final Serializer<SourceRecord> records;
    private final Serializer<DeadLetter> deadLetters = Topics.DEAD_LETTER.valueSerde().serializer();

    /** A sink with its own producer to {@code bootstrapServers}, sealing records with their {@code keys}. */
    public KafkaRecordSink(String bootstrapServers, RecordKeys keys) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), keys);
    }

    /** A sink with its own producer: {@link #producerDefaults()} overlaid with {@code config}, serializers fixed. */
    public KafkaRecordSink(Map<String, Object> config, RecordKeys keys) {
        Map<String, Object> merged = new HashMap<>(producerDefaults());
        merged.putAll(config);
        merged.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        merged.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(merged);
        this.keys = Objects.requireNonNull(keys, "keys");
        this.records = SealedRecords.serde(SourceRecord.class, keys).serializer();
    }

    /** A sink over a producer the caller owns the configuration of (e.g. a {@code MockProducer}); closed with the sink. */
    public KafkaRecordSink(Producer<String, byte[]> producer, RecordKeys keys) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.records = SealedRecords.serde(SourceRecord.class, keys).serializer();
    }

    /** Durable and ordered: all replicas acknowledge, idempotence on, a short linger to batch snapshot rows. */
    public static Map<String, Object> producerDefaults() {
        return Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "tessera-ingestion");
    }

    /** Creates the keys of a batch's new records in one round trip. */
    @Override
    public void prepare(List<MappingResult.Upsert> upserts) {
        keys.prepare(upserts.stream().map(u -> u.record().key()).toList());
    }

    @Override
    public CompletionStage<Void> accept(MappingResult.Output output) {
        ProducerRecord<String, byte[]> record = switch (output) {
            case Upsert upsert -> {
                String topic = Topics.RECORDS.name();
                yield new ProducerRecord<>(topic, upsert.record().key().asString(),
                        records.serialize(topic, upsert.record()));
            }
            case Delete delete -> {
                ProducerRecord<String, byte[]> tombstone =
                        new ProducerRecord<>(Topics.RECORDS.name(), delete.key().asString(), null);
                // So that a restarted capture knows the delete again: see DeliveredPositions.
                DeliveredPositions.addHeaders(tombstone.headers(), delete);
                yield tombstone;
            }
            case Rejected rejected -> {
                String topic = Topics.DEAD_LETTER.name();
                DeadLetter letter = SealedRecords.sealPayload(keys, rejected.deadLetter());
                yield new ProducerRecord<>(topic, letter.key() != null ? letter.key() : letter.origin(),
                        deadLetters.serialize(topic, letter));
            }
        };
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            // send() throws for errors found before the record is queued (serialization, closed producer, timeout).
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Sends what is buffered and closes the producer. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
