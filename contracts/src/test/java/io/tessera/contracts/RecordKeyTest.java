package io.tessera.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordKeyTest {

    @Test
    void keyWithSlashesSurvivesTheRoundTrip() {
        RecordKey key = new RecordKey("erp", "tabContact", "Ana/García 2");
        assertThat(RecordKey.parse(key.asString())).isEqualTo(key);
    }

    @Test
    void malformedKeyNamesTheExpectedShape() {
        assertThatThrownBy(() -> RecordKey.parse("crm-only"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source/table/pk");
    }

    @Test
    void sourceRecordRoundTripsThroughItsTopicSerde() {
        SourceRecord record = new SourceRecord(new RecordKey("crm", "res_partner", "7"), EntityKind.PERSON,
                new Attributes("José Müller", null, null, null, List.of("jose@example.com"), List.of("+34 600 000 000"),
                        new Address("Calle Mayor 1", "28013", "Madrid", null, "ES"), null),
                Instant.parse("2026-01-02T03:04:05Z"), "lsn:1");
        var serde = Topics.RECORDS.valueSerde();
        byte[] bytes = serde.serializer().serialize("t", record);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(record);
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }
}
