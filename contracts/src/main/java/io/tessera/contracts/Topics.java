package io.tessera.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Tessera's own topics, each declared once. Keys are strings; values are JSON. The serdes declared here write the
 * plain JSON form; Tessera's stages read and write source records sealed by their keys
 * ({@link io.tessera.contracts.privacy.SealedRecords}), and read plain ones too.
 */
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

    /**
     * The longest a replaced or deleted value stays in a compacted topic of Tessera's (its own and resolution's
     * changelogs) before the log cleaner may remove it: one day, so that what an erasure deleted is gone from the
     * brokers' disks within a bounded time, not only once a segment happens to fill.
     */
    public static final Duration MAX_COMPACTION_LAG = Duration.ofDays(1);

    /** The configuration of a compacted topic of Tessera's. */
    public static Map<String, String> compactedConfigs() {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(MAX_COMPACTION_LAG.toMillis()));
    }

    private Topics() {
    }
}
