package io.tessera.identity.stream;

import static io.tessera.identity.core.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.infra.embedded.StandaloneKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution on a real broker loses its machine: the state directory is gone, Kafka Streams restores the
 * changelogged stores, and the index and profile members, which have no changelog, are rebuilt from them. A record
 * arriving afterwards still finds the records it matches.
 */
class DerivedStoresRestoreTest {

    @TempDir
    static Path home;
    private static StandaloneKafka kafka;
    private final ResolutionPrivacy privacy = new ResolutionPrivacy(new InMemoryRecordKeys(), new byte[32]);

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = StandaloneKafka.start(home.resolve("kafka"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(Stream.of(Topics.RECORDS, Topics.IDENTITY, Topics.DEAD_LETTER)
                    .map(topic -> new NewTopic(topic.name(), 1, (short) 1)).toList()).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aRecordAfterTheStateDirectoryWasLostStillJoinsItsProfile() throws Exception {
        Path stateDir = home.resolve("state");
        IdentityConfig config = new IdentityConfig("tessera-identity-restore-test", kafka.bootstrapServers(), "ES", 50,
                stateDir, Duration.ofMillis(100));
        SourceRecord first = person("1", "Wilhelmina Oosterhuis", List.of("w.oosterhuis@correo.es"), List.of());
        SourceRecord other = person("2", "Bartholomew Quist", List.of("bq@example.nl"), List.of("+34 699 111 222"));
        SourceRecord second = person("3", "Wilhelmina Oosterhuis", List.of("w.oosterhuis@correo.es"),
                List.of("+34 612 345 678"));

        IdentityStreams before = IdentityStreams.start(config, privacy);
        produce(first, other);
        List<IdentityDecision> decisions = awaitDecisions(2);
        assertThat(before.close(Duration.ofSeconds(30))).isTrue();
        String profile = decisions.stream()
                .filter(decision -> decision.members().stream().anyMatch(m -> m.record().key().equals(first.key())))
                .findFirst().orElseThrow().profileId();
        Utils.delete(stateDir.toFile());

        IdentityStreams after = IdentityStreams.start(config, privacy);
        try {
            produce(second);
            IdentityDecision joined = awaitDecisions(3).getLast();
            assertThat(joined.profileId()).isEqualTo(profile);
            assertThat(joined.members()).extracting(member -> member.record().key())
                    .containsExactlyInAnyOrder(first.key(), second.key());
        } finally {
            assertThat(after.close(Duration.ofSeconds(30))).isTrue();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains(config.applicationId() + "-" + IdentityTopology.RECORDS_STORE + "-changelog")
                    .as("the derived stores write no changelog")
                    .doesNotContain(config.applicationId() + "-" + IdentityTopology.HOLDERS_STORE + "-changelog",
                            config.applicationId() + "-" + IdentityTopology.PROFILE_MEMBERS_STORE + "-changelog");
        }
    }

    private void produce(SourceRecord... records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (SourceRecord record : records) {
                producer.send(new ProducerRecord<>(Topics.RECORDS.name(), record.key().asString(),
                        privacy.records().serializer().serialize(Topics.RECORDS.name(), record)));
            }
        }
    }

    /** The committed decisions from the start, once there are at least {@code count} of them (a minute at most). */
    private List<IdentityDecision> awaitDecisions(int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(Topics.IDENTITY.name(), 0);
        List<IdentityDecision> decisions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (KafkaConsumer<String, IdentityDecision> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                privacy.decisions().deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (decisions.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, IdentityDecision> record : consumer.poll(Duration.ofMillis(200))) {
                    decisions.add(record.value());
                }
            }
        }
        assertThat(decisions).as("decisions within a minute").hasSizeGreaterThanOrEqualTo(count);
        return decisions;
    }
}
