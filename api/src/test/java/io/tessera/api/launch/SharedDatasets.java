package io.tessera.api.launch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The entity-resolution datasets beside the repository ({@code ../shared/datasets}), and the FEBRL mapping. */
final class SharedDatasets {

    /** The mapping every FEBRL file is read with. */
    static final Path FEBRL_MAPPING = Path.of("../examples/mappings/febrl.yaml");

    private SharedDatasets() {
    }

    /**
     * A dataset file; the test is skipped, saying why, when the datasets are not there. They are read from
     * {@code -Dtessera.datasets}, else from {@code ../../shared/datasets} relative to the module.
     */
    static Path file(String relative) {
        String configured = System.getProperty("tessera.datasets");
        Path file = (configured != null ? Path.of(configured) : Path.of("../../shared/datasets")).resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> "Skipped: dataset " + file.toAbsolutePath().normalize()
                + " not found; set -Dtessera.datasets=<folder of the shared datasets>");
        return file;
    }
}
