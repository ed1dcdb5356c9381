package io.tessera.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.api.RunningTessera;
import io.tessera.contracts.Topics;
import io.tessera.identity.stream.IdentityTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * An upgraded installation still has the changelogs of resolution's index and profile members, which are derived
 * stores now: the start deletes them (the index's held keyed hashes of emails and phones), on the real broker.
 */
class TopicsInitializerTest {

    @Test
    void theStartDeletesTheChangelogsOfTheStoresThatAreNowDerived() throws Exception {
        String bootstrap = RunningTessera.get().stack().endpoints().kafkaBootstrapServers();
        // An application id of its own, so as not to touch the running Tessera's topics.
        List<String> retired = IdentityTopology.retiredChangelogs("tessera-topics-initializer-test");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(retired.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList()).all().get();
            // The broker's metadata lags the controller a little, after a creation as after a deletion.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(admin.listTopics().names().get()).containsAll(retired));

            TopicsInitializer.createTopics(new PipelineProperties.Kafka(bootstrap, null, null), retired);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.listTopics().names().get())
                    .doesNotContainAnyElementsOf(retired)
                    .contains(Topics.RECORDS.name(), Topics.IDENTITY.name()));
            // A second start finds nothing to delete and goes on.
            TopicsInitializer.createTopics(new PipelineProperties.Kafka(bootstrap, null, null), retired);
        }
        assertThat(retired).containsExactly("tessera-topics-initializer-test-identity-index-changelog",
                "tessera-topics-initializer-test-identity-profile-members-changelog");
    }
}
