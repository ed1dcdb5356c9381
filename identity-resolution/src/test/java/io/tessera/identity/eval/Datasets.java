package io.tessera.identity.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared benchmark datasets: system property {@code tessera.datasets}, else {@code ../../shared/datasets}. */
final class Datasets {

    private Datasets() {
    }

    static Path file(String relative) {
        String configured = System.getProperty("tessera.datasets");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared/datasets");
        Path file = root.resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> "Skipped: dataset " + file.toAbsolutePath().normalize()
                + " not found; set -Dtessera.datasets=<folder of the shared datasets>");
        return file;
    }
}
