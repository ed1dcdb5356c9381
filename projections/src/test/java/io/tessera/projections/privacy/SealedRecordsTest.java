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

/**
 * The event store's form of source records, with the key table on a real PostgreSQL: personal data is encrypted with
 * the record's key, reads back while the key lives, and is gone for good once the key is destroyed.
 */
class SealedRecordsTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final AtomicInteger PKS = new AtomicInteger();

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
        new RecordKeyStore(dataSource, 10).createSchema();
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
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10);
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
        assertThat(read(serializer(new RecordKeyStore(dataSource, 10)), stored)).isEqualTo(linked(record));
        // A fresh IV each time: the same record never encrypts to the same bytes.
        assertThat(serializer.serialize(linked(record), byte[].class).getData()).isNotEqualTo(stored.getData());
    }

    @Test
    void onceTheKeyIsDestroyedEveryEventOfTheRecordReadsErasedAndNewOnesAreWrittenWithoutData() {
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10);
        Serializer serializer = serializer(keys);
        RecordKey key = newKey();
        SerializedObject<byte[]> stored = serializer.serialize(linked(person(key)), byte[].class);
        assertThat(read(serializer, stored).record().erased()).isFalse();
        RecordKeyStore otherInstance = new RecordKeyStore(dataSource, 10);
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
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT key_material IS NULL FROM record_key WHERE source_pk = ?", Boolean.class, key.pk())).isTrue();

        // A change of the record still on its way when the key was destroyed is written without its data.
        SerializedObject<byte[]> late = serializer.serialize(linked(person(key)), byte[].class);
        assertThat(new String(late.getData(), StandardCharsets.UTF_8)).contains("\"erased\":true")
                .doesNotContain("\"sealed\"").doesNotContain("Maite");
        assertThat(read(serializer, late).record().erased()).isTrue();
        // A fresh instance reads the key table: destroyed there too, and the record is not given a new key.
        RecordKeyStore fresh = new RecordKeyStore(dataSource, 10);
        assertThat(read(serializer(fresh), stored).record().erased()).isTrue();
        assertThat(fresh.keyForWriting(key)).isEmpty();
    }

    @Test
    void anEventStoredInPlainJsonBeforeEncryptionStillReads() throws Exception {
        RecordKeyStore keys = new RecordKeyStore(dataSource, 10);
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
        RecordKeyStore capture = new RecordKeyStore(dataSource, 100);
        RecordKey erased = newKey();
        assertThat(capture.destroy(erased, "e-2")).isTrue();
        List<RecordKey> batch = List.of(newKey(), newKey(), newKey(), erased);

        capture.prepare(batch);

        RecordKeyStore otherInstance = new RecordKeyStore(dataSource, 100);
        for (RecordKey record : batch.subList(0, 3)) {
            assertThat(capture.keyForWriting(record)).isPresent();
            assertThat(otherInstance.keyForReading(record).key().orElseThrow().getEncoded())
                    .isEqualTo(capture.keyForWriting(record).orElseThrow().getEncoded());
        }
        // A destroyed key stays destroyed: preparing never gives an erased record a new one.
        assertThat(capture.keyForWriting(erased)).isEmpty();
        assertThat(otherInstance.keyForReading(erased).key()).isEmpty();
        assertThat(capture.cachedKeys()).isEqualTo(4);
    }

    @Test
    void aKeyDestroyedByAnotherInstanceIsDestroyedHereAfterTheNextRefresh() {
        RecordKeyStore here = new RecordKeyStore(dataSource, 100);
        RecordKeyStore there = new RecordKeyStore(dataSource, 100);
        RecordKey record = newKey();
        Instant since = here.forgetKeysDestroyedSince(Instant.EPOCH);
        assertThat(here.keyForWriting(record)).isPresent();

        assertThat(there.destroy(record, "e-3")).isTrue();
        assertThat(here.keyForReading(record).key()).as("cached here, not yet refreshed").isPresent();

        here.forgetKeysDestroyedSince(since);
        assertThat(here.keyForReading(record).key()).isEmpty();
        assertThat(here.keyForWriting(record)).isEmpty();
    }
}
