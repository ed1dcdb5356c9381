package io.tessera.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.pipeline.PipelineProperties;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.TopicTail;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The latest dead letters, with their payloads opened: on {@code tessera.deadletter} a payload (the raw change, which
 * holds a row's values) is sealed with its record's key ({@link SealedRecords#sealPayload}), so this is where an
 * operator reads why a change was rejected and what it held. Admins only, audited. A payload whose record was erased
 * since reads as {@code erased}, without a value.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
public class DeadLetterController {

    private static final int MAX_LIMIT = 1_000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Deserializer<DeadLetter> DEAD_LETTERS = Topics.DEAD_LETTER.valueSerde().deserializer();

    private final PipelineProperties properties;
    private final RecordKeys keys;

    public DeadLetterController(PipelineProperties properties, RecordKeys keys) {
        this.properties = properties;
        this.keys = keys;
    }

    /**
     * One dead letter as read back.
     *
     * @param payloadState {@code opened} (it was sealed and opened with its record's key), {@code clear} (written
     *                     unsealed by an earlier version), {@code erased} (its record's key was destroyed),
     *                     {@code unreadable} (sealed, but it does not open with the key: the key table lost it), or
     *                     {@code none}
     */
    public record DeadLetterView(String stage, String origin, String key, String reason, Instant at, String payload,
                                 String payloadState, int partition, long offset) {
    }

    /** The answer: the latest dead letters, newest first. */
    public record DeadLetters(List<DeadLetterView> deadLetters) {
    }

    @Operation(summary = "The latest dead letters (newest first) with their reasons and payloads opened; `stage` "
            + "keeps one stage's (ingestion, identity-resolution, projections); `limit` 1 to 1000, default 50")
    @GetMapping
    public DeadLetters latest(@RequestParam(defaultValue = "50") int limit,
                              @RequestParam(required = false) String stage) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
        }
        // With a stage, more are read to find that many of it among the others.
        int perPartition = stage == null ? limit : Math.min(limit * 10, 10 * MAX_LIMIT);
        List<DeadLetterView> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : tail(perPartition)) {
            DeadLetter letter;
            try {
                letter = DEAD_LETTERS.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                found.add(new DeadLetterView(null, null, record.key(), "Unreadable dead letter: " + e.getMessage(),
                        Instant.ofEpochMilli(record.timestamp()), null, "unreadable", record.partition(),
                        record.offset()));
                continue;
            }
            if (letter == null || (stage != null && !stage.equals(letter.stage()))) {
                continue;
            }
            found.add(view(letter, record));
        }
        found.sort(Comparator.comparing(DeadLetterView::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return new DeadLetters(found.subList(0, Math.min(limit, found.size())));
    }

    private DeadLetterView view(DeadLetter letter, ConsumerRecord<String, byte[]> record) {
        String payload = null;
        String state;
        if (letter.payload() == null) {
            state = "none";
        } else if (!SealedRecords.isSealedText(letter.payload())) {
            payload = letter.payload();
            state = "clear";
        } else {
            try {
                Optional<String> opened = SealedRecords.openPayload(keys, letter);
                payload = opened.orElse(null);
                state = opened.isPresent() ? "opened" : "erased";
            } catch (IllegalArgumentException e) {
                state = "unreadable";
            }
        }
        return new DeadLetterView(letter.stage(), letter.origin(), letter.key(), letter.reason(), letter.at(), payload,
                state, record.partition(), record.offset());
    }

    /** The last {@code count} records of each partition of the dead-letter topic. */
    private List<ConsumerRecord<String, byte[]>> tail(int count) {
        try {
            return TopicTail.read(properties.kafka().bootstrapServers(), Topics.DEAD_LETTER.name(), count,
                    READ_TIMEOUT);
        } catch (TopicTail.TopicTailTimeoutException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), e);
        }
    }
}
