package io.tessera.identity.stream;

import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
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
 *   <li>Its state stores, and so their changelog topics, hold each record's features and data encrypted with the
 *       <em>resolution key</em> (AES-256-GCM, the record key as associated data): scoring compares candidates' names
 *       and addresses, so it cannot work on hashes, and a key per record would cost a key lookup per candidate.
 *       Erasure deletes the record from the stores; compaction then removes the encrypted value from the changelog.</li>
 *   <li>Index keys (blocking keys, email and phone holders) are compared only for equality, so they are stored as a
 *       keyed hash (HMAC-SHA-256, 128 bits) and never in clear.</li>
 * </ul>
 * The resolution key is one 256-bit secret kept by Tessera (table {@code tessera_secret}); it must not change while
 * the state exists, or the state cannot be read. Thread-safe.
 */
public final class ResolutionPrivacy {

    private static final byte SEALED_STATE = 2;
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

    /** A state value encrypted with the resolution key, bound to the record it belongs to. */
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
