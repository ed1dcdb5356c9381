package io.tessera.projections.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.Json;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.projections.profile.api.RecordLinked;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The event store's form of source records, with the key table on a real PostgreSQL: personal data is encrypted with
 * the record's key, reads back while the key lives, and is gone for good once the key is destroyed.
 */
class SealedRecordsTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final AtomicInteger PKS = new AtomicInteger();
    private static final KeyEncryptionKey KEK = KeyEncryptionKey.of(new byte[32]);

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void start() throws Exception {
        Path binaries = Files.createDirectories(Path.of("target", "pg-binaries"));
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(Files.createTempDirectory(Path.of("target"), "sealed-records-pg"))
                .setCleanDataDirectory(true)
                .start();
        dataSource = postgres.getPostgresDatabase();
        new RecordKeyStore(dataSource, 10, KEK).createSchema();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static SourceRecord person(RecordKey key) {
        Attributes attributes = new Attributes("Maite Secreta Olmedo", "Maite", "Secreta Olmedo", null,
                List.of("maite.secreta@sealed-example.es"), List.of("+34 611 22 33 44"),
                new Address("Calle Oculta 7", "28001", "Madrid", null, "ES"), "12345678Z", "1980-02-03",
                Map.of("passport", "PAX998877"));
        return new SourceRecord(key, EntityKind.PERSON, attributes, T, "lsn:42",
                List.of(new Relation("employee-of", new RecordKey("crm", "res_partner", "900"))),
                Map.of("order_total", "99.50"),
                List.of(new ConsentStatement(ConsentChannel.EMAIL, null, true, T)));
    }

    private static RecordKey newKey() {
        return new RecordKey("crm", "res_partner", "rec-" + PKS.incrementAndGet());
    }

    private static Serializer serializer(RecordKeyStore keys) {
        return JacksonSerializer.builder().objectMapper(SealedRecords.mapper(keys)).build();
    }

    private static RecordLinked linked(SourceRecord record) {
        return new RecordLinked("p-1", record, List.of(new Evidence(new RecordKey("erp", "tabCustomer", "C-1"),
                "fellegi-sunter", "email exact +14.2", 17.5)), "d-1", T);
    }

    private static RecordLinked read(Serializer serializer, SerializedObject<byte[]> stored) {
        return serializer.deserialize(stored);
    }

    @Test
    void anEventHoldsTheRecordsPersonalDataOnlyEncryptedAndReadsItBack() {
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, KEK);
        Serializer serializer = serializer(keys);
        SourceRecord record = person(newKey());

        SerializedObject<byte[]> stored = serializer.serialize(linked(record), byte[].class);
        String text = new String(stored.getData(), StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);

        for (String clear : List.of("maite", "secreta", "olmedo", "sealed-example", "611 22", "oculta", "12345678z",
                "1980-02-03", "pax998877", "99.50", "employee-of", "\"900\"", "order_total", "channel")) {
            assertThat(text).as("the stored event names no personal value").doesNotContain(clear);
        }
        assertThat(text).contains("\"sealed\"").contains(record.key().pk()).contains("lsn:42");
        assertThat(read(serializer, stored)).isEqualTo(linked(record));
        // Another instance, with a cold cache, reads it from the key table.
        assertThat(read(serializer(new RecordKeyStore(dataSource, 10, KEK)), stored)).isEqualTo(linked(record));
        // A fresh IV each time: the same record never encrypts to the same bytes.
        assertThat(serializer.serialize(linked(record), byte[].class).getData()).isNotEqualTo(stored.getData());
    }

    @Test
    void onceTheKeyIsDestroyedEveryEventOfTheRecordReadsErasedAndNewOnesAreWrittenWithoutData() {
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, KEK);
        Serializer serializer = serializer(keys);
        RecordKey key = newKey();
        SerializedObject<byte[]> stored = serializer.serialize(linked(person(key)), byte[].class);
        assertThat(read(serializer, stored).record().erased()).isFalse();
        RecordKeyStore otherInstance = new RecordKeyStore(dataSource, 10, KEK);
        assertThat(read(serializer(otherInstance), stored).record().erased()).isFalse();

        assertThat(keys.destroy(key, "e-1")).isTrue();
        assertThat(keys.destroy(key, "e-2")).as("destroyed once").isFalse();

        RecordLinked erased = read(serializer, stored);
        assertThat(erased.record()).isEqualTo(person(key).erasedCopy());
        assertThat(erased.record().attributes()).isEqualTo(Attributes.NONE);
        assertThat(erased.record().changedAt()).isEqualTo(T);
        assertThat(erased.evidence()).isEqualTo(linked(person(key)).evidence());
        assertThat(keys.isDestroyed(key)).isTrue();
        assertThat(keys.holdLive(key)).isFalse();
        RecordKey live = newKey();
        keys.prepare(List.of(live));
        RecordKey withoutKey = newKey();
        assertThat(keys.holdLive(List.of(key, live, withoutKey, live))).as("many at once")
                .containsExactlyInAnyOrder(live, withoutKey);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT key_material IS NULL FROM record_key WHERE source_pk = ?", Boolean.class, key.pk())).isTrue();

        // A change of the record still on its way when the key was destroyed is written without its data.
        SerializedObject<byte[]> late = serializer.serialize(linked(person(key)), byte[].class);
        assertThat(new String(late.getData(), StandardCharsets.UTF_8)).contains("\"erased\":true")
                .doesNotContain("\"sealed\"").doesNotContain("Maite");
        assertThat(read(serializer, late).record().erased()).isTrue();
        // A fresh instance reads the key table: destroyed there too, and the record is not given a new key.
        RecordKeyStore fresh = new RecordKeyStore(dataSource, 10, KEK);
        assertThat(read(serializer(fresh), stored).record().erased()).isTrue();
        assertThat(fresh.keyForWriting(key)).isEmpty();
    }

    @Test
    void anEventStoredInPlainJsonBeforeEncryptionStillReads() throws Exception {
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, KEK);
        Serializer serializer = serializer(keys);
        RecordLinked before = linked(person(newKey()));
        byte[] plain = Json.mapper().writeValueAsBytes(before);
        SerializedObject<byte[]> stored = new org.axonframework.serialization.SimpleSerializedObject<>(plain,
                byte[].class, RecordLinked.class.getName(), null);

        assertThat(read(serializer, stored)).isEqualTo(before);
        // Erasure of such a record cannot shred what is stored in clear, but it keeps the record from a new key.
        assertThat(keys.destroy(before.record().key(), "e-1")).isTrue();
        assertThat(keys.keyForWriting(before.record().key())).isEmpty();
    }

    @Test
    void aBatchOfRecordsGetsItsKeysInOneGoAndTheyAreTheKeysEveryInstanceReads() {
        RecordKeyStore capture = new RecordKeyStore(dataSource, 100, KEK);
        RecordKey erased = newKey();
        assertThat(capture.destroy(erased, "e-2")).isTrue();
        List<RecordKey> batch = List.of(newKey(), newKey(), newKey(), erased);

        capture.prepare(batch);

        RecordKeyStore otherInstance = new RecordKeyStore(dataSource, 100, KEK);
        for (RecordKey record : batch.subList(0, 3)) {
            assertThat(capture.keyForWriting(record)).isPresent();
            assertThat(otherInstance.keyForReading(record, 1).key().orElseThrow().getEncoded())
                    .isEqualTo(capture.keyForWriting(record).orElseThrow().key().getEncoded());
        }
        // A destroyed key stays destroyed: preparing never gives an erased record a new one.
        assertThat(capture.keyForWriting(erased)).isEmpty();
        assertThat(otherInstance.keyForReading(erased, 1).key()).isEmpty();
        assertThat(capture.cachedKeys()).isEqualTo(4);
    }

    @Test
    void keysWarmedTogetherAreReadInOneRoundTripAndWarmingCreatesNoKey() {
        RecordKeyStore capture = new RecordKeyStore(dataSource, 100, KEK);
        RecordKey erased = newKey();
        List<RecordKey> live = List.of(newKey(), newKey(), newKey());
        capture.prepare(live);
        capture.prepare(List.of(erased));
        assertThat(capture.destroy(erased, "e-3")).isTrue();
        RecordKey unknown = newKey();
        AtomicInteger connections = new AtomicInteger();
        DataSource counting = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
        RecordKeyStore resolution = new RecordKeyStore(counting, 100, KEK);

        resolution.warm(List.of(live.get(0), live.get(1), live.get(2), erased, unknown));

        assertThat(connections).hasValue(1);
        for (RecordKey record : live) {
            assertThat(resolution.keyForReading(record, 1).key().orElseThrow().getEncoded())
                    .isEqualTo(capture.keyForWriting(record).orElseThrow().key().getEncoded());
        }
        assertThat(resolution.keyForReading(erased, 1).key()).isEmpty();
        assertThat(connections).as("no round trip for a warmed key, live or destroyed").hasValue(1);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM record_key WHERE source_pk = ?", Integer.class, unknown.pk()))
                .as("warming gives no record a key").isZero();
        resolution.warm(live);
        assertThat(connections).as("nothing left to warm, no round trip").hasValue(1);
    }

    private static SourceRecord changedAt(SourceRecord record, Instant at) {
        return new SourceRecord(record.key(), record.kind(), record.attributes(), at, record.position(),
                record.relations(), record.facts(), record.consents());
    }

    private static String text(SerializedObject<byte[]> stored) {
        return new String(stored.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void aLiftRenewsTheKeyWhileEverythingSealedBeforeTheErasureStillReadsErased() {
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10, KEK);
        Serializer serializer = serializer(keys);
        RecordKey key = newKey();
        SerializedObject<byte[]> before = serializer.serialize(linked(person(key)), byte[].class);
        assertThat(text(before)).as("a first key writes format 1, which names no generation")
                .contains("\"v\":1").doesNotContain("\"g\"");
        assertThat(keys.destroy(key, "e-1")).isTrue();
        // Another instance saw the destroyed key before the lift: its cache must not hide the new generation.
        RecordKeyStore otherInstance = new RecordKeyStore(dataSource, 10, KEK);
        assertThat(read(serializer(otherInstance), before).record().erased()).isTrue();

        assertThat(keys.renew(key)).isEqualTo(2);
        assertThat(keys.renew(key)).as("asked again, the live key stays").isEqualTo(2);
        assertThat(keys.isDestroyed(key)).isFalse();
        assertThat(keys.holdLive(key)).isTrue();
        assertThat(keys.holdLive(List.of(key))).as("the latest generation counts").containsExactly(key);

        // What was sealed before the erasure reads as erased, not as a failed tag under the new key.
        assertThat(read(serializer, before).record()).isEqualTo(person(key).erasedCopy());
        assertThat(read(serializer(new RecordKeyStore(dataSource, 10, KEK)), before).record().erased()).isTrue();
        assertThat(read(serializer(otherInstance), before).record().erased()).isTrue();

        // A change made in the source after the erasure is sealed with generation 2, and every instance reads it.
        SourceRecord changed = changedAt(person(key), Instant.now().plusSeconds(5));
        SerializedObject<byte[]> after = serializer.serialize(linked(changed), byte[].class);
        assertThat(text(after)).contains("\"v\":2").contains("\"g\":2").doesNotContain("Maite");
        assertThat(read(serializer, after)).isEqualTo(linked(changed));
        assertThat(read(serializer(otherInstance), after)).isEqualTo(linked(changed));
        assertThat(read(serializer(new RecordKeyStore(dataSource, 10, KEK)), after)).isEqualTo(linked(changed));
        // A version from before the erasure (resolution's state, a decision on its way) is never sealed with it.
        SerializedObject<byte[]> old = serializer.serialize(linked(person(key)), byte[].class);
        assertThat(text(old)).contains("\"erased\":true").doesNotContain("\"sealed\"");
        SerializedObject<byte[]> undated = serializer.serialize(linked(changedAt(person(key), null)), byte[].class);
        assertThat(text(undated)).as("a version of unknown time could be older").contains("\"erased\":true");

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForList("""
                SELECT generation || ':' || (key_material IS NULL) || ':' || (erased_before IS NOT NULL)
                FROM record_key WHERE source_pk = ? ORDER BY generation""", String.class, key.pk()))
                .containsExactly("1:true:false", "2:false:true");

        // Erased again: the second generation goes the way of the first.
        assertThat(keys.destroy(key, "e-2")).isTrue();
        assertThat(read(serializer, after).record().erased()).isTrue();
        assertThat(read(serializer(new RecordKeyStore(dataSource, 10, KEK)), after).record().erased()).isTrue();
        assertThat(read(serializer, before).record().erased()).isTrue();
        assertThat(keys.keyForWriting(key)).isEmpty();
        assertThat(new RecordKeyStore(dataSource, 10, KEK).keyForWriting(key)).isEmpty();
    }

    @Test
    void anotherInstanceThatCachedTheDestroyedKeyWritesWithTheRenewedOne() {
        RecordKeyStore lifting = new RecordKeyStore(dataSource, 10, KEK);
        RecordKeyStore capture = new RecordKeyStore(dataSource, 10, KEK);
        RecordKey key = newKey();
        lifting.keyForWriting(key);
        lifting.destroy(key, "e-1");
        capture.prepare(List.of(key));
        assertThat(capture.keyForWriting(key)).isEmpty();

        lifting.renew(key);

        capture.prepare(List.of(key));
        assertThat(capture.keyForWriting(key)).hasValueSatisfying(live -> {
            assertThat(live.generation()).isEqualTo(2);
            assertThat(live.key().getEncoded())
                    .isEqualTo(lifting.keyForWriting(key).orElseThrow().key().getEncoded());
        });
    }

    @Test
    void aKeyTableFromBeforeGenerationsKeepsItsKeysAsTheFirstGeneration() throws Exception {
        new JdbcTemplate(dataSource).execute("CREATE DATABASE legacy_keys");
        DataSource legacy = postgres.getDatabase("postgres", "legacy_keys");
        JdbcTemplate jdbc = new JdbcTemplate(legacy);
        jdbc.execute("""
                CREATE TABLE record_key (
                    source varchar NOT NULL, source_table varchar NOT NULL, source_pk varchar NOT NULL,
                    key_material bytea, created_at timestamptz NOT NULL DEFAULT now(), destroyed_at timestamptz,
                    erasure_id varchar, PRIMARY KEY (source, source_table, source_pk))""");
        RecordKey live = newKey();
        RecordKey erased = newKey();
        byte[] material = new byte[32];
        material[0] = 7;
        jdbc.update("INSERT INTO record_key (source, source_table, source_pk, key_material) VALUES (?, ?, ?, ?)",
                live.source(), live.table(), live.pk(), material);
        jdbc.update("INSERT INTO record_key (source, source_table, source_pk, key_material, destroyed_at, erasure_id)"
                + " VALUES (?, ?, ?, NULL, now(), 'e-0')", erased.source(), erased.table(), erased.pk());

        RecordKeyStore keys = new RecordKeyStore(legacy, 10, KEK);
        keys.createSchema();
        keys.createSchema();

        assertThat(keys.keyForWriting(live)).hasValueSatisfying(key -> {
            assertThat(key.generation()).isEqualTo(1);
            assertThat(key.key().getEncoded()).isEqualTo(material);
        });
        assertThat(keys.keyForWriting(erased)).isEmpty();
        assertThat(keys.renew(erased)).isEqualTo(2);
        assertThat(keys.keyForWriting(erased)).hasValueSatisfying(key -> assertThat(key.generation()).isEqualTo(2));
    }

    @Test
    void aKeyDestroyedByAnotherInstanceIsDestroyedHereAfterTheNextRefresh() {
        RecordKeyStore here = new RecordKeyStore(dataSource, 100, KEK);
        RecordKeyStore there = new RecordKeyStore(dataSource, 100, KEK);
        RecordKey record = newKey();
        Instant since = here.forgetKeysDestroyedSince(Instant.EPOCH);
        assertThat(here.keyForWriting(record)).isPresent();

        assertThat(there.destroy(record, "e-3")).isTrue();
        assertThat(here.keyForReading(record, 1).key()).as("cached here, not yet refreshed").isPresent();

        here.forgetKeysDestroyedSince(since);
        assertThat(here.keyForReading(record, 1).key()).isEmpty();
        assertThat(here.keyForWriting(record)).isEmpty();
    }
}
