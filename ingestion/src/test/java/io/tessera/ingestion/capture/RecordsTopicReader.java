package io.tessera.ingestion.capture;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code tessera.records} and {@code tessera.deadletter} from the beginning on its own thread, as the stages
 * downstream of ingestion read them, and opens the records with the test's keys. Keeps values in memory; never logs
 * them.
 */
final class RecordsTopicReader implements AutoCloseable {

    /** One change on {@code tessera.records} in topic order: the record, or {@code null} for a tombstone. */
    record Change(RecordKey key, SourceRecord record) {
    }

    private record Arrived(String topic, String key, byte[] value) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<SourceRecord> records;
    private final List<Arrived> arrived = new CopyOnWriteArrayList<>();
    private final Thread thread;

    RecordsTopicReader(String bootstrapServers, RecordKeys keys, String threadName) {
        records = SealedRecords.serde(SourceRecord.class, keys).deserializer();
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of(new TopicPartition(Topics.RECORDS.name(), 0),
                new TopicPartition(Topics.DEAD_LETTER.name(), 0));
        thread = new Thread(() -> {
            try {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        arrived.add(new Arrived(r.topic(), r.key(), r.value()));
                    }
                }
            } catch (WakeupException e) {
                // close() asked the loop to end.
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Every change on {@code tessera.records} so far, in topic order. */
    List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        for (Arrived a : arrived) {
            if (a.topic().equals(Topics.RECORDS.name())) {
                changes.add(new Change(RecordKey.parse(a.key()),
                        a.value() == null ? null : records.deserialize(a.topic(), a.value())));
            }
        }
        return changes;
    }

    /** The values of {@code key} on tessera.records in arrival order; {@code null} for a tombstone. */
    List<SourceRecord> of(RecordKey key) {
        return changes().stream().filter(change -> change.key().equals(key)).map(Change::record).toList();
    }

    /** The last value of {@code key}: {@code null} when none arrived yet or the last was a tombstone. */
    SourceRecord latest(RecordKey key) {
        List<SourceRecord> values = of(key);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    List<DeadLetter> deadLetters() {
        return arrived.stream().filter(a -> a.topic().equals(Topics.DEAD_LETTER.name()))
                .map(a -> Topics.DEAD_LETTER.valueSerde().deserializer().deserialize(a.topic(), a.value()))
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
