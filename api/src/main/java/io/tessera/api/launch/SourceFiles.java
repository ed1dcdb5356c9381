package io.tessera.api.launch;

import io.tessera.ingestion.source.InvalidMappingException;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Loads a source definitions (mapping) file for the command line, turning its problems into one clear message. */
final class SourceFiles {

    private SourceFiles() {
    }

    static SourceCatalog load(Path file) {
        try {
            return SourceCatalogLoader.fromEnvironment().load(file);
        } catch (InvalidMappingException e) {
            throw new LaunchException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new LaunchException("Cannot read mapping " + file + ": " + e.getCause().getMessage(), e);
        }
    }
}
