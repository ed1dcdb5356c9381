package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.mapping.ReadPhase;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressingRecordSinkTest {

    private static final RecordKey ERASED = new RecordKey("crm", "res_partner", "7");
    private static final RecordKey OTHER = new RecordKey("crm", "res_partner", "8");
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    private final RecordingSink downstream = new RecordingSink();
    private final SuppressingRecordSink sink =
            new SuppressingRecordSink(downstream, Set.of(ERASED)::contains, key -> "hash-of-" + key.pk());

    private static Upsert upsert(RecordKey key) {
        return new Upsert(new SourceRecord(key, EntityKind.PERSON,
                new Attributes("Ana García", null, null, null, List.of("ana@example.org"), List.of(), null, null),
                AT, "lsn:1"), ReadPhase.STREAMING);
    }

    @Test
    void anUpsertOfASuppressedRecordIsDroppedCountedAndCompletesNormally() {
        var stage = sink.accept(upsert(ERASED)).toCompletableFuture();

        assertThat(stage).isCompleted().isNotCompletedExceptionally();
        assertThat(downstream.received()).isEmpty();
        assertThat(sink.dropped()).isEqualTo(1);
    }

    @Test
    void deletesOfSuppressedRecordsAndEverythingElsePass() {
        Delete delete = new Delete(ERASED, AT, "lsn:2");
        Upsert other = upsert(OTHER);
        Rejected rejected = new Rejected(new DeadLetter("mapping", "crm", ERASED.asString(), "bad", "{}", AT));

        sink.accept(delete);
        sink.accept(other);
        sink.accept(rejected);

        assertThat(downstream.received()).extracting(RecordingSink.Received::output)
                .containsExactly((MappingResult.Output) delete, other, rejected);
        assertThat(sink.dropped()).isZero();
    }

    @Test
    void withNoSuppressionsEveryUpsertPasses() {
        SuppressingRecordSink open = new SuppressingRecordSink(downstream, Suppressions.NONE, key -> "h");
        open.accept(upsert(ERASED));
        assertThat(downstream.received()).hasSize(1);
        assertThat(open.dropped()).isZero();
    }
}
