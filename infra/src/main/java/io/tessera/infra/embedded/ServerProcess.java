package io.tessera.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An operating-system process that belongs to the embedded stack, so an operator can measure it.
 *
 * <p>Memory note: PostgreSQL's backends share {@code shared_buffers}, so summing their resident sizes over-counts;
 * Kafka runs inside the calling JVM and has no process of its own.
 *
 * @param component the server the process belongs to
 * @param role      what the process is: {@code postmaster} or {@code child} (a PostgreSQL backend or auxiliary
 *                  process), {@code mariadbd}, {@code launcher} or {@code server} (Elasticsearch)
 * @param process   the process
 */
public record ServerProcess(StackComponent component, String role, ProcessHandle process) {

    public ServerProcess {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(process, "process");
    }

    /** Process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Resident set size in bytes from {@code /proc/<pid>/status} ({@code VmRSS}); empty when the process is gone or
     * the platform has no {@code /proc}.
     */
    public OptionalLong residentSetBytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            List<String> lines = Files.readAllLines(status);
            return lines.stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024L)
                    .findFirst();
        } catch (IOException | NumberFormatException e) {
            // A process that exited between listing and reading has no size: that is an answer, not an error.
            return OptionalLong.empty();
        }
    }
}
