package io.tessera.infra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average as {@code uptime} shows it (1, 5 and 15 minutes), for benchmark reports. */
public final class LoadAverage {

    private LoadAverage() {
    }

    /** From {@code /proc/loadavg}; "unknown" where there is none. */
    public static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
