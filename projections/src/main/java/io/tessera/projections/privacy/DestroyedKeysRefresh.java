package io.tessera.projections.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodically marks as destroyed, in this instance's key cache, the keys other instances destroyed: an erasure made
 * on one instance is in force on all of them within one interval ({@link RecordKeyStore#forgetKeysDestroyedSince}).
 * At the same time it looks whether another instance rotated the key-encryption key, and takes the new one from this
 * instance's file once it is there ({@link RecordKeyStore#followKeyEncryptionKey}).
 */
public final class DestroyedKeysRefresh implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DestroyedKeysRefresh.class);

    private final RecordKeyStore keys;
    private final ScheduledExecutorService timer;
    private Instant since = Instant.EPOCH;

    public DestroyedKeysRefresh(RecordKeyStore keys, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("tessera.privacy.key-refresh must be positive, such as 10s; got "
                    + interval);
        }
        this.keys = keys;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tessera-destroyed-keys");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            since = keys.forgetKeysDestroyedSince(since);
        } catch (RuntimeException e) {
            LOG.warn("Could not read the keys destroyed lately (tried again next time): {}", e.getMessage());
        }
        try {
            // Logs what to do when the key-encryption key was rotated elsewhere and this instance lacks the new one.
            keys.followKeyEncryptionKey();
        } catch (RuntimeException e) {
            LOG.warn("Could not compare the key-encryption key with the database's (tried again next time): {}",
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
