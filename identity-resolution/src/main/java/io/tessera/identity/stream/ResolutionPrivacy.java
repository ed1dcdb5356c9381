package io.tessera.identity.stream;

import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.privacy.KeysUnavailableException;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.errors.ProcessorStateException;

/**
 * How identity resolution keeps personal data out of Kafka in clear (DESIGN: privacy).
 * <ul>
 *   <li>Records it reads from {@code tessera.records}, and the members of the decisions it writes to
 *       {@code tessera.identity}, are sealed with each record's own key ({@link SealedRecords}): erasure destroys the
 *       key, and the record reads as erased wherever it lies on those topics.</li>
 *   <li>Its records store, and so its changelog topic, holds each record's features and data encrypted with the
 *       record's own key as well ({@link #sealRecord}): erasure destroys the key, and every version of the record in
 *       the store's changelog is unreadable from then on, before compaction removes it. Scoring compares
 *       candidates' names and addresses, so they cannot be hashes; the cost is a key lookup per candidate read from
 *       the store (the record keys' cache answers most of them).</li>
 *   <li>Index keys (blocking keys, email and phone holders) are compared only for equality, so they are stored as a
 *       keyed hash (HMAC-SHA-256, 128 bits) and never in clear. A record's value lists its index keys' hashes in
 *       clear, so that a record whose key is destroyed can still be taken out of the index.</li>
 * </ul>
 * The resolution key is one 256-bit secret kept by Tessera (table {@code tessera_secret}); it must not change while
 * the state exists, or the index cannot be read. Records stored by earlier versions were encrypted with a key
 * derived from it ({@link #seal}); they still open, and are sealed with their record's key when next written.
 * Thread-safe.
 */
public final class ResolutionPrivacy {

