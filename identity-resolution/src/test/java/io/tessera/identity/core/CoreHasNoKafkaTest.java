package io.tessera.identity.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The resolution core is plain Java (STYLE: domain packages free of framework imports), so that the batch
 * {@code resolve} command and the topology share it. Reads the sources, as ArchUnit is not a dependency yet.
 */
class CoreHasNoKafkaTest {

    private static final Path CORE = Path.of("src/main/java/io/tessera/identity/core");

    @Test
    void coreSourcesImportNothingFromKafkaOrTheStreamPackage() throws IOException {
        List<Path> offending;
        try (Stream<Path> files = Files.walk(CORE)) {
            offending = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(CoreHasNoKafkaTest::importsKafka)
                    .toList();
        }
        assertThat(CORE).isDirectory();
        assertThat(offending).isEmpty();
    }

    private static boolean importsKafka(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .anyMatch(line -> line.startsWith("import org.apache.kafka")
                            || line.startsWith("import io.tessera.identity.stream")
                            || line.startsWith("import io.tessera.contracts.JsonSerde")
                            || line.startsWith("import io.tessera.contracts.Topics"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
