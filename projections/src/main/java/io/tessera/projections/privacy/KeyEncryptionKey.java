package io.tessera.projections.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key-encryption key (KEK): the records' keys ({@code record_key}) and Tessera's own secrets
 * ({@code tessera_secret}) are stored wrapped with it (AES-256-GCM, what the wrapped key belongs to as associated data,
 * so that a wrapped key cannot be moved to another row). It is kept outside the database, in a file
 * ({@code tessera.privacy.key-encryption-key-file}), so that a copy of the database alone (a backup, a dump, a stolen
 * disk) opens none of the events, topics or state encrypted with those keys.
 *
 * <p>A key table from before wrapping holds raw 32-byte keys; they are read as they are and wrapped at startup
 * ({@link RecordKeyStore#wrapRawKeys}, {@link TesseraSecrets}).
 */
public final class KeyEncryptionKey {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);
    private static final int KEY_BYTES = 32;
    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** A wrapped 32-byte key: format byte, IV, the key encrypted, the tag. */
    static final int WRAPPED_KEY_BYTES = 1 + IV_BYTES + KEY_BYTES + TAG_BITS / 8;
    /** The {@code tessera_secret} row that tells whether a KEK is the one the keys were wrapped with. */
    static final String CHECK = "key-encryption-key-check";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One cipher per thread: capture wraps a new key for every new record, and looking a cipher up costs more. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no AES/GCM/NoPadding", e);
        }
    });

    private final SecretKey key;

    private KeyEncryptionKey(byte[] material) {
        if (material.length != KEY_BYTES) {
            throw new IllegalArgumentException("A key-encryption key is " + KEY_BYTES + " bytes; got "
                    + material.length);
        }
        this.key = new SecretKeySpec(material, "AES");
    }

    /** A KEK of the given 32 bytes. */
    public static KeyEncryptionKey of(byte[] material) {
        return new KeyEncryptionKey(material.clone());
    }

    /**
     * The KEK in {@code file} (its 32 bytes in Base64), checked against the one the database's keys were wrapped with.
     * On a first start (the database never had its keys wrapped) a missing file is created, readable by its owner
     * only. A file that is missing once keys were wrapped, or that holds another key, stops the start: a new KEK would
     * make every stored key unreadable.
     */
    public static KeyEncryptionKey load(Path file, JdbcTemplate jdbc) {
        TesseraSecrets.createTable(jdbc);
        String expected = jdbc.query("SELECT value FROM tessera_secret WHERE name = ?",
                rs -> rs.next() ? rs.getString(1) : null, CHECK);
        KeyEncryptionKey kek;
        if (Files.exists(file)) {
            kek = read(file);
        } else if (expected != null) {
            throw new IllegalStateException("The keys in Tessera's database are wrapped with a key-encryption key that "
                    + "was kept in " + file + ", which is missing. Restore that file from where you keep secrets, or "
                    + "point tessera.privacy.key-encryption-key-file at it; a new key would leave every record's "
                    + "key unreadable");
        } else {
            kek = create(file);
        }
        String check = kek.check();
        if (expected == null) {
            jdbc.update("INSERT INTO tessera_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    CHECK, check);
            expected = jdbc.queryForObject("SELECT value FROM tessera_secret WHERE name = ?", String.class, CHECK);
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                check.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("The key-encryption key in " + file + " is not the one the keys in "
                    + "Tessera's database were wrapped with (tessera.privacy.key-encryption-key-file); restore the "
                    + "right file");
        }
        return kek;
    }

    private static KeyEncryptionKey read(Path file) {
        try {
            byte[] material = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return new KeyEncryptionKey(material);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key-encryption key in " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The key-encryption key file " + file + " must hold 32 bytes in Base64 "
                    + "(such as the output of `openssl rand -base64 32`): " + e.getMessage(), e);
        }
    }

    private static KeyEncryptionKey create(Path file) {
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(material) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            // Another instance on this machine created it first.
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key-encryption key file " + file + ": "
                    + e.getMessage(), e);
        }
        log.info("Generated the key-encryption key in {}; keep it apart from the database backups: without it no "
                + "record's key can be read", file);
        return new KeyEncryptionKey(material);
    }

    /** The key wrapped, bound to {@code context} (what it is the key of). */
    public byte[] wrap(byte[] material, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, material, context);
        return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array();
    }

    /** A key {@link #wrap wrapped} for {@code context}; a raw key from before wrapping is returned as it is. */
    public byte[] unwrap(byte[] stored, String context) {
        if (!isWrapped(stored)) {
            return stored;
        }
        return crypt(Cipher.DECRYPT_MODE, Arrays.copyOfRange(stored, 1, 1 + IV_BYTES),
                Arrays.copyOfRange(stored, 1 + IV_BYTES, stored.length), context);
    }

    /** Whether stored key material is wrapped, rather than a raw key from before wrapping. */
    public static boolean isWrapped(byte[] stored) {
        return stored.length == WRAPPED_KEY_BYTES && stored[0] == FORMAT;
    }

    private byte[] crypt(int mode, byte[] iv, byte[] data, String context) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A key of " + context + " does not unwrap with the key-encryption key: "
                    + e.getMessage(), e);
        }
    }

    /** What tells this KEK from another without revealing it: an HMAC of a fixed text under it. */
    String check() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal("tessera key-encryption-key check".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
