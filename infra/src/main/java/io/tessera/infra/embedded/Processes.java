package io.tessera.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operating-system process helpers shared by the servers that run as child processes. */
final class Processes {

    private static final Logger LOG = LoggerFactory.getLogger(Processes.class);

    private Processes() {
    }

    /** Whether this JVM runs as root: PostgreSQL, MariaDB and Elasticsearch each treat root specially. */
    static boolean runningAsRoot() {
        try {
            // The owner of /proc/self is the effective uid; no native call or extra module needed.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.debug("Cannot read the uid from /proc/self, falling back to user.name", e);
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The process whose id is the first line of {@code pidFile}, if the file exists and the process is alive. */
    static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Unreadable pid file {}", pidFile, e);
            return Optional.empty();
        }
    }

    /**
     * Stops a server process that an earlier run left behind (its JVM was killed before it could stop it). Only a
     * process whose command line mentions {@code marker} (its data or home directory) is stopped, so a reused pid
     * of an unrelated process is left alone. The caller holds the working-directory lock, so no live stack owns it.
     */
    static void stopOrphan(StackComponent component, Path pidFile, String marker) {
        Optional<ProcessHandle> orphan = fromPidFile(pidFile)
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false));
        orphan.ifPresent(process -> {
            LOG.warn("{}: stopping pid {} left running by an earlier run on the same working directory",
                    component.displayName(), process.pid());
            terminate(process, Duration.ofSeconds(30));
        });
    }

    /** The process and all its descendants, parent first. */
    static List<ProcessHandle> withDescendants(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process);
        process.descendants().forEach(all::add);
        return all;
    }

    /**
     * Asks {@code process} to stop (SIGTERM), waits up to {@code grace}, then kills it and whatever it started.
     *
     * @return whether it stopped within {@code grace}
     */
    static boolean terminate(ProcessHandle process, Duration grace) {
        // Taken before the signal: once the parent exits, its children are re-parented and no longer listed.
        List<ProcessHandle> family = withDescendants(process);
        if (!process.isAlive()) {
            return true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        process.destroy();
        boolean stopped = true;
        // A launcher may exit before the server it forwarded the signal to: give every member the same grace.
        for (ProcessHandle member : family) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!awaitExit(member, left)) {
                stopped = false;
                LOG.warn("pid {} did not stop within {} s after SIGTERM: killing it", member.pid(), grace.toSeconds());
                member.destroyForcibly();
                awaitExit(member, Duration.ofSeconds(10));
            }
        }
        return stopped;
    }

    /** Waits until {@code process} has exited, at most {@code timeout}. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            LOG.debug("Waiting for pid {} failed", process.pid(), e);
            return !process.isAlive();
        }
    }
}
