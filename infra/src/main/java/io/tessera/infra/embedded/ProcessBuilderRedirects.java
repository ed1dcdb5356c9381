package io.tessera.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends a child process's output and errors to one log file, appending so restarts keep the history. */
record ProcessBuilderRedirects(ProcessBuilder.Redirect output, ProcessBuilder.Redirect error) {

    static ProcessBuilderRedirects appendingTo(Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder.Redirect append = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        return new ProcessBuilderRedirects(append, append);
    }
}
