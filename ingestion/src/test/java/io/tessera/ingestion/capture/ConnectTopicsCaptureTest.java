package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tessera.contracts.RecordKey;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.RawChange;
import io.tessera.ingestion.mapping.RecordedChanges;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The Kafka Connect shape without Kafka: Connect's raw topics simulated by a {@link MockConsumer}. */
class ConnectTopicsCaptureTest {

    private static final SourceCatalog DEMO = SourceCatalogLoader.withVariables(Map.of()).loadResource("mappings/demo.yaml");
    private static final TopicPartition PARTNERS = new TopicPartition("crm.public.res_partner", 0);
    private static final TopicPartition CONTACTS = new TopicPartition("erp.erp.tabContact", 0);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    @Test
    void readsTheRawTopicOfEveryMappedTableAndTheTopicsThatTellTheSnapshotIsOver() {
        RecordingSink sink = new RecordingSink();
        try (ConnectTopicsCapture capture = new ConnectTopicsCapture(DEMO, consumer, sink)) {
            assertThat(capture.topics()).containsExactly("crm.public.res_partner", "crm.public.tessera_heartbeat",
                    "__debezium-heartbeat.crm", "erp.erp.tabCustomer", "erp.erp.tabContact", "erp.erp.tabDynamic_Link",
                    "__debezium-heartbeat.erp");
        }
    }

    @Test
    void aPolledBatchIsMappedDeliveredAndThenCommitted() throws Exception {
        RecordingSink sink = new RecordingSink();
        ConnectTopicsCapture capture = new ConnectTopicsCapture(DEMO, consumer, sink);
        assign();
        add(PARTNERS, 0, "postgres-create");
        add(PARTNERS, 1, "postgres-delete");
        consumer.addRecord(new ConsumerRecord<>(PARTNERS.topic(), 0, 2, "{\"id\":10}", null));
        add(CONTACTS, 0, "mariadb-create");
        add(CONTACTS, 1, "mariadb-create-bad-type");

        assertThat(capture.pollOnce(Duration.ZERO)).isEqualTo(5);

        assertThat(sink.received()).extracting(r -> r.output().getClass().getSimpleName())
                .containsExactlyInAnyOrder("Upsert", "Delete", "Upsert", "Rejected");
        assertThat(sink.of(new RecordKey("crm", "res_partner", "10"))).extracting(RecordingSink.Received::output)
                .hasExactlyElementsOfTypes(Upsert.class, Delete.class);
        assertThat(consumer.committed(Set.of(PARTNERS, CONTACTS))).containsEntry(PARTNERS, new OffsetAndMetadata(3))
                .containsEntry(CONTACTS, new OffsetAndMetadata(2));
        assertThat(capture.status()).extracting(SourceStatus::name, SourceStatus::eventsMapped, SourceStatus::eventsRejected)
                .containsExactly(tuple("crm", 2L, 0L), tuple("erp", 1L, 1L));
    }

    @Test
    void whenTheSinkFailsNothingIsCommittedAndNothingIsCounted() {
        RecordSink failing = new RecordSink() {
            @Override
            public CompletionStage<Void> accept(MappingResult.Output output) {
                return output instanceof Rejected
                        ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(new IllegalStateException("broker down"));
            }
        };
        ConnectTopicsCapture capture = new ConnectTopicsCapture(DEMO, consumer, failing);
        assign();
        add(PARTNERS, 0, "postgres-create");

        assertThatThrownBy(() -> capture.pollOnce(Duration.ZERO))
                .isInstanceOf(BatchDelivery.SinkFailedException.class)
                .hasMessageContaining("broker down")
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(consumer.committed(Set.of(PARTNERS))).doesNotContainKey(PARTNERS);
        assertThat(capture.status()).extracting(SourceStatus::eventsMapped).containsOnly(0L);
    }

    private void assign() {
        consumer.assign(List.of(PARTNERS, CONTACTS));
        consumer.updateBeginningOffsets(Map.of(PARTNERS, 0L, CONTACTS, 0L));
    }

    private void add(TopicPartition partition, long offset, String sample) {
        RawChange change = RecordedChanges.sample(sample);
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, change.key(), change.value()));
    }

}
