package io.tessera.ingestion.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.contracts.Json;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.TopicTail;
import io.tessera.contracts.Topics;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.mapping.ReadPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The streamed changes the sink acknowledged recently, so that a capture that starts again does not deliver twice
 * what it delivered before its offsets reached disk.
 *
 * <p>A capture commits its source offsets after the sink acknowledged a batch. If the process dies between the two,
 * or the sink fails part of a batch, the source sends the changes after the last committed offset again: without
 * this, the records topic would hold them twice, and a profile's history would show that stretch twice (an older
 * version of a record coming back, then the newer one again). A change is the same change when its record key,
 * source position and source commit time are: so a streamed change equal in all three to one acknowledged before is
 * skipped. Nothing is assumed about the order of positions, so a source whose log goes back (a restore, a failover)
 * loses nothing: its new changes have other commit times. Snapshot rows are never skipped (a snapshot read again must
 * be read whole); they repeat values the records topic holds already, which changes no profile.
 *
 * <p>The last {@value #REMEMBERED} acknowledged changes of each source are remembered (a capture batch holds at most
 * a few thousand); a process that starts reads them back from the records topic ({@link #readTopic}). Decorates the
 * sink that makes changes durable; thread-safe.
 */
public final class DeliveredPositions implements RecordSink {

    /** The header of a tombstone on {@code tessera.records} that holds the delete's source position. */
    public static final String POSITION_HEADER = "tessera.position";
    /** The header of a tombstone on {@code tessera.records} that holds the delete's source commit time. */
    public static final String CHANGED_AT_HEADER = "tessera.changed-at";
    static final int REMEMBERED = 20_000;
    private static final ObjectMapper JSON = Json.mapper();

    private final RecordSink delegate;
    private final Map<String, SequencedSet<String>> acknowledged = new ConcurrentHashMap<>();

    /**
     * @param delegate the sink
     * @param before   changes delivered before this process started, as {@link #identity} strings
     *                 ({@link #readTopic})
     */
    public DeliveredPositions(RecordSink delegate, Collection<String> before) {
        this.delegate = delegate;
        before.forEach(identity -> remember(sourceOf(identity), identity));
    }

    @Override
    public CompletionStage<Void> accept(MappingResult.Output output) {
        String identity = identity(output);
        CompletionStage<Void> done = delegate.accept(output);
        return identity == null ? done : done.thenRun(() -> remember(keyOf(output).source(), identity));
    }

    @Override
    public void prepare(List<MappingResult.Upsert> upserts) {
        delegate.prepare(upserts);
    }

    /** Whether the change is a streamed change the sink acknowledged before. */
    boolean delivered(MappingResult.Output output) {
        if (output instanceof MappingResult.Upsert upsert && upsert.phase() != ReadPhase.STREAMING) {
            return false;
        }
        String identity = identity(output);
        if (identity == null) {
            return false;
        }
        SequencedSet<String> recent = acknowledged.get(keyOf(output).source());
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            return recent.contains(identity);
        }
    }

    private void remember(String source, String identity) {
        SequencedSet<String> recent = acknowledged.computeIfAbsent(source, s -> new LinkedHashSet<>());
        synchronized (recent) {
            recent.add(identity);
            while (recent.size() > REMEMBERED) {
                recent.removeFirst();
            }
        }
    }

    /**
     * What makes a change the same change: {@code key NUL position NUL commit time}; null for a change without a
     * source position (it cannot be told apart from another) and for rejections.
     */
    static String identity(MappingResult.Output output) {
        return switch (output) {
            case MappingResult.Upsert upsert -> identity(upsert.record().key().asString(), upsert.record().position(),
                    upsert.record().changedAt());
            case MappingResult.Delete delete -> identity(delete.key().asString(), delete.position(), delete.changedAt());
            case MappingResult.Rejected rejected -> null;
        };
    }

    private static String identity(String key, String position, Instant changedAt) {
        return position == null ? null : key + '\u0000' + position + '\u0000' + changedAt;
    }

    /** The record an upsert or delete is of; null for a rejection. */
    private static RecordKey keyOf(MappingResult.Output output) {
        return switch (output) {
            case MappingResult.Upsert upsert -> upsert.record().key();
            case MappingResult.Delete delete -> delete.key();
            case MappingResult.Rejected rejected -> null;
        };
    }

    /** The source of an identity read back from the topic (at start only: the live path knows its key). */
    private static String sourceOf(String identity) {
        return RecordKey.parse(identity.substring(0, identity.indexOf('\u0000'))).source();
    }

    /** The headers of a tombstone, so that {@link #readTopic} knows the delete again. */
    static void addHeaders(Headers headers, MappingResult.Delete delete) {
        if (delete.position() != null) {
            headers.add(POSITION_HEADER, delete.position().getBytes(StandardCharsets.UTF_8));
            if (delete.changedAt() != null) {
                headers.add(CHANGED_AT_HEADER, delete.changedAt().toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * The changes among the last {@code window} messages of each partition of the records topic, as
     * {@link #identity} strings, oldest first: upserts carry their record's key, position and commit time (in clear in
     * the sealed form too), tombstones carry them in headers.
     */
    public static List<String> readTopic(String bootstrapServers, int window) {
        List<String> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicTail.read(bootstrapServers, Topics.RECORDS.name(), window,
                Duration.ofSeconds(30))) {
            String identity = identityOf(record);
            if (identity != null) {
                changes.add(identity);
            }
        }
        return changes;
    }

    private static String identityOf(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return null;
        }
        try {
            RecordKey.parse(record.key());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (record.value() == null) {
            String position = header(record, POSITION_HEADER);
            String changedAt = header(record, CHANGED_AT_HEADER);
            return identity(record.key(), position, changedAt == null ? null : Instant.parse(changedAt));
        }
        try {
            JsonNode value = JSON.readTree(record.value());
            JsonNode position = value.get("position");
            JsonNode changedAt = value.get("changedAt");
            return identity(record.key(), position == null || !position.isTextual() ? null : position.textValue(),
                    changedAt == null || changedAt.isNull() ? null : JSON.treeToValue(changedAt, Instant.class));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
