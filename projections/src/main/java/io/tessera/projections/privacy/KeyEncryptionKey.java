package io.tessera.projections.privacy;

import io.tessera.contracts.privacy.KeysUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
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
 *
 * <p>The KEK can be replaced while Tessera runs ({@link #rotate}): every stored key and secret is re-wrapped with a new
 * one in one transaction, and the new one replaces the file. Whatever wraps keys and stores them does it through
 * {@link #storing}, so that no key wrapped with the old KEK is stored after a rotation re-wrapped the table. Another
 * instance that shares the database notices the rotation ({@link #follow}) and takes the new KEK from its own file once
 * the operator has put it there.
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
    /**
     * How long the KEK a rotation (or a {@link #follow switch}) replaced still opens keys: a read that fetched a key
     * row just before the re-wrapping committed unwraps it after.
     */
    private static final Duration RETIRED_KEY_GRACE = Duration.ofMinutes(1);
    private static final String PROCEDURE = "see \"Rotating the key-encryption key\" in docs/privacy.md";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One cipher per thread: capture wraps a new key for every new record, and looking a cipher up costs more. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no AES/GCM/NoPadding", e);
        }
    });

    /** The file the KEK is kept in; null for one {@link #of given as bytes}, which has no check row either. */
    private final Path file;
    /*
     * Why a lock. A key wrapped with the old KEK and committed after a rotation re-wrapped the table would stay wrapped
     * with a KEK nobody has any more. So every path that wraps keys and stores them runs in storing(): it holds the
     * read lock from before it wraps until its transaction committed. A rotation holds the write lock from before its
     * transaction until the new KEK is in place: it waits for the stores under way, and the stores after it wrap with
     * the new KEK. Other instances cannot see this lock; the check row keeps them out: storing() reads it FOR KEY SHARE
     * in its own transaction and stores nothing unless it is the check of its KEK, while the rotation first locks it
     * FOR UPDATE. That waits for their transactions to end, and one that asks for the row while the rotation holds it
     * gets, once it commits, the new check (READ COMMITTED re-reads a row updated while waiting for its lock).
     * Unwrapping takes no lock, so reads go on during a rotation: it tries the current KEK, then the other one (see
     * Keys).
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Keys keys;
    /** The check row last warned about, so that a stale KEK is reported once per rotation, not at every refresh. */
    private volatile String warnedAbout;

    /** A KEK and its check. */
    private record Material(SecretKey key, String check) {
    }

    /**
     * What wraps and unwraps, swapped in one piece.
     *
     * @param current    what keys are wrapped with
     * @param other      while a rotation runs, the KEK it installs; after it, the KEK it retired; or null. Keys are
     *                   also unwrapped with it, until {@code otherUntil} ({@link System#nanoTime()})
     */
    private record Keys(Material current, SecretKey other, long otherUntil) {

        Keys(Material current) {
            this(current, null, 0);
        }

        boolean otherOpens() {
            return other != null && System.nanoTime() - otherUntil < 0;
        }
    }

    /**
     * Work that wraps keys and stores them, on the connection {@link #storing} gives it, in its transaction.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface KeyWrites<T> {

        T store(Connection connection) throws SQLException;
    }

    /**
     * What a rotation did.
     *
     * @param keys        the record keys re-wrapped (destroyed keys have nothing to re-wrap)
     * @param secrets     the secrets of {@code tessera_secret} re-wrapped
     * @param file        the file that holds the new KEK
     * @param fingerprint the first 8 characters of the new KEK's check: tells files apart, reveals nothing of the key
     */
    public record Rotation(int keys, int secrets, Path file, String fingerprint) {
    }

    private KeyEncryptionKey(Path file, Material material) {
        this.file = file;
        this.keys = new Keys(material);
    }

    /** A KEK of the given 32 bytes, without a file: it cannot be {@link #rotate rotated} and checks no check row. */
    public static KeyEncryptionKey of(byte[] material) {
        return new KeyEncryptionKey(null, material(material.clone()));
    }

    /**
     * The KEK in {@code file} (its 32 bytes in Base64), checked against the one the database's keys were wrapped with.
     * On a first start (the database never had its keys wrapped) a missing file is created, readable by its owner
     * only. A file that is missing once keys were wrapped, or that holds another key, stops the start: a new KEK would
     * make every stored key unreadable. A rotation that was interrupted is settled first: when its transaction
     * committed, the new KEK it left in {@code <file>.next} replaces the file; when not, that {@code .next} is deleted.
     */
    public static KeyEncryptionKey load(Path file, JdbcTemplate jdbc) {
        TesseraSecrets.createTable(jdbc);
        String expected = storedCheck(jdbc);
        settleInterruptedRotation(file, expected);
        Material kek;
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
        if (expected == null) {
            jdbc.update("INSERT INTO tessera_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    CHECK, kek.check());
            expected = storedCheck(jdbc);
        }
        if (!sameCheck(expected, kek.check())) {
            throw new IllegalStateException("The key-encryption key in " + file + " is not the one the keys in "
                    + "Tessera's database were wrapped with (tessera.privacy.key-encryption-key-file); restore the "
                    + "right file. After a rotation, that is the file of the instance that rotated; "
                    + PROCEDURE);
        }
        return new KeyEncryptionKey(file, kek);
    }

    /** Where a rotation writes the new KEK before its transaction, and moves it over {@code file} after. */
    static Path next(Path file) {
        return file.resolveSibling(file.getFileName() + ".next");
    }

    /**
     * A {@code <file>.next} at start is from a rotation that stopped between writing it and moving it over the file:
     * the database tells whether its transaction committed.
     */
    private static void settleInterruptedRotation(Path file, String expected) {
        Path next = next(file);
        if (!Files.exists(next)) {
            return;
        }
        boolean committed;
        try {
            committed = expected != null && sameCheck(expected, read(next).check());
        } catch (IllegalStateException malformed) {
            // Written in part: a rotation writes the file (and syncs it) before its transaction, so it never committed.
            committed = false;
        }
        if (committed) {
            move(next, file);
            log.warn("Finished a rotation of the key-encryption key that stopped after its transaction committed: "
                    + "moved {} over {}", next, file);
        } else {
            try {
                Files.delete(next);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + next + ", left by a rotation of the key-encryption "
                        + "key that did not commit; delete it by hand: " + e.getMessage(), e);
            }
            log.warn("Deleted {}: the rotation of the key-encryption key that wrote it did not commit, so the keys "
                    + "are still wrapped with the key in {}", next, file);
        }
    }

    private static Material read(Path file) {
        try {
            return material(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key-encryption key in " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The key-encryption key file " + file + " must hold 32 bytes in Base64 "
                    + "(such as the output of `openssl rand -base64 32`): " + e.getMessage(), e);
        }
    }

    private static Material create(Path file) {
        byte[] material = randomKey();
        try {
            write(file, material);
        } catch (FileAlreadyExistsException e) {
            // Another instance on this machine created it first.
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key-encryption key file " + file + ": "
                    + e.getMessage(), e);
        }
        log.info("Generated the key-encryption key in {}; keep it apart from the database backups: without it no "
                + "record's key can be read", file);
        return material(material);
    }

    /** Creates {@code file} (it must not exist) readable by its owner only, with the key in it, synced to disk. */
    private static void write(Path file, byte[] material) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")))) {
            channel.write(ByteBuffer.wrap((Base64.getEncoder().encodeToString(material) + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
    }

    /** Moves {@code next} over {@code file} in one step, and syncs the directory so that the move survives a crash. */
    private static void move(Path next, Path file) {
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + next + " over " + file + ": " + e.getMessage() + ". The "
                    + "keys in the database are wrapped with the key in " + next + "; move it over " + file
                    + " by hand", e);
        }
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            log.debug("Could not sync the directory of {} (not supported here?): {}", file, e.getMessage());
        }
    }

    private static Material material(byte[] material) {
        if (material.length != KEY_BYTES) {
            throw new IllegalArgumentException("A key-encryption key is " + KEY_BYTES + " bytes; got "
                    + material.length);
        }
        SecretKey key = new SecretKeySpec(material, "AES");
        return new Material(key, check(key));
    }

    private static byte[] randomKey() {
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        return material;
    }

    /**
     * The key wrapped with the current KEK, bound to {@code context} (what it is the key of). Store it from within
     * {@link #storing}, or a rotation may miss it.
     */
    public byte[] wrap(byte[] material, String context) {
        return seal(keys.current().key(), material, context);
    }

    /**
     * A key {@link #wrap wrapped} for {@code context}; a raw key from before wrapping is returned as it is. During a
     * rotation, and for a minute after it, a key wrapped with either KEK unwraps.
     */
    public byte[] unwrap(byte[] stored, String context) {
        if (!isWrapped(stored)) {
            return stored;
        }
        Keys seen = keys;
        try {
            return open(seen.current().key(), stored, context);
        } catch (AEADBadTagException wrongKey) {
            // A rotation may have installed a new KEK since this key was read, or since `seen`: look again.
            Keys now = keys;
            List<SecretKey> others = new ArrayList<>();
            for (Keys candidate : List.of(now, seen)) {
                if (candidate.current().key() != seen.current().key()) {
                    others.add(candidate.current().key());
                }
                if (candidate.otherOpens()) {
                    others.add(candidate.other());
                }
            }
            for (SecretKey other : others) {
                try {
                    return open(other, stored, context);
                } catch (AEADBadTagException notThisOne) {
                    // Reported below with the first failure.
                }
            }
            throw new IllegalStateException("A key of " + context + " does not unwrap with the key-encryption key: "
                    + wrongKey.getMessage(), wrongKey);
        }
    }

    /** Whether stored key material is wrapped, rather than a raw key from before wrapping. */
    public static boolean isWrapped(byte[] stored) {
        return stored.length == WRAPPED_KEY_BYTES && stored[0] == FORMAT;
    }

    private static byte[] seal(SecretKey kek, byte[] material, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, kek, iv, material, context);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap a key of " + context + ": " + e.getMessage(), e);
        }
    }

    /** @throws AEADBadTagException when {@code stored} was not wrapped with {@code kek} for {@code context} */
    private static byte[] open(SecretKey kek, byte[] stored, String context) throws AEADBadTagException {
        try {
            return crypt(Cipher.DECRYPT_MODE, kek, Arrays.copyOfRange(stored, 1, 1 + IV_BYTES),
                    Arrays.copyOfRange(stored, 1 + IV_BYTES, stored.length), context);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A key of " + context + " does not unwrap with the key-encryption key: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] crypt(int mode, SecretKey kek, byte[] iv, byte[] data, String context)
            throws GeneralSecurityException {
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(data);
    }

    /**
     * Runs {@code work}, which wraps keys with this KEK and stores them, in a transaction of its own on a new
     * connection, committed before this returns, and so that no rotation re-wraps the tables meanwhile. When the
     * database's keys are wrapped with another KEK (rotated on another instance), this instance first {@link #follow
     * follows} it; if its file does not hold the new KEK yet, nothing is stored.
     *
     * @throws KeysUnavailableException when this instance does not have the KEK the database's keys are wrapped with
     */
    public <T> T storing(DataSource dataSource, KeyWrites<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            lock.readLock().lock();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    String stored = file == null ? null : storedCheck(connection, " FOR KEY SHARE");
                    // No check row: the keys were never wrapped, or the row was deleted (the next start writes it).
                    if (stored == null || sameCheck(stored, check())) {
                        T result = work.store(connection);
                        connection.commit();
                        return result;
                    }
                    connection.rollback();
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
            } finally {
                lock.readLock().unlock();
            }
            // Outside the read lock: following takes the write lock.
            if (attempt == 2 || !follow(new JdbcTemplate(dataSource))) {
                throw new KeysUnavailableException(staleMessage(), null);
            }
        }
    }

    /**
     * Compares the database's check row with this KEK. When they differ (the KEK was rotated on another instance),
     * reads this instance's file again, and its {@code .next}, and switches to the KEK in it if that is the new one;
     * otherwise logs, once per rotation, what the operator has to do. Called at every key refresh and when
     * {@link #storing} finds the check changed.
     *
     * @return whether this instance now has the KEK the database's keys are wrapped with
     */
    public boolean follow(JdbcTemplate jdbc) {
        if (file == null) {
            return true;
        }
        String stored = storedCheck(jdbc);
        if (stored == null || sameCheck(stored, check())) {
            return true;
        }
        lock.writeLock().lock();
        try {
            if (sameCheck(stored, check())) {
                return true;
            }
            for (Path candidate : List.of(file, next(file))) {
                Material found = readIfValid(candidate);
                if (found != null && sameCheck(stored, found.check())) {
                    keys = new Keys(found, keys.current().key(), System.nanoTime() + RETIRED_KEY_GRACE.toNanos());
                    warnedAbout = null;
                    log.info("Switched to the key-encryption key in {}: the keys in Tessera's database were "
                            + "re-wrapped with it by a rotation", candidate);
                    return true;
                }
            }
            if (!stored.equals(warnedAbout)) {
                warnedAbout = stored;
                log.warn(staleMessage());
            }
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The KEK in a file, or null when it is missing or does not hold a key (being copied, say). */
    private static Material readIfValid(Path candidate) {
        if (!Files.exists(candidate)) {
            return null;
        }
        try {
            return read(candidate);
        } catch (IllegalStateException | UncheckedIOException e) {
            log.debug("No key-encryption key read from {}: {}", candidate, e.getMessage());
            return null;
        }
    }

    private String staleMessage() {
        return "The keys in Tessera's database are wrapped with another key-encryption key than the one this "
                + "instance has from " + file + ": it was rotated, on another instance. This instance creates no "
                + "keys until it has the new one, since keys wrapped with the old one could not be read: copy the "
                + "key-encryption key file of the instance that rotated to " + file + " (this instance takes it "
                + "within tessera.privacy.key-refresh) or restart this instance with it; " + PROCEDURE;
    }

    /**
     * Replaces this KEK with a new random one: writes it to {@code <file>.next} (readable by its owner only, synced),
     * re-wraps every live record key and every wrapped secret with it and replaces the check row in one transaction,
     * then uses it and moves {@code .next} over the file. Keys are stored by no one meanwhile on this instance, and on
     * no other, which wait for the transaction; reads go on. A crash between the steps is settled by the next
     * {@link #load}.
     */
    public Rotation rotate(DataSource dataSource) {
        if (file == null) {
            throw new IllegalStateException("This key-encryption key was given as bytes and has no file; only one "
                    + "loaded from tessera.privacy.key-encryption-key-file can be rotated");
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        lock.writeLock().lock();
        try {
            Material old = keys.current();
            if (!sameCheck(storedCheck(jdbc), old.check())) {
                throw new KeysUnavailableException(staleMessage() + ". Rotate on an instance that has the current "
                        + "key-encryption key", null);
            }
            Path next = next(file);
            byte[] bytes = randomKey();
            Material fresh = material(bytes);
            try {
                // Left by a rotation here that failed before its commit (the check above says it did not commit).
                Files.deleteIfExists(next);
                write(next, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the new key-encryption key to " + next + ": "
                        + e.getMessage() + "; nothing was rotated", e);
            }
            keys = new Keys(old, fresh.key(), System.nanoTime() + Duration.ofDays(365).toNanos());
            int[] counts;
            try {
                counts = rewrapAll(dataSource, old, fresh);
            } catch (SQLException | RuntimeException e) {
                String now;
                try {
                    now = storedCheck(jdbc);
                } catch (RuntimeException unknown) {
                    now = null;
                }
                if (now != null && !sameCheck(now, fresh.check())) {
                    keys = new Keys(old);
                    deleteQuietly(next);
                    throw new IllegalStateException("The rotation of the key-encryption key failed and was rolled "
                            + "back; the keys are still wrapped with the key in " + file + ": " + e.getMessage(), e);
                }
                // Committed, or not known: both keys keep opening, and .next decides at the next start.
                throw new IllegalStateException("The rotation of the key-encryption key failed while committing and "
                        + "may have gone through: " + next + " holds the new key. Restart this instance: the start "
                        + "moves " + next + " over " + file + " if the database took the new key, and deletes it "
                        + "otherwise. " + e.getMessage(), e);
            }
            keys = new Keys(fresh, old.key(), System.nanoTime() + RETIRED_KEY_GRACE.toNanos());
            if (!Files.exists(next)) {
                // Deleted by an instance sharing the file that started meanwhile, before the commit: write it again.
                try {
                    write(next, bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException("The keys were re-wrapped with a new key-encryption key, which "
                            + "this instance uses now, but it cannot be written to " + next + ": " + e.getMessage()
                            + ". Before this instance stops, fix the cause and rotate again", e);
                }
            }
            move(next, file);
            String fingerprint = fresh.check().substring(0, 8);
            log.info("Rotated the key-encryption key: re-wrapped {} record keys and {} secrets; the new key is in {} "
                    + "(check {}…). Give it to every other instance sharing the database, and destroy the old key "
                    + "files when the backups made with them expire", counts[0], counts[1], file, fingerprint);
            return new Rotation(counts[0], counts[1], file, fingerprint);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The transaction of a rotation: {record keys, secrets} re-wrapped. */
    private static int[] rewrapAll(DataSource dataSource, Material from, Material to) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // Waits for the stores under way on other instances, and makes those after it see the new check.
                if (!sameCheck(storedCheck(connection, " FOR UPDATE"), from.check())) {
                    throw new IllegalStateException("The key-encryption key was rotated meanwhile, on another "
                            + "instance");
                }
                Rewrap rewrap = (stored, context) -> seal(to.key(),
                        isWrapped(stored) ? openWith(from, stored, context) : stored, context);
                int keys = RecordKeyStore.rewrap(connection, rewrap);
                int secrets = TesseraSecrets.rewrap(connection, rewrap);
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE tessera_secret SET value = ? WHERE name = ?")) {
                    update.setString(1, to.check());
                    update.setString(2, CHECK);
                    update.executeUpdate();
                }
                connection.commit();
                return new int[] {keys, secrets};
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    /** What a rotation does to one stored key: unwraps it with the old KEK and wraps it with the new one. */
    @FunctionalInterface
    interface Rewrap {

        byte[] apply(byte[] stored, String context);
    }

    private static byte[] openWith(Material kek, byte[] stored, String context) {
        try {
            return open(kek.key(), stored, context);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A key of " + context + " does not unwrap with the key-encryption key "
                    + "being rotated; nothing was rotated: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete {} (the next start deletes it): {}", path, e.getMessage());
        }
    }

    /** The check row, or null when the keys were never wrapped. */
    private static String storedCheck(JdbcTemplate jdbc) {
        return jdbc.execute((ConnectionCallback<String>) connection -> storedCheck(connection, ""));
    }

    private static String storedCheck(Connection connection, String lockClause) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT value FROM tessera_secret WHERE name = ?" + lockClause)) {
            select.setString(1, CHECK);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean sameCheck(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }

    /** What tells this KEK from another without revealing it: an HMAC of a fixed text under it. */
    String check() {
        return keys.current().check();
    }

    private static String check(SecretKey key) {
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
