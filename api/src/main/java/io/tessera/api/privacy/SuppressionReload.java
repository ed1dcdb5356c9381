package io.tessera.api.privacy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suppression list, reloaded from its table at a fixed interval, so that erasures and lifts done by another
 * instance reach this one's capture.
 */
public final class SuppressionReload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SuppressionReload.class);

    private final SuppressionList list;
    private final ScheduledExecutorService timer;

    public SuppressionReload(SuppressionList list, Duration interval) {
        this.list = list;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tessera-suppression-reload").factory());
        timer.scheduleWithFixedDelay(this::reload, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public SuppressionList list() {
        return list;
    }

    private void reload() {
        try {
            list.reload();
        } catch (RuntimeException e) {
            // The list in memory stays as it was; the next reload tries again.
            LOG.warn("Reloading the suppression list failed; keeping the one in memory", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
