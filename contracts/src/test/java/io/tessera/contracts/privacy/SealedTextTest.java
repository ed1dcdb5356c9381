package io.tessera.contracts.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.RecordKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Dead letters keep their payloads sealed with the key of the record they name. */
class SealedTextTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final String ROW = "{\"after\": {\"id\": 7, \"name\": \"Ana García\", \"email\": \"ana@correo.es\"}}";

    private final InMemoryRecordKeys keys = new InMemoryRecordKeys();

    @Test
    void aPayloadIsSealedWithItsRecordsKeyAndOpensUntilTheKeyIsDestroyed() {
        DeadLetter letter = new DeadLetter("ingestion", "crm/res_partner", "crm/res_partner/7",
                "crm/res_partner: column 'mobile' is not in the row", ROW, AT);

        DeadLetter sealed = SealedRecords.sealPayload(keys, letter);

        assertThat(sealed.payload()).startsWith("sealed:1:").doesNotContain("García").doesNotContain("correo");
        assertThat(sealed.reason()).isEqualTo(letter.reason());
        RecordKey record = SealedRecords.deadLetterRecord(sealed);
        assertThat(record).isEqualTo(new RecordKey("crm", "res_partner", "7"));
        assertThat(SealedRecords.openText(keys, record, sealed.payload())).hasValue(ROW);
        assertThat(SealedRecords.sealPayload(keys, sealed)).as("sealed once only").isEqualTo(sealed);

        keys.destroy(record);
        assertThat(SealedRecords.openText(keys, record, sealed.payload())).isEmpty();
        assertThat(SealedRecords.sealPayload(keys, letter).payload()).isEqualTo(SealedRecords.ERASED_TEXT);
    }

    @Test
    void aLetterThatNamesNoRecordIsSealedWithTheKeyOfItsOriginAndHour() {
        DeadLetter letter = new DeadLetter("ingestion", "erp/tabCustomer", "{\"name\": \"CUST-1\"}",
                "erp/tabCustomer: unknown Debezium operation 'x'", ROW, AT.plusSeconds(59 * 60));
        DeadLetter nextHour = new DeadLetter("ingestion", "erp/tabCustomer", "{\"name\": \"CUST-2\"}",
                "erp/tabCustomer: unknown Debezium operation 'x'", ROW, AT.plusSeconds(60 * 60));

        DeadLetter sealed = SealedRecords.sealPayload(keys, letter);
        DeadLetter sealedLater = SealedRecords.sealPayload(keys, nextHour);

        RecordKey origin = SealedRecords.deadLetterRecord(sealed);
        assertThat(origin).isEqualTo(new RecordKey("tessera", "dead-letter", "ingestion erp/tabCustomer 2026-11-22T10"));
        assertThat(SealedRecords.isDeadLetterKey(origin)).isTrue();
        assertThat(SealedRecords.isDeadLetterKey(new RecordKey("crm", "res_partner", "7"))).isFalse();
        assertThat(SealedRecords.openPayload(keys, sealed)).hasValue(ROW);

        // Shredding one hour of an origin's unnamed letters leaves the next hour's readable, and its new letters too.
        keys.destroy(origin);
        assertThat(SealedRecords.openPayload(keys, sealed)).isEmpty();
        assertThat(SealedRecords.openPayload(keys, sealedLater)).hasValue(ROW);
        assertThat(SealedRecords.openPayload(keys, SealedRecords.sealPayload(keys,
                new DeadLetter("ingestion", "erp/tabCustomer", null, "again", ROW, AT.plusSeconds(2 * 3600)))))
                .hasValue(ROW);
    }

    @Test
    void anUnnamedLetterSealedWithItsOriginsKeyAloneStillOpens() {
        // How letters naming no record were sealed before keys were kept per hour.
        RecordKey legacy = new RecordKey("tessera", "dead-letter", "identity-resolution tessera.records-0@12");
        DeadLetter old = new DeadLetter("identity-resolution", "tessera.records-0@12", null, "The record has no key",
                SealedRecords.sealText(keys, legacy, ROW), AT);

        assertThat(SealedRecords.openPayload(keys, old)).hasValue(ROW);
        keys.destroy(legacy);
        assertThat(SealedRecords.openPayload(keys, old)).isEmpty();
    }

    @Test
    void aPlainPayloadReadsAsItIsAndOneSealedForAnotherRecordDoesNotOpen() {
        assertThat(SealedRecords.openText(keys, new RecordKey("crm", "res_partner", "1"), "plain")).hasValue("plain");
        String sealed = SealedRecords.sealText(keys, new RecordKey("crm", "res_partner", "1"), ROW);
        keys.keyForWriting(new RecordKey("crm", "res_partner", "2"));

        assertThatThrownBy(() -> SealedRecords.openText(keys, new RecordKey("crm", "res_partner", "2"), sealed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not open");
    }
}
