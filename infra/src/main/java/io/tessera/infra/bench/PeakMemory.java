package io.tessera.infra.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The peak heap use and resident set size of this JVM while it is open, sampled every 100 ms on a daemon thread:
 * what the benchmarks report as memory. RSS is read from {@code /proc/self/status} (Linux); elsewhere it stays 0.
 */
public final class PeakMemory implements AutoCloseable {

    private final AtomicLong heap = new AtomicLong();
    private final AtomicLong rss = new AtomicLong();
    private final Thread sampler;

    private PeakMemory() {
        sampler = Thread.ofPlatform().daemon().name("peak-memory").start(this::sample);
    }

    /** Starts sampling. */
    public static PeakMemory start() {
        return new PeakMemory();
    }

    /** The most heap in use seen so far, in bytes. */
    public long peakHeap() {
        return heap.get();
    }

    /** The largest resident set seen so far, in bytes. */
    public long peakRss() {
        return rss.get();
    }

    /** Stops sampling; the peaks stay readable. */
    @Override
    public void close() {
        sampler.interrupt();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            heap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
                lines.filter(l -> l.startsWith("VmRSS:")).findFirst().ifPresent(l -> rss.accumulateAndGet(
                        Long.parseLong(l.replaceAll("\\D", "")) * 1024, Math::max));
            } catch (IOException e) {
                // Not Linux: no RSS.
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
