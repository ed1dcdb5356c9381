package io.tessera.identity.stream;

import static io.tessera.identity.core.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.JsonSerde;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.contracts.privacy.KeysUnavailableException;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.identity.core.cluster.Change;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.Link;
import io.tessera.identity.core.cluster.ResolverSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** Two records of one person: the second adds a phone number. */
    private static final SourceRecord WILHELMINA =
            person("1", "Wilhelmina Oosterhuis", List.of("w.oosterhuis@correo.es"), List.of());
    private static final SourceRecord WILHELMINA_WITH_PHONE =
            person("2", "Wilhelmina Oosterhuis", List.of("w.oosterhuis@correo.es"), List.of("+34 612 345 678"));

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final SourceRecord record = person("1", "Ana", List.of("ana@correo.es"), List.of());
    private final InMemoryRecordKeys keys = new InMemoryRecordKeys();
    private final ResolutionPrivacy privacy = new ResolutionPrivacy(keys, new byte[32]);
    private final byte[] value = privacy.records().serializer().serialize(Topics.RECORDS.name(), record);

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
                IdentityTopology.PROFILE_MEMBERS_STORE, IdentityTopology.GENERATION_STORE)) {
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
        }, privacy);
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
        }, privacy);
        processor.init(context);

        assertThatThrownBy(() -> processor.process(new Record<>(record.key().asString(), value, 1_000L)))
                .isInstanceOf(ProcessorStateException.class);
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void decisionsGoToTheIdentitySinkKeyedByProfile() {
        IdentityProcessor processor = new IdentityProcessor(
                new IdentityResolver(ResolverSettings.of("ES"))::apply, privacy);
        processor.init(context);

        processor.process(new Record<>(record.key().asString(), value, 1_000L));

        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.childName()).hasValue(IdentityTopology.IDENTITY_SINK);
            IdentityDecision decision = (IdentityDecision) forward.record().value();
            assertThat(forward.record().key()).isEqualTo(decision.profileId());
            assertThat(decision.decidedAt()).isEqualTo(Instant.ofEpochMilli(1_000L));
        });
    }

    @Test
    void aRecordWhoseKeyWasDestroyedIsResolvedAsADelete() {
        List<Change> seen = new ArrayList<>();
        IdentityProcessor processor = new IdentityProcessor((state, change) -> {
            seen.add(change);
            return List.of();
        }, privacy);
        processor.init(context);
        keys.destroy(record.key());

        processor.process(new Record<>(record.key().asString(), value, 1_000L));

        assertThat(seen).singleElement().isInstanceOf(Change.Delete.class);
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void anErasedRecordIsUnreadableInTheStoreAndItsTombstoneStillTakesItOutOfProfileAndIndex() {
        IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
        SourceRecord first = WILHELMINA;
        SourceRecord second = WILHELMINA_WITH_PHONE;
        IdentityProcessor before = new IdentityProcessor(ChangeResolution.of(resolver), privacy);
        before.init(context);
        before.process(new Record<>(first.key().asString(), sealed(first), 1_000L));
        before.process(new Record<>(second.key().asString(), sealed(second), 2_000L));
        IdentityDecision joined = (IdentityDecision) context.forwarded().getLast().record().value();
        assertThat(joined.members()).hasSize(2);
        KeyValueStore<String, byte[]> records = context.getStateStore(IdentityTopology.RECORDS_STORE);
        KeyValueStore<String, String> holders = context.getStateStore(IdentityTopology.HOLDERS_STORE);
        byte[] stored = records.get(second.key().asString());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("oosterhuis")
                .doesNotContain("612345678");
        assertThat(holdersOf(holders, second.key())).isNotEmpty()
                .as("the value lists exactly the index entries the record is filed under")
                .map(entry -> entry.substring(0, entry.indexOf('\u0000')))
                .containsExactlyInAnyOrderElementsOf(ResolutionPrivacy.indexHashes(stored));

        keys.destroy(second.key());

        assertThat(privacy.openRecord(second.key(), stored))
                .as("every copy of the value, in the store and its changelog, is unreadable once the key is gone")
                .isEmpty();
        // A restarted task: nothing of the record is cached, and the store's value no longer opens.
        context.resetForwards();
        IdentityProcessor after = new IdentityProcessor(ChangeResolution.of(resolver), privacy);
        after.init(context);
        after.process(new Record<>(second.key().asString(), null, 3_000L));

        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            IdentityDecision decision = (IdentityDecision) forward.record().value();
            assertThat(decision.profileId()).isEqualTo(joined.profileId());
            assertThat(decision.members()).extracting(m -> m.record().key()).containsExactly(first.key());
        });
        assertThat(records.get(second.key().asString())).isNull();
        assertThat(holdersOf(holders, second.key())).as("its index entries went with it").isEmpty();
        assertThat(holdersOf(holders, first.key())).isNotEmpty();
    }

    @Test
    void aTaskStartingWithoutItsIndexRebuildsItFromTheStoredRecordsAndResolvesAsBefore() {
        IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
        SourceRecord first = WILHELMINA;
        SourceRecord second = WILHELMINA_WITH_PHONE;
        SourceRecord other = person("3", "Bartholomew Quist", List.of("bq@example.nl"), List.of("+34 699 111 222"));
        IdentityProcessor before = new IdentityProcessor(ChangeResolution.of(resolver), privacy);
        before.init(context);
        for (SourceRecord source : List.of(first, second, other)) {
            before.process(new Record<>(source.key().asString(), sealed(source), 1_000L));
        }
        String profile = ((IdentityDecision) context.forwarded().get(1).record().value()).profileId();
        KeyValueStore<String, String> holders = context.getStateStore(IdentityTopology.HOLDERS_STORE);
        KeyValueStore<String, String> members = context.getStateStore(IdentityTopology.PROFILE_MEMBERS_STORE);
        List<String> index = entries(holders);
        List<String> profileMembers = entries(members);
        assertThat(index).hasSizeGreaterThan(6);
        assertThat(profileMembers).hasSize(4); // three records and the generation marker
        // Exactly-once wipes a task's whole state directory after a crash, and a new machine has none: the
        // changelogged stores come back from Kafka, the derived ones do not.
        clear(holders);
        clear(members);

        context.resetForwards();
        IdentityProcessor after = new IdentityProcessor(ChangeResolution.of(resolver), privacy);
        after.init(context);

        assertThat(entries(holders)).isEqualTo(index);
        assertThat(entries(members)).hasSize(4)
                .filteredOn(entry -> !entry.startsWith(DerivedStores.MARKER))
                .isEqualTo(profileMembers.stream().filter(entry -> !entry.startsWith(DerivedStores.MARKER)).toList());
        SourceRecord third = person("4", "Wilhelmina Oosterhuis", List.of(), List.of("+34 612 345 678"));
        after.process(new Record<>(third.key().asString(), sealed(third), 2_000L));
        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            IdentityDecision decision = (IdentityDecision) forward.record().value();
            assertThat(decision.profileId()).as("found through the rebuilt index").isEqualTo(profile);
            assertThat(decision.members()).extracting(m -> m.record().key())
                    .containsExactlyInAnyOrder(first.key(), second.key(), third.key());
        });
    }

    @Test
    void theDerivedStoresAreReusedOnlyWhileNoOtherInstanceHasRunTheTask() {
        IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
        IdentityProcessor first = new IdentityProcessor(ChangeResolution.of(resolver), privacy);
        first.init(context);
        first.process(new Record<>(record.key().asString(), value, 1_000L));
        KeyValueStore<String, String> holders = context.getStateStore(IdentityTopology.HOLDERS_STORE);
        List<String> index = entries(holders);
        // Something only a rebuild would remove.
        holders.put("stale\u0000" + record.key().asString(), record.key().asString());

        new IdentityProcessor(ChangeResolution.of(resolver), privacy).init(context);
        assertThat(entries(holders)).as("a clean restart on the same machine keeps them").hasSize(index.size() + 1);

        // Another instance ran the task meanwhile: its start wrote its own generation to the changelogged store.
        KeyValueStore<String, String> generations = context.getStateStore(IdentityTopology.GENERATION_STORE);
        generations.put(DerivedStores.GENERATION, "another instance's");
        new IdentityProcessor(ChangeResolution.of(resolver), privacy).init(context);
        assertThat(entries(holders)).isEqualTo(index);
        assertThat(generations.get(DerivedStores.GENERATION)).isNotEqualTo("another instance's");
    }

    @Test
    void theKeysOfARecordsCandidatesAreLookedUpTogetherNotOneByOne() {
        List<List<RecordKey>> warmed = new ArrayList<>();
        RecordKeys counting = new RecordKeys() {
            @Override
            public Optional<SealingKey> keyForWriting(RecordKey key) {
                return keys.keyForWriting(key);
            }

            @Override
            public Lookup keyForReading(RecordKey key, int generation) {
                return keys.keyForReading(key, generation);
            }

            @Override
            public void warm(java.util.Collection<RecordKey> records) {
                warmed.add(List.copyOf(records));
            }
        };
        ResolutionPrivacy watched = new ResolutionPrivacy(counting, new byte[32]);
        IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
        List<RecordKey> earlier = new ArrayList<>();
        IdentityProcessor first = new IdentityProcessor(ChangeResolution.of(resolver), watched);
        first.init(context);
        for (int i = 1; i <= 4; i++) {
            SourceRecord cousin = person("c" + i, "Joana Ferreira", List.of("joana" + i + "@correo.pt"), List.of());
            earlier.add(cousin.key());
            first.process(new Record<>(cousin.key().asString(), sealed(cousin), 1_000L));
        }
        warmed.clear();
        // A restarted task: no candidate is cached any more.
        IdentityProcessor restarted = new IdentityProcessor(ChangeResolution.of(resolver), watched);
        restarted.init(context);
        SourceRecord newcomer = person("n", "Joana Ferreira", List.of("joana.f@correo.pt"), List.of());

        restarted.process(new Record<>(newcomer.key().asString(), sealed(newcomer), 2_000L));

        assertThat(warmed).as("one lookup for all the candidates of the block").hasSize(1);
        assertThat(warmed.getFirst()).containsExactlyInAnyOrderElementsOf(earlier);
    }

    private byte[] sealed(SourceRecord source) {
        return privacy.records().serializer().serialize(Topics.RECORDS.name(), source);
    }

    private static List<String> entries(KeyValueStore<String, String> store) {
        List<String> entries = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> entries.add(entry.key + " = " + entry.value));
        }
        return entries;
    }

    private static void clear(KeyValueStore<String, String> store) {
        List<String> keys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    private static List<String> holdersOf(KeyValueStore<String, String> holders, RecordKey record) {
        List<String> entries = new ArrayList<>();
        try (var all = holders.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.equals(record.asString())) {
                    entries.add(entry.key);
                }
            });
        }
        return entries;
    }

    @Test
    void unreachableKeysFailTheTaskInsteadOfDeadLetteringTheChange() {
        RecordKeys unreachable = new RecordKeys() {
            @Override
            public Optional<SealingKey> keyForWriting(RecordKey key) {
                throw new KeysUnavailableException("Cannot read table record_key: connection refused", null);
            }

            @Override
            public Lookup keyForReading(RecordKey key, int generation) {
                throw new KeysUnavailableException("Cannot read table record_key: connection refused", null);
            }
        };
        IdentityProcessor processor = new IdentityProcessor((state, change) -> List.of(),
                new ResolutionPrivacy(unreachable, new byte[32]));
        processor.init(context);

        assertThatThrownBy(() -> processor.process(new Record<>(record.key().asString(), value, 1_000L)))
                .isInstanceOf(KeysUnavailableException.class);
        assertThat(context.forwarded()).isEmpty();
    }
}
