package io.tessera.identity.stream;

import static io.tessera.identity.core.TestRecords.key;
import static io.tessera.identity.core.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.ProfileMember;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.InMemoryRecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTopologyTest {

    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    @TempDir
    Path stateDir;

    private final InMemoryRecordKeys keys = new InMemoryRecordKeys();
    private final ResolutionPrivacy privacy = new ResolutionPrivacy(keys, new byte[32]);
    private TopologyTestDriver driver;
    private TestInputTopic<String, SourceRecord> records;
    private TestInputTopic<String, byte[]> rawRecords;
    private TestOutputTopic<String, IdentityDecision> identity;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void startDriver() {
        IdentityConfig config = IdentityConfig.defaults("localhost:9092", "ES", stateDir);
        driver = new TopologyTestDriver(IdentityTopology.build(config, privacy), config.streamsProperties(), START);
        records = driver.createInputTopic(Topics.RECORDS.name(), new StringSerializer(),
                privacy.records().serializer(), START, Duration.ofSeconds(1));
        rawRecords = driver.createInputTopic(Topics.RECORDS.name(), new StringSerializer(), new ByteArraySerializer(),
                START, Duration.ofSeconds(1));
        identity = driver.createOutputTopic(Topics.IDENTITY.name(), Topics.IDENTITY.keySerde().deserializer(),
                privacy.decisions().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(),
                Topics.DEAD_LETTER.keySerde().deserializer(), Topics.DEAD_LETTER.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void recordsOfOnePersonAreLinkedIntoOneProfileKeyedByItsId() {
        pipe(person("1", "Ana García", List.of("Ana.Garcia@correo.es"), List.of()));
        String profile = identity.readValue().profileId();

        pipe(person("2", "ANA GARCIA", List.of("ana.garcia@CORREO.es"), List.of()));

        List<KeyValue<String, IdentityDecision>> decisions = identity.readKeyValuesToList();
        assertThat(decisions).singleElement().satisfies(decision -> {
            assertThat(decision.key).isEqualTo(profile);
            assertThat(decision.value.profileId()).isEqualTo(profile);
            assertThat(keys(decision.value)).containsExactly(key("1"), key("2"));
            assertThat(decision.value.members().getFirst().evidence().getFirst().rule()).isEqualTo("fellegi-sunter");
            assertThat(decision.value.members().getFirst().evidence().getFirst().detail())
                    .contains("email exact").doesNotContain("correo");
        });
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void changingAnEmailSplitsTheProfile() {
        pipe(person("1", "Ana", List.of("ana@correo.es"), List.of()));
        pipe(person("2", "Ana", List.of("ana@correo.es"), List.of()));
        String profile = identity.readValuesToList().getLast().profileId();

        pipe(person("2", "Ana", List.of("ana.other@correo.es"), List.of()));

        List<IdentityDecision> decisions = identity.readValuesToList();
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0).profileId()).isEqualTo(profile);
        assertThat(keys(decisions.get(0))).containsExactly(key("1"));
        assertThat(decisions.get(1).profileId()).isNotEqualTo(profile);
        assertThat(keys(decisions.get(1))).containsExactly(key("2"));
    }

    @Test
    void aTombstoneTakesTheRecordOutOfItsProfile() {
        pipe(person("1", "Ana", List.of(), List.of("+34 612 345 678")));
        pipe(person("2", "Ana", List.of(), List.of("612 34 56 78")));
        pipe(person("3", "Ana", List.of(), List.of("0034612345678")));
        String profile = identity.readValuesToList().getLast().profileId();

        records.pipeInput(key("2").asString(), null);

        assertThat(identity.readValuesToList()).singleElement().satisfies(decision -> {
            assertThat(decision.profileId()).isEqualTo(profile);
            assertThat(keys(decision)).containsExactly(key("1"), key("3"));
            assertThat(decision.cause()).isEqualTo(key("2"));
        });
    }

    @Test
    void aMalformedValueIsDeadLetteredWithItsReasonAndTheNextRecordIsStillResolved() {
        String badKey = key("9").asString();
        rawRecords.pipeInput(badKey, "{\"key\": not json".getBytes(StandardCharsets.UTF_8));
        pipe(person("1", "Ana", List.of("ana@correo.es"), List.of()));

        List<KeyValue<String, DeadLetter>> letters = deadLetters.readKeyValuesToList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key).isEqualTo(badKey);
            assertThat(letter.value.stage()).isEqualTo("identity-resolution");
            assertThat(letter.value.key()).isEqualTo(badKey);
            assertThat(letter.value.origin()).isEqualTo("tessera.records-0@0");
            assertThat(letter.value.reason()).contains("Cannot read a SourceRecord");
            assertThat(letter.value.payload()).startsWith("sealed:").doesNotContain("not json");
            assertThat(SealedRecords.openText(keys, SealedRecords.deadLetterRecord(letter.value),
                    letter.value.payload())).hasValue("{\"key\": not json");
            assertThat(letter.value.at()).isEqualTo(START);
        });
        assertThat(identity.readValuesToList()).singleElement()
                .satisfies(decision -> assertThat(keys(decision)).containsExactly(key("1")));
    }

    @Test
    void missingInvalidAndMismatchedKeysAreDeadLettered() {
        byte[] value = Topics.RECORDS.valueSerde().serializer()
                .serialize(Topics.RECORDS.name(), person("1", "Ana", List.of(), List.of()));
        rawRecords.pipeInput(null, value);
        rawRecords.pipeInput("not-a-record-key", value);
        rawRecords.pipeInput(key("2").asString(), value);
        rawRecords.pipeInput(key("3").asString(), "null".getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::reason).satisfiesExactly(
                reason -> assertThat(reason).contains("no key"),
                reason -> assertThat(reason).contains("Invalid record key"),
                reason -> assertThat(reason).contains("differs from the record's own key"),
                reason -> assertThat(reason).contains("tombstone"));
        assertThat(identity.isEmpty()).isTrue();
    }

    @Test
    void resolutionStateLivesInPersistentStores() {
        assertThat(List.of(IdentityTopology.RECORDS_STORE, IdentityTopology.HOLDERS_STORE,
                        IdentityTopology.RECORD_PROFILES_STORE, IdentityTopology.PROFILE_MEMBERS_STORE))
                .allSatisfy(name -> assertThat(driver.getKeyValueStore(name).persistent()).isTrue());
    }

    @Test
    void noPersonalDataIsStoredOrWrittenInClear() {
        TestOutputTopic<String, byte[]> rawIdentity = driver.createOutputTopic(Topics.IDENTITY.name(),
                new StringDeserializer(), new ByteArrayDeserializer());
        pipe(person("1", "Wilhelmina Oosterhuis", List.of("wilhelmina.oosterhuis@correo.es"), List.of("+34612345678")));
        pipe(person("2", "Wilhelmina Oosterhuis", List.of("wilhelmina.oosterhuis@correo.es"), List.of()));

        List<String> stored = new ArrayList<>();
        for (String name : List.of(IdentityTopology.RECORDS_STORE, IdentityTopology.HOLDERS_STORE,
                IdentityTopology.LINKS_STORE, IdentityTopology.RECORD_PROFILES_STORE,
                IdentityTopology.PROFILE_MEMBERS_STORE)) {
            KeyValueStore<String, Object> store = driver.getKeyValueStore(name);
            try (KeyValueIterator<String, Object> all = store.all()) {
                all.forEachRemaining(entry -> stored.add(entry.key + " = " + (entry.value instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(entry.value))));
            }
        }
        List<String> written = rawIdentity.readValuesToList().stream()
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).toList();

        assertThat(stored).hasSizeGreaterThan(10);
        assertThat(written).hasSize(2);
        for (String clear : List.of("oosterhuis", "Oosterhuis", "wilhelmina", "612345678", "correo")) {
            assertThat(stored).noneMatch(entry -> entry.contains(clear));
            assertThat(written).noneMatch(decision -> decision.contains(clear));
        }
        // Still resolved, on the encrypted state: the second record joined the first.
        assertThat(driver.getKeyValueStore(IdentityTopology.RECORD_PROFILES_STORE).get(key("2").asString()))
                .isEqualTo(driver.getKeyValueStore(IdentityTopology.RECORD_PROFILES_STORE).get(key("1").asString()));
    }

    @Test
    void aRecordWhoseKeyWasDestroyedLeavesItsProfile() {
        pipe(person("1", "Ana García", List.of("ana.garcia@correo.es"), List.of()));
        pipe(person("2", "Ana Garcia", List.of("ana.garcia@correo.es"), List.of()));
        identity.readValuesToList();
        SourceRecord second = person("2", "Ana Garcia", List.of("ana.garcia@correo.es"), List.of());
        byte[] sealed = privacy.records().serializer().serialize(Topics.RECORDS.name(), second);

        keys.destroy(key("2"));
        rawRecords.pipeInput(key("2").asString(), sealed);

        assertThat(identity.readValuesToList()).last()
                .satisfies(decision -> assertThat(keys(decision)).containsExactly(key("1")));
        assertThat(driver.getKeyValueStore(IdentityTopology.RECORDS_STORE).get(key("2").asString())).isNull();
    }

    private void pipe(SourceRecord record) {
        records.pipeInput(record.key().asString(), record);
    }

    private static List<RecordKey> keys(IdentityDecision decision) {
        return decision.members().stream().map(ProfileMember::record).map(SourceRecord::key).toList();
    }
}