    private static final byte SEALED_STATE = 2;
    private static final byte RECORD_SEALED = 3;
    private static final int INDEX_HASH_CHARS = 22;
    private static final byte[] RECORD_STATE_CONTEXT = "tessera resolution state of ".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int INDEX_HASH_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RecordKeys recordKeys;
    private final SecretKey stateKey;
    private final SecretKey indexKey;
    private final ThreadLocal<Mac> macs;
    /** One cipher per thread: looking one up costs more than sealing a record; each use initialises it afresh. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no AES/GCM/NoPadding", e);
        }
    });

    /**
     * @param recordKeys    the keys of the source records
     * @param resolutionKey the resolution key: 32 bytes of secret, the same for as long as the state is kept
     */
    public ResolutionPrivacy(RecordKeys recordKeys, byte[] resolutionKey) {
        this.recordKeys = Objects.requireNonNull(recordKeys, "recordKeys");
        if (resolutionKey == null || resolutionKey.length != 32) {
            throw new IllegalArgumentException("The resolution key must be 32 bytes; got "
                    + (resolutionKey == null ? "none" : resolutionKey.length + " bytes"));
        }
        // Two keys derived from the one secret, so that the hash key is never also used to encrypt.
        this.stateKey = new SecretKeySpec(derive(resolutionKey, "tessera resolution state"), "AES");
        this.indexKey = new SecretKeySpec(derive(resolutionKey, "tessera resolution index"), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(indexKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("This JVM cannot compute HMAC-SHA256", e);
            }
        });
    }

    RecordKeys recordKeys() {
        return recordKeys;
    }

    /** How records are read from {@code tessera.records}. */
    public Serde<SourceRecord> records() {
        return SealedRecords.serde(SourceRecord.class, recordKeys);
    }

    /** How decisions are written to {@code tessera.identity}. */
    public Serde<IdentityDecision> decisions() {
        return SealedRecords.serde(IdentityDecision.class, recordKeys);
    }

    /** The stored form of an index key: a keyed hash, Base64 without padding (22 characters, never NUL). */
    String indexKey(String clear) {
        Mac mac = macs.get();
        byte[] hash = mac.doFinal(clear.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, INDEX_HASH_BYTES));
    }

    /**
     * A state value encrypted with the resolution key, bound to the record it belongs to: how earlier versions stored
     * records, kept for tests of reading them.
     */
    byte[] seal(String recordKey, byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, recordKey, iv, plain, 0, plain.length);
        return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(SEALED_STATE).put(iv).put(sealed).array();
    }

    /** Whether a state value is in the sealed form (else it was written in clear by an earlier version). */
    static boolean isSealed(byte[] stored) {
        return stored.length > 0 && stored[0] == SEALED_STATE;
    }

    /** The plain value of a sealed state value. */
    byte[] open(String recordKey, byte[] stored) {
        byte[] iv = Arrays.copyOfRange(stored, 1, 1 + IV_BYTES);
        return crypt(Cipher.DECRYPT_MODE, recordKey, iv, stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
    }

    /**
     * A record's state value sealed with the record's own key: format byte 3; the number of index hashes (short) and
     * each hash (22 ASCII characters); the key's generation (int; 0 when the record's key is already destroyed, and
     * then nothing follows); the IV; the encrypted value with its tag. The header is authenticated with the record.
     *
     * @param changedAt   when the version stored changed in its source: a version from before an erasure whose
     *                    suppression was lifted since is never sealed with the new key ({@link
     *                    RecordKeys.SealingKey#admits}), as on the topics
     * @param indexHashes the hashed index keys the record is filed under ({@link #indexKey})
     */
    byte[] sealRecord(RecordKey record, Instant changedAt, Collection<String> indexHashes, byte[] plain) {
        Optional<RecordKeys.SealingKey> key = keyForWriting(record).filter(live -> live.admits(changedAt));
        int header = 1 + 2 + indexHashes.size() * INDEX_HASH_CHARS + 4;
        ByteBuffer out = ByteBuffer.allocate(header + (key.isEmpty() ? 0 : IV_BYTES + plain.length + TAG_BITS / 8));
        out.put(RECORD_SEALED).putShort((short) indexHashes.size());
        for (String hash : indexHashes) {
            out.put(hash.getBytes(StandardCharsets.US_ASCII));
        }
        if (key.isEmpty()) {
            // Erased while its change was on its way: only what takes it out of the index is kept.
            return out.putInt(0).array();
        }
        out.putInt(key.get().generation());
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        out.put(iv);
        byte[] array = out.array();
        byte[] sealed = recordCrypt(Cipher.ENCRYPT_MODE, key.get().key(), record, iv, array, header, plain, 0,
                plain.length);
        System.arraycopy(sealed, 0, array, header + IV_BYTES, sealed.length);
        return array;
    }

    /** Loads the keys of records whose state is about to be opened, in one round trip ({@link RecordKeys#warm}). */
    void warm(Collection<RecordKey> records) {
        try {
            recordKeys.warm(records);
        } catch (KeysUnavailableException e) {
            throw new ProcessorStateException("Cannot read the keys of " + records.size() + " records to open their "
                    + "resolution state: " + e.getMessage(), e);
        }
    }

    /** Whether a state value was {@link #sealRecord sealed with its record's key}. */
    static boolean isRecordSealed(byte[] stored) {
        return stored.length > 0 && stored[0] == RECORD_SEALED;
    }

    /** The hashed index keys a {@link #sealRecord sealed} record value lists, readable without the record's key. */
    static List<String> indexHashes(byte[] stored) {
        ByteBuffer in = ByteBuffer.wrap(stored, 1, stored.length - 1);
        int count = Short.toUnsignedInt(in.getShort());
        List<String> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hashes.add(new String(stored, in.position(), INDEX_HASH_CHARS, StandardCharsets.US_ASCII));
            in.position(in.position() + INDEX_HASH_CHARS);
        }
        return hashes;
    }

    /**
     * The plain value of a {@link #sealRecord sealed} record value; empty when the record's key was destroyed
     * (the record was erased, and its value is unreadable wherever it lies).
     */
    Optional<byte[]> openRecord(RecordKey record, byte[] stored) {
        int header = 1 + 2 + Short.toUnsignedInt(ByteBuffer.wrap(stored, 1, 2).getShort()) * INDEX_HASH_CHARS + 4;
        int generation = ByteBuffer.wrap(stored, header - 4, 4).getInt();
        if (generation == 0) {
            return Optional.empty();
        }
        RecordKeys.Lookup lookup;
        try {
            lookup = recordKeys.keyForReading(record, generation);
        } catch (KeysUnavailableException e) {
            throw new ProcessorStateException("Cannot read the key of record " + record + " to open its resolution "
                    + "state: " + e.getMessage(), e);
        }
        if (lookup.key().isEmpty()) {
            if (lookup.missing()) {
                throw new ProcessorStateException("Resolution state holds record " + record + ", sealed with key "
                        + "generation " + generation + ", but table record_key holds no key for it: the key table "
                        + "lost rows (restored from an older backup?); the state must be rebuilt from "
                        + "tessera.records");
            }
            return Optional.empty();
        }
        byte[] iv = Arrays.copyOfRange(stored, header, header + IV_BYTES);
        return Optional.of(recordCrypt(Cipher.DECRYPT_MODE, lookup.key().get(), record, iv, stored, header, stored,
                header + IV_BYTES, stored.length - header - IV_BYTES));
    }

    private Optional<RecordKeys.SealingKey> keyForWriting(RecordKey record) {
        try {
            return recordKeys.keyForWriting(record);
        } catch (KeysUnavailableException e) {
            throw new ProcessorStateException("Cannot read the key of record " + record + " to seal its resolution "
                    + "state: " + e.getMessage(), e);
        }
    }

    private byte[] recordCrypt(int mode, SecretKey key, RecordKey record, byte[] iv, byte[] header, int headerLength,
            byte[] input, int offset, int length) {
        try {
            Cipher cipher = ciphers.get();
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(RECORD_STATE_CONTEXT);
            cipher.updateAAD(record.asString().getBytes(StandardCharsets.UTF_8));
            cipher.updateAAD(header, 0, headerLength);
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            throw new ProcessorStateException("Cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " the resolution state of record " + record + " with its key (" + e.getMessage() + "); the "
                    + "state must be rebuilt from tessera.records", e);
        }
    }

    private byte[] crypt(int mode, String recordKey, byte[] iv, byte[] input, int offset, int length) {
        try {
            Cipher cipher = ciphers.get();
            cipher.init(mode, stateKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(recordKey.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            // The state's fault, not the input's: a StreamsException fails the task instead of dead-lettering the change.
            throw new ProcessorStateException("Cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " the resolution state of a record with the resolution key (" + e.getMessage() + "). If the "
                    + "key in table tessera_secret changed, the state must be rebuilt from tessera.records", e);
        }
    }

    private static byte[] derive(byte[] secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute HMAC-SHA256", e);
        }
    }
}
