package io.tessera.contracts.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Json;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.JsonSerde;
import io.tessera.contracts.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored form of a {@link SourceRecord}, on Tessera's topics and in its event store: its personal data (attributes, relations, facts,
 * consents) encrypted with the record's key (AES-256-GCM, a random 96-bit IV per encryption, the record key as
 * associated data), its key, kind, change time and source position in clear:
 *
 * <pre>{"key": {…}, "kind": "PERSON", "changedAt": "…", "position": "…", "sealed": {"v": 1, "iv": "…", "data": "…"}}</pre>
 *
 * Format 1 is sealed with the record's first key (generation 1). A record sealed with a later generation of its key,
 * given when the suppression of an erased record was lifted ({@link RecordKeys}), is written in format 2, which names
 * the generation: {@code "sealed": {"v": 2, "g": 2, "iv": "…", "data": "…"}}. Data is always opened with the generation
 * it names, so what was sealed before an erasure reads as erased even once the record has a live key again, instead of
 * failing its authentication tag under the new key.
 *
 * <p>A record whose key was destroyed reads back as its {@link SourceRecord#erasedCopy() erased copy}, and one written
 * after its key was destroyed is written as {@code {…, "erased": true}}, without its data; so is a version of a record
 * that its source changed before the erasure, when it is written under a key given after it
 * ({@link RecordKeys.SealingKey#admits}): old values held elsewhere (resolution's state, a decision on its way) never
 * come back under the new key. A record stored in plain JSON before encryption existed still reads as it was written
 * (it stays in clear until migrated).
 *
 * <p>Every message that holds source records is written this way: the records on {@code tessera.records}, the members
 * of the decisions on {@code tessera.identity}, and the events of the event store. Erasing a record therefore makes
 * its data unreadable on the topics at once, before compaction removes it.
 */
public final class SealedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SealedRecords.class);
    /** Sealed with generation 1 of the record's key, which it does not name. */
    private static final int FIRST_KEY_FORMAT = 1;
    /** Sealed with the generation of the record's key named by {@code "g"}. */
    private static final int GENERATION_FORMAT = 2;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One cipher per thread: looking one up costs more than sealing a record; each use initialises it afresh. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no " + TRANSFORMATION, e);
        }
    });

    private SealedRecords() {
    }

    /** {@link Json#mapper()} with records sealed by their keys: for Axon's event serializer and Tessera's topics. */
    public static ObjectMapper mapper(RecordKeys keys) {
        ObjectMapper plain = Json.mapper();
        SimpleModule module = new SimpleModule("tessera-sealed-records");
        module.addSerializer(SourceRecord.class, new Writer(keys, plain));
        module.addDeserializer(SourceRecord.class, new Reader(keys, plain));
        return Json.mapper().registerModule(module);
    }

    /** A Kafka serde for messages of {@code type} whose source records are sealed by their keys. */
    public static <T> JsonSerde<T> serde(Class<T> type, RecordKeys keys) {
        return new JsonSerde<>(type, mapper(keys));
    }

    /**
     * How a sealed text starts: {@code sealed:1:<iv>:<data>} with the record's first key, {@code sealed:2:<g>:<iv>:<data>}
     * with generation {@code g} of it; iv and data in Base64.
     */
    private static final String TEXT_PREFIX = "sealed:";

    /**
     * A text about a record (a dead letter's payload, say) sealed with the record's live key, or in the erased form
     * {@code sealed:erased} when its key was destroyed; {@code null} stays {@code null}.
     */
    public static String sealText(RecordKeys keys, RecordKey record, String text) {
        if (text == null) {
            return null;
        }
        Optional<RecordKeys.SealingKey> key = keys.keyForWriting(record);
        if (key.isEmpty()) {
            return ERASED_TEXT;
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            byte[] data = crypt(Cipher.ENCRYPT_MODE, key.get().key(), iv, record,
                    text.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            String format = key.get().generation() == 1 ? FIRST_KEY_FORMAT + ":"
                    : GENERATION_FORMAT + ":" + key.get().generation() + ":";
            return TEXT_PREFIX + format + base64.encodeToString(iv) + ":" + base64.encodeToString(data);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The dead letter with its payload (a raw change or message, which can hold a row's values) sealed by
     * {@link #sealText}: with the key of the record it names, so that erasing the record shreds it, or else with the
     * key of {@link #deadLetterRecord its origin and hour}. Operators read payloads through
     * {@code GET /api/v1/admin/dead-letters}.
     */
    public static DeadLetter sealPayload(RecordKeys keys, DeadLetter letter) {
        if (letter.payload() == null || isSealedText(letter.payload())) {
            return letter;
        }
        return new DeadLetter(letter.stage(), letter.origin(), letter.key(), letter.reason(),
                sealText(keys, deadLetterRecord(letter), letter.payload()), letter.at());
    }

    /**
     * The record whose key seals a dead letter's payload: the record it names, or for a letter whose key is not a
     * record key (an input too broken to say which row it is), one per stage, origin and hour (UTC) of rejection,
     * {@code tessera/dead-letter/<stage> <origin> <yyyy-MM-ddTHH>}. The hour bounds what an erasure that finds the
     * person in such a letter shreds with it: the other unnamed letters of that origin in that hour, not all of
     * them, and not the letters still to come.
     */
    public static RecordKey deadLetterRecord(DeadLetter letter) {
        return namedRecord(letter).orElseGet(() -> letter.at() == null ? originRecord(letter)
                : new RecordKey(DEAD_LETTER_SOURCE, DEAD_LETTER_TABLE, letter.stage() + " " + letter.origin() + " "
                        + HOURS.format(letter.at())));
    }

    /** Whether a key is one that seals dead letters naming no record ({@link #deadLetterRecord}), not a record's. */
    public static boolean isDeadLetterKey(RecordKey key) {
        return key.source().equals(DEAD_LETTER_SOURCE) && key.table().equals(DEAD_LETTER_TABLE);
    }

    /**
     * A dead letter's payload opened ({@link #openText}), or empty when its key was destroyed. A letter naming no
     * record that was sealed before keys were kept per hour (with its origin's key only) opens with that key.
     *
     * @throws IllegalArgumentException when the payload is sealed but does not open with its key
     */
    public static Optional<String> openPayload(RecordKeys keys, DeadLetter letter) {
        RecordKey sealedWith = deadLetterRecord(letter);
        if (isDeadLetterKey(sealedWith) && isSealedText(letter.payload()) && !letter.payload().equals(ERASED_TEXT)
                && keys.keyForReading(sealedWith, 1).missing()) {
            sealedWith = originRecord(letter);
        }
        return openText(keys, sealedWith, letter.payload());
    }

    private static Optional<RecordKey> namedRecord(DeadLetter letter) {
        if (letter.key() != null) {
            try {
                return Optional.of(RecordKey.parse(letter.key()));
            } catch (IllegalArgumentException e) {
                // Not a record key.
            }
        }
        return Optional.empty();
    }

    /** The key that sealed the unnamed letters of an origin before keys were kept per hour. */
    private static RecordKey originRecord(DeadLetter letter) {
        return new RecordKey(DEAD_LETTER_SOURCE, DEAD_LETTER_TABLE, letter.stage() + " " + letter.origin());
    }

    private static final String DEAD_LETTER_SOURCE = "tessera";
    private static final String DEAD_LETTER_TABLE = "dead-letter";
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
            .withZone(ZoneOffset.UTC);

    /** The form of a text whose record's key was destroyed. */
    public static final String ERASED_TEXT = "sealed:erased";

    /** Whether a text is in a sealed form ({@link #sealText}). */
    public static boolean isSealedText(String text) {
        return text != null && (text.startsWith(TEXT_PREFIX + FIRST_KEY_FORMAT + ":")
                || text.startsWith(TEXT_PREFIX + GENERATION_FORMAT + ":") || text.equals(ERASED_TEXT));
    }

    /**
     * The text {@link #sealText} sealed, or the text itself when it is not sealed; empty when the key it was sealed
     * with was destroyed.
     *
     * @throws IllegalArgumentException when the text is sealed but does not open with the record's key
     */
    public static Optional<String> openText(RecordKeys keys, RecordKey record, String text) {
        if (!isSealedText(text)) {
            return Optional.ofNullable(text);
        }
        if (text.equals(ERASED_TEXT)) {
            return Optional.empty();
        }
        try {
            String[] parts = text.substring(TEXT_PREFIX.length()).split(":");
            boolean first = parts[0].equals(Integer.toString(FIRST_KEY_FORMAT));
            int generation = first ? 1 : Integer.parseInt(parts[1]);
            int at = first ? 1 : 2;
            Optional<SecretKey> key = keys.keyForReading(record, generation).key();
            if (key.isEmpty()) {
                return Optional.empty();
            }
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] plain = crypt(Cipher.DECRYPT_MODE, key.get(), base64.decode(parts[at]), record,
                    base64.decode(parts[at + 1]));
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            KeysUnavailableException.rethrowIfCause(e);
            throw new IllegalArgumentException("A text sealed for record " + record + " does not open with its key: "
                    + e.getMessage(), e);
        }
    }

    /** What is encrypted: everything of the record that can be personal data. */
    private record Content(Attributes attributes, List<Relation> relations, Map<String, String> facts,
                           List<ConsentStatement> consents) {
    }

    private static final class Writer extends StdSerializer<SourceRecord> {

        private final transient RecordKeys keys;
        private final transient ObjectMapper plain;

        private final transient ObjectWriter contentWriter;

        Writer(RecordKeys keys, ObjectMapper plain) {
            super(SourceRecord.class);
            this.keys = keys;
            this.plain = plain;
            this.contentWriter = plain.writerFor(Content.class);
        }

        @Override
        public void serialize(SourceRecord record, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            provider.defaultSerializeField("key", record.key(), out);
            out.writeStringField("kind", record.kind().name());
            if (record.changedAt() != null) {
                provider.defaultSerializeField("changedAt", record.changedAt(), out);
            }
            if (record.position() != null) {
                out.writeStringField("position", record.position());
            }
            Optional<RecordKeys.SealingKey> key = record.erased() ? Optional.empty()
                    : keys.keyForWriting(record.key()).filter(live -> live.admits(record.changedAt()));
            if (key.isEmpty()) {
                // Erased, its key destroyed while the change was on its way, or a version from before an erasure
                // whose suppression was lifted since: nothing of it is written.
                out.writeBooleanField("erased", true);
            } else {
                RecordKeys.SealingKey sealing = key.get();
                byte[] content = contentWriter.writeValueAsBytes(new Content(record.attributes(), record.relations(),
                        record.facts(), record.consents()));
                byte[] iv = new byte[IV_BYTES];
                RANDOM.nextBytes(iv);
                out.writeObjectFieldStart("sealed");
                // Format 1 for a first key, so that a Tessera from before generations reads every record never lifted.
                if (sealing.generation() == 1) {
                    out.writeNumberField("v", FIRST_KEY_FORMAT);
                } else {
                    out.writeNumberField("v", GENERATION_FORMAT);
                    out.writeNumberField("g", sealing.generation());
                }
                out.writeBinaryField("iv", iv);
                out.writeBinaryField("data", crypt(Cipher.ENCRYPT_MODE, sealing.key(), iv, record.key(), content));
                out.writeEndObject();
            }
            out.writeEndObject();
        }
    }

    private static final class Reader extends StdDeserializer<SourceRecord> {

        private final transient RecordKeys keys;
        private final transient ObjectMapper plain;

        private final transient ObjectReader contentReader;

        Reader(RecordKeys keys, ObjectMapper plain) {
            super(SourceRecord.class);
            this.keys = keys;
            this.plain = plain;
            this.contentReader = plain.readerFor(Content.class);
        }

        private RecordKey recordKey(JsonNode key) throws IOException {
            if (key == null || !key.isObject()) {
                throw new IOException("A sealed record has no key object");
            }
            try {
                return new RecordKey(key.path("source").asText(null), key.path("table").asText(null),
                        key.path("pk").asText(null));
            } catch (IllegalArgumentException e) {
                throw new IOException("A sealed record's key is invalid: " + e.getMessage(), e);
            }
        }

        @Override
        public SourceRecord deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonNode node = in.readValueAsTree();
            JsonNode sealed = node.get("sealed");
            if (sealed == null && !node.path("erased").asBoolean(false)) {
                return plain.treeToValue(node, SourceRecord.class);
            }
            RecordKey recordKey = recordKey(node.get("key"));
            EntityKind kind = node.hasNonNull("kind") ? EntityKind.valueOf(node.get("kind").asText()) : null;
            JsonNode changed = node.get("changedAt");
            // Read here rather than through the mapper: this runs for every record resolution reads.
            Instant changedAt = changed == null || changed.isNull() ? null
                    : changed.isTextual() ? Instant.parse(changed.textValue()) : plain.treeToValue(changed, Instant.class);
            String position = node.hasNonNull("position") ? node.get("position").asText() : null;
            SourceRecord erased = new SourceRecord(recordKey, kind, Attributes.NONE, changedAt, position, List.of(),
                    Map.of(), List.of(), true);
            if (sealed == null) {
                return erased;
            }
            int generation = switch (sealed.path("v").asInt()) {
                case FIRST_KEY_FORMAT -> 1;
                case GENERATION_FORMAT -> sealed.path("g").asInt();
                default -> throw new IOException("Record " + recordKey + " is sealed in format " + sealed.path("v")
                        + ", which this Tessera cannot read; run the Tessera version that wrote it");
            };
            if (generation < 1) {
                throw new IOException("Record " + recordKey + " is sealed in format 2 without a key generation "
                        + "(\"g\" is " + sealed.path("g") + "); the value is damaged");
            }
            RecordKeys.Lookup lookup = keys.keyForReading(recordKey, generation);
            if (lookup.key().isEmpty()) {
                if (lookup.missing()) {
                    LOG.warn("Table record_key holds no key of generation {} for record {}: its events read as "
                            + "erased. If no erasure removed it, the key table lost rows: restore it from a backup",
                            generation, recordKey);
                }
                return erased;
            }
            byte[] content = crypt(Cipher.DECRYPT_MODE, lookup.key().get(), sealed.get("iv").binaryValue(), recordKey,
                    sealed.get("data").binaryValue());
            Content open = contentReader.readValue(content);
            return new SourceRecord(recordKey, kind, open.attributes(), changedAt, position, open.relations(),
                    open.facts(), open.consents());
        }
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] iv, RecordKey record, byte[] input)
            throws IOException {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            // Bound to its record: a sealed value copied into another record's event does not decrypt.
            cipher.updateAAD(record.asString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " the data of record " + record + " with its key: " + e.getMessage(), e);
        }
    }
}
