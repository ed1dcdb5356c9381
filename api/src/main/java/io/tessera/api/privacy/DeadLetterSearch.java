package io.tessera.api.privacy;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.TopicTail;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a person being erased in the dead letters, whose payloads (raw changes a stage could not read) are sealed but
 * never parsed into records: one pass over {@code tessera.deadletter}, every readable payload opened and searched for
 * {@link PersonalMentions}.
 *
 * <ul>
 *   <li>A letter that names no record is sealed with the key of its origin and hour
 *       ({@link SealedRecords#deadLetterRecord}); any mention of the person puts that key among the keys to
 *       destroy.</li>
 *   <li>A letter that names a record that no profile holds (a row that was rejected before resolution ever saw it)
 *       holding one of the person's email addresses or identifiers puts that record among the records to erase. A
 *       record some profile holds is left alone: erasing it is a matter for that profile's erasure, not for a match in
 *       a payload.</li>
 * </ul>
 * Letters of the records being erased need nothing more: their records' keys are destroyed.
 */
public class DeadLetterSearch {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSearch.class);
    private static final Deserializer<DeadLetter> DEAD_LETTERS = Topics.DEAD_LETTER.valueSerde().deserializer();

    private final String bootstrapServers;
    private final RecordKeys keys;
    private final Duration timeout;

    public DeadLetterSearch(String bootstrapServers, RecordKeys keys, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.keys = keys;
        this.timeout = timeout;
    }

    /**
     * What the dead letters hold of a person.
     *
     * @param letterKeys the keys of unnamed letters' origins and hours to destroy
     * @param records    records held by no profile whose letters name the person
     * @param letters    how many letters mention the person
     */
    public record Found(Set<RecordKey> letterKeys, Set<RecordKey> records, int letters) {

        public boolean isEmpty() {
            return letters == 0;
        }
    }

    /**
     * @param held whether a profile holds a record
     * @throws TopicTail.TopicTailTimeoutException when the topic cannot be read within the timeout
     */
    public Found find(PersonalMentions person, Predicate<RecordKey> held) {
        Set<RecordKey> letterKeys = new TreeSet<>();
        Set<RecordKey> records = new TreeSet<>();
        int[] letters = {0};
        readable(person, (letter, payload) -> {
            RecordKey sealedWith = SealedRecords.deadLetterRecord(letter);
            if (SealedRecords.isDeadLetterKey(sealedWith) ? person.anyIn(payload)
                    : person.strongIn(payload) && !held.test(sealedWith)) {
                (SealedRecords.isDeadLetterKey(sealedWith) ? letterKeys : records).add(sealedWith);
                letters[0]++;
            }
        });
        return new Found(letterKeys, records, letters[0]);
    }

    /**
     * The dead letters, payloads opened, that hold one of the person's email addresses or identifiers: what a subject
     * access export shows of them. Only strong mentions, so that nobody is shown a letter of a namesake or of
     * someone sharing a phone.
     *
     * @throws TopicTail.TopicTailTimeoutException when the topic cannot be read within the timeout
     */
    public List<DeadLetter> mentioning(PersonalMentions person) {
        List<DeadLetter> found = new ArrayList<>();
        readable(person, (letter, payload) -> {
            if (person.strongIn(payload)) {
                found.add(new DeadLetter(letter.stage(), letter.origin(), letter.key(), letter.reason(), payload,
                        letter.at()));
            }
        });
        return found;
    }

    /** Hands each letter whose payload opens, with the payload, to {@code each}; nothing when nothing identifies. */
    private void readable(PersonalMentions person, BiConsumer<DeadLetter, String> each) {
        if (person.isEmpty()) {
            return;
        }
        TopicTail.readAll(bootstrapServers, Topics.DEAD_LETTER.name(), timeout, message -> letter(message)
                .ifPresent(letter -> payload(letter).ifPresent(payload -> each.accept(letter, payload))));
    }

    private static Optional<DeadLetter> letter(ConsumerRecord<String, byte[]> message) {
        try {
            return Optional.ofNullable(DEAD_LETTERS.deserialize(message.topic(), message.value()));
        } catch (RuntimeException e) {
            // Not a dead letter Tessera wrote; nothing in it can be opened or shredded.
            LOG.warn("Skipping unreadable message {}-{}@{} while searching the dead letters for an erasure: {}",
                    message.topic(), message.partition(), message.offset(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The payload as it can be read now: empty when there is none or its key is destroyed already. */
    private Optional<String> payload(DeadLetter letter) {
        if (!SealedRecords.isSealedText(letter.payload())) {
            // None, or in clear from a version before payloads were sealed: no key to destroy.
            return Optional.empty();
        }
        try {
            return SealedRecords.openPayload(keys, letter);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
