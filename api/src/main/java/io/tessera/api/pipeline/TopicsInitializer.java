package io.tessera.api.pipeline;

import io.tessera.contracts.Topic;
import io.tessera.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Tessera's topics, with compaction where the topic is a table, unless they exist; deletes retired ones. */
public final class TopicsInitializer {

    private static final Logger log = LoggerFactory.getLogger(TopicsInitializer.class);

    private TopicsInitializer() {
    }

    /**
     * Creates Tessera's topics unless they exist, and deletes the given retired ones if they do. A retired topic that
     * cannot be deleted (a broker that forbids it) is reported and left: the start goes on.
     */
    public static void createTopics(PipelineProperties.Kafka kafka, List<String> retired) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> newTopic(t, kafka))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
            List<String> present = retired.stream().filter(existing::contains).toList();
            if (!present.isEmpty()) {
                deleteRetired(admin, present);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create Tessera's topics on Kafka at " + kafka.bootstrapServers()
                    + ": " + e.getMessage() + " — is the broker reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Tessera's topics", e);
        }
    }

    private static void deleteRetired(Admin admin, List<String> topics) throws InterruptedException {
        try {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            log.info("Deleted topics {}: nothing writes or reads them any more", topics);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not delete the retired topics {} ({}); nothing uses them, delete them by hand", topics,
                    e.getMessage());
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, PipelineProperties.Kafka kafka) {
        // Resolution keeps a whole component in one task, so the record topic has one partition for now.
        int partitions = topic == Topics.RECORDS ? 1 : kafka.partitionCount();
        Map<String, String> configs = topic.compacted() ? Topics.compactedConfigs()
                : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        return new NewTopic(topic.name(), partitions, kafka.replication()).configs(configs);
    }
}
