package io.tessera.contracts;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** Tessera's own topics, each declared once. Keys are strings; values are JSON. */
public final class Topics {

    /** Canonical source records keyed by {@link RecordKey#asString()}; a delete is a tombstone. Compacted. */
    public static final Topic<String, SourceRecord> RECORDS =
            new Topic<>("tessera.records", Serdes.String(), new JsonSerde<>(SourceRecord.class), true);

    /** Identity decisions keyed by profile id: the latest decision per profile is its membership. Compacted. */
    public static final Topic<String, IdentityDecision> IDENTITY =
            new Topic<>("tessera.identity", Serdes.String(), new JsonSerde<>(IdentityDecision.class), true);

    /** Inputs a stage could not process, with the reason. Kept by time, not compacted. */
    public static final Topic<String, DeadLetter> DEAD_LETTER =
            new Topic<>("tessera.deadletter", Serdes.String(), new JsonSerde<>(DeadLetter.class), false);

    public static final List<Topic<?, ?>> ALL = List.of(RECORDS, IDENTITY, DEAD_LETTER);

    private Topics() {
    }
}
