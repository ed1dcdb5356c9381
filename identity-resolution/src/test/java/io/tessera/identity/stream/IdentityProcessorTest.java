package io.tessera.identity.stream;

import static io.tessera.identity.core.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.JsonSerde;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.Link;
import io.tessera.identity.core.cluster.ResolverSettings;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the processor does when resolution itself fails, which well-formed input cannot provoke in the topology. */
class IdentityProcessorTest {

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final SourceRecord record = person("1", "Ana", List.of("ana@correo.es"), List.of());
    private final byte[] value = Topics.RECORDS.valueSerde().serializer().serialize(Topics.RECORDS.name(), record);

    @BeforeEach
    void registerStores() {
        KeyValueStore<String, byte[]> records = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(IdentityTopology.RECORDS_STORE), Serdes.String(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        records.init(context.getStateStoreContext(), records);
        context.addStateStore(records);
        KeyValueStore<String, Link> links = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(IdentityTopology.LINKS_STORE), Serdes.String(),
                        new JsonSerde<>(Link.class))
                .withLoggingDisabled()
                .build();
        links.init(context.getStateStoreContext(), links);
        context.addStateStore(links);
        for (String name : List.of(IdentityTopology.HOLDERS_STORE, IdentityTopology.RECORD_PROFILES_STORE,
                IdentityTopology.PROFILE_MEMBERS_STORE)) {
            KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                            Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String())
                    .withLoggingDisabled()
                    .build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        context.setRecordMetadata(Topics.RECORDS.name(), 0, 7L);
        context.setCurrentSystemTimeMs(5_000L);
    }

    @Test
    void aChangeWhoseResolutionFailsIsDeadLetteredWithTheCause() {
        IdentityProcessor processor = new IdentityProcessor((state, change) -> {
            throw new IllegalStateException("no profile id left");
        });
        processor.init(context);

        processor.process(new Record<>(record.key().asString(), value, 1_000L));

        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.childName()).hasValue(IdentityTopology.DEAD_LETTER_SINK);
            DeadLetter letter = (DeadLetter) forward.record().value();
            assertThat(letter.reason()).contains("Resolution failed").contains("no profile id left");
            assertThat(letter.origin()).isEqualTo("tessera.records-0@7");
            assertThat(letter.key()).isEqualTo(record.key().asString());
            assertThat(letter.at()).isEqualTo(Instant.ofEpochMilli(5_000L));
        });
    }

    @Test
    void aFailingStateStoreFailsTheTaskInsteadOfLosingTheChange() {
        IdentityProcessor processor = new IdentityProcessor((state, change) -> {
            throw new ProcessorStateException("disk full");
        });
        processor.init(context);

        assertThatThrownBy(() -> processor.process(new Record<>(record.key().asString(), value, 1_000L)))
                .isInstanceOf(ProcessorStateException.class);
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void decisionsGoToTheIdentitySinkKeyedByProfile() {
        IdentityProcessor processor = new IdentityProcessor(
                new IdentityResolver(ResolverSettings.of("ES"))::apply);
        processor.init(context);

        processor.process(new Record<>(record.key().asString(), value, 1_000L));

        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.childName()).hasValue(IdentityTopology.IDENTITY_SINK);
            IdentityDecision decision = (IdentityDecision) forward.record().value();
            assertThat(forward.record().key()).isEqualTo(decision.profileId());
            assertThat(decision.decidedAt()).isEqualTo(Instant.ofEpochMilli(1_000L));
        });
    }
}
