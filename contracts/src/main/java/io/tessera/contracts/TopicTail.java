package io.tessera.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the newest messages of a topic once, without a consumer group: what a look at a topic's tail needs. */
public final class TopicTail {

    private TopicTail() {
    }

    /**
     * The last {@code count} messages (committed ones only) of each partition of {@code topic}, in each partition's
     * order.
     *
     * @throws TopicTailTimeoutException when the tail could not be read within {@code timeout}
     */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic, int count,
                                                            Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        read(bootstrapServers, topic, count, timeout, records::add);
        return records;
    }

    /**
     * Hands every message (committed ones only) that {@code topic} holds now to {@code each}, in each partition's
     * order, without keeping them: what a pass over a whole topic of bounded retention needs.
     *
     * @throws TopicTailTimeoutException when the topic could not be read within {@code timeout}
     */
    public static void readAll(String bootstrapServers, String topic, Duration timeout,
                               Consumer<ConsumerRecord<String, byte[]>> each) {
        read(bootstrapServers, topic, Long.MAX_VALUE, timeout, each);
    }

    private static void read(String bootstrapServers, String topic, long count, Duration timeout,
                             Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - Math.min(count, end.get(p)))));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TopicTailTimeoutException("Reading the newest messages of " + topic
                            + " took longer than " + timeout.toSeconds() + " s; is Kafka reachable at "
                            + bootstrapServers + "?");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** The tail of a topic could not be read in time. */
    public static final class TopicTailTimeoutException extends RuntimeException {

        TopicTailTimeoutException(String message) {
            super(message);
        }
    }
}
