package io.tessera.infra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU seconds used so far, from {@code /proc} (Linux): this JVM's threads grouped by name (digits dropped, so that a
 * pool counts as one, native threads such as RocksDB's and the JIT compilers included) and, on the whole machine,
 * every other process grouped by what it is (Elasticsearch, PostgreSQL, MariaDB, other). The difference of two
 * snapshots says where the CPU of a phase went, which rates alone cannot. For benchmarks.
 */
public record CpuSnapshot(Map<String, Double> seconds) {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** This JVM's threads only, by name. */
    public static CpuSnapshot ofThisJvm() {
        Map<String, Double> seconds = new HashMap<>();
        addThreads(seconds, "");
        return new CpuSnapshot(seconds);
    }

    /** The whole machine: this JVM's threads by name after {@code label}, every other process by kind. */
    public static CpuSnapshot ofMachine(String label) {
        Map<String, Double> seconds = new HashMap<>();
        addThreads(seconds, label);
        long self = ProcessHandle.current().pid();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (Long.parseLong(process.getFileName().toString()) != self) {
                    add(seconds, kind(process), process);
                }
            }
        } catch (IOException e) {
            // processes listed are enough
        }
        return new CpuSnapshot(seconds);
    }

    private static void addThreads(Map<String, Double> seconds, String label) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                add(seconds, label + read(task.resolve("comm")).strip().replaceAll("\\d+", "N"), task);
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
    }

    /** What this snapshot adds to an earlier one, largest first, as {@code name seconds} items. */
    public String since(CpuSnapshot earlier, double atLeast) {
        return seconds.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.seconds.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= atLeast)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The total over everything in the snapshot. */
    public double total() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String kind(Path process) {
        String comm = read(process.resolve("comm")).strip();
        String cmdline = read(process.resolve("cmdline"));
        if (cmdline.contains("elasticsearch")) {
            return "elasticsearch";
        }
        if (comm.startsWith("postgres")) {
            return "postgresql";
        }
        if (comm.startsWith("mariadb") || comm.startsWith("mysqld")) {
            return "mariadb";
        }
        return "other: " + comm;
    }

    private static void add(Map<String, Double> seconds, String name, Path statOwner) {
        String stat = read(statOwner.resolve("stat"));
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return;
        }
        String[] fields = stat.substring(end + 2).split(" ");
        try {
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            seconds.merge(name, cpu, Double::sum);
        } catch (RuntimeException e) {
            // ended meanwhile
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
