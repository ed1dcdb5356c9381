package io.tessera.api.launch;

import io.tessera.ingestion.capture.ConnectorConfigs;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/tessera connectors --sources FILE [--out DIR]}: the Kafka Connect connector configs of the sources FILE
 * defines, one {@code tessera-<source>.json} each, for {@code PUT /connectors/tessera-<source>/config}. Printed when
 * no folder is given.
 */
final class ConnectorsCommand {

    private ConnectorsCommand() {
    }

    static int run(String[] args, PrintStream out) {
        Path sources = null;
        Path outDir = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--sources") && i + 1 < args.length) {
                sources = Path.of(args[++i]);
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                outDir = Path.of(args[++i]);
            } else {
                throw new LaunchException("Unexpected argument '" + args[i]
                        + "'; use: bin/tessera connectors --sources FILE [--out DIR]");
            }
        }
        if (sources == null) {
            throw new LaunchException("connectors needs the source definitions: bin/tessera connectors --sources FILE");
        }
        SourceCatalog catalog = SourceFiles.load(sources);
        try {
            for (SourceDefinition source : catalog.captured()) {
                String json = ConnectorConfigs.toJson(ConnectorConfigs.forSource(source));
                if (outDir == null) {
                    out.println("# " + ConnectorConfigs.connectorName(source));
                    out.print(json);
                } else {
                    Files.createDirectories(outDir);
                    Path file = outDir.resolve(ConnectorConfigs.connectorName(source) + ".json");
                    Files.writeString(file, json);
                    out.println("Wrote " + file);
                }
            }
        } catch (IOException e) {
            throw new LaunchException("Cannot write connector configs to " + outDir + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
