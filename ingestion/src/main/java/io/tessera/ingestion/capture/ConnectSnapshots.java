package io.tessera.ingestion.capture;

import io.tessera.ingestion.capture.SourceStatus.State;
import io.tessera.ingestion.mapping.ReadPhase;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * When the snapshot of a source read from Kafka Connect's topics is over, and the state the source shows meanwhile.
 *
 * <p>Connect writes a source's snapshot to one topic per table, marks the very last row of the whole snapshot
 * {@code snapshot=last} (often in the heartbeat table's topic), sends a heartbeat to its own topic, then streams.
 * A consumer reads those topics side by side, so the mark, a heartbeat or a streamed change of one topic can arrive
 * while snapshot rows of another table are still unread. So the snapshot counts as complete only once such an end
 * arrived and every partition of the source's topics either showed an end itself (what follows in that partition
 * is streamed) or had nothing left to read. Until then a source that delivered snapshot rows shows
 * {@link State#SNAPSHOT}. A connector restarted in the middle of its snapshot snapshots again: those rows count
 * again, and the end of the repeated snapshot completes it. Once complete, each change shows its phase at once, as
 * with the embedded engine.
 *
 * <p>Used by the capture's poll thread only.
 */
final class ConnectSnapshots {

    private final Map<String, Source> sources = new LinkedHashMap<>();

    /**
     * @param topicSources every topic read, with the name of its source
     * @param trackers     the trackers by source name
     */
    ConnectSnapshots(Map<String, String> topicSources, Map<String, StatusTracker> trackers) {
        trackers.forEach((name, tracker) -> sources.put(name, new Source(tracker)));
        topicSources.forEach((topic, source) -> {
            Source s = sources.get(source);
            if (s != null) {
                s.topics.add(topic);
            }
        });
    }

    /** A delivered change of {@code partition} was read by Debezium in {@code phase}. */
    void seen(TopicPartition partition, StatusTracker tracker, ReadPhase phase) {
        Source source = sources.get(tracker.name());
        if (source == null || tracker.isSnapshotCompleted()) {
            BatchDelivery.showAtOnce(tracker, phase);
            return;
        }
        if (phase == ReadPhase.SNAPSHOT) {
            // A partition that ended before and reads snapshot rows again holds a repeated snapshot.
            source.ended.remove(partition);
            tracker.moveTo(State.SNAPSHOT);
        } else {
            source.endSeen = true;
            source.ended.add(partition);
        }
    }

    /**
     * Completes the snapshot of every source whose end arrived and whose partitions have no snapshot row left
     * unread. Call after each poll, delivered or empty.
     *
     * @param assignment the partitions the consumer reads now
     * @param lag        how many records of a partition are left to read, empty when not known yet
     */
    void settle(Set<TopicPartition> assignment, Function<TopicPartition, OptionalLong> lag) {
        for (Source source : sources.values()) {
            StatusTracker tracker = source.tracker;
            if (!source.endSeen || tracker.isSnapshotCompleted()) {
                continue;
            }
            boolean drained = assignment.stream()
                    .filter(p -> source.topics.contains(p.topic()))
                    .allMatch(p -> source.ended.contains(p) || lag.apply(p).orElse(-1) == 0);
            if (drained) {
                if (tracker.snapshotCompleted()) {
                    BatchDelivery.logSnapshotDone(tracker);
                }
                tracker.moveTo(State.RUNNING);
            }
        }
    }

    /** What is known of one source's snapshot. */
    private static final class Source {
        private final StatusTracker tracker;
        private final Set<String> topics = new HashSet<>();
        /** The partitions whose last delivered change ended the snapshot: the rest of them is streamed. */
        private final Set<TopicPartition> ended = new HashSet<>();
        /** A change that ends the snapshot arrived (in any partition). */
        private boolean endSeen;

        private Source(StatusTracker tracker) {
            this.tracker = tracker;
        }
    }
}
