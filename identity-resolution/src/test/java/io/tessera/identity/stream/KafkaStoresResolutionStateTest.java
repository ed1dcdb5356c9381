package io.tessera.identity.stream;

import static io.tessera.identity.core.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.JsonSerde;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.IndexedRecord;
import io.tessera.identity.core.cluster.Link;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.core.scoring.Features;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tessera.resolution.cached-features}: how many candidates' features resolution answers from the heap instead
 * of reading (and decrypting) the records store again. Shown by taking records out of the store behind the state's
 * back: a record whose features are still cached keeps being scored, one pushed out of the cache is read again.
 */
class KafkaStoresResolutionStateTest {

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final ResolutionPrivacy privacy = new ResolutionPrivacy(new InMemoryRecordKeys(), new byte[32]);
    private final IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
    private final IndexedRecord ana = resolver.index(person("1", "Ana Ruiz", List.of("ana@correo.es"), List.of()));
    private final IndexedRecord bea = resolver.index(person("2", "Bea Gil", List.of("bea@correo.es"), List.of()));
    private KeyValueStore<String, byte[]> records;
    private KeyValueStore<String, Link> links;
    private KeyValueStore<String, String> holders;
    private KeyValueStore<String, String> recordProfiles;
    private KeyValueStore<String, String> profileMembers;

    @BeforeEach
    void storeTwoRecords() {
        records = store(IdentityTopology.RECORDS_STORE, Serdes.ByteArray());
        links = store(IdentityTopology.LINKS_STORE, new JsonSerde<>(Link.class));
        holders = store(IdentityTopology.HOLDERS_STORE, Serdes.String());
        recordProfiles = store(IdentityTopology.RECORD_PROFILES_STORE, Serdes.String());
        profileMembers = store(IdentityTopology.PROFILE_MEMBERS_STORE, Serdes.String());
        // Written by an earlier task: the state below starts with nothing cached, as after a restart.
        KafkaStoresResolutionState writer = state(1);
        writer.putRecord(ana);
        writer.putRecord(bea);
    }

    @Test
    void aCacheForOneRecordReadsTheOtherAgainFromTheStore() {
        KafkaStoresResolutionState state = state(1);
        readBoth(state);

        removeBothFromTheStore();

        assertThat(state.features(bea.key())).as("the last read, still cached").map(Features::values)
                .hasValue(bea.effective().values());
        assertThat(state.features(ana.key())).as("pushed out by bea, so read from the store again").isEmpty();
    }

    @Test
    void aCacheForTwoRecordsAnswersBothWithoutTheStore() {
        KafkaStoresResolutionState state = state(2);
        readBoth(state);

        removeBothFromTheStore();

        assertThat(state.features(ana.key())).map(Features::values).hasValue(ana.effective().values());
        assertThat(state.features(bea.key())).map(Features::values).hasValue(bea.effective().values());
    }

    private void readBoth(KafkaStoresResolutionState state) {
        assertThat(state.features(ana.key())).map(Features::values).hasValue(ana.effective().values());
        assertThat(state.features(bea.key())).map(Features::values).hasValue(bea.effective().values());
    }

    private void removeBothFromTheStore() {
        for (RecordKey key : List.of(ana.key(), bea.key())) {
            records.delete(key.asString());
        }
    }

    private KafkaStoresResolutionState state(int cachedFeatures) {
        return new KafkaStoresResolutionState(records, holders, links, recordProfiles, profileMembers, privacy,
                record -> Set.of(), cachedFeatures);
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                        Serdes.String(), values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
