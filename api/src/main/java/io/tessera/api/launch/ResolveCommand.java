package io.tessera.api.launch;

import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.batch.BatchResolve;
import io.tessera.identity.core.scoring.InvalidParametersException;
import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelParametersJson;
import io.tessera.ingestion.mapping.CsvRows;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.SourceKind;
import io.tessera.ingestion.source.TableMapping;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bin/tessera resolve --mapping M.yaml --out predicted.csv [--params P.json] [--save-params L.json]
 * [--phone-region CC] INPUT.csv…}: maps CSV files with the {@code kind: csv} sources of a mapping file, resolves
 * the records in batch with the same scoring core as the streaming resolver, and writes
 * {@code source,source_table,source_pk,profile_id}. Counts and times go to the error stream; no personal data.
 */
final class ResolveCommand {

    static final String USAGE = "bin/tessera resolve --mapping M.yaml --out predicted.csv [--params params.json] "
            + "[--save-params learned.json] [--phone-region ES] INPUT.csv…";

    private ResolveCommand() {
    }

    /** Parsed arguments. */
    record Options(Path mapping, Path out, Path params, Path saveParams, String phoneRegion, List<Path> inputs) {
    }

    static Options parse(String[] args) {
        Path mapping = null;
        Path out = null;
        Path params = null;
        Path saveParams = null;
        String region = "ES";
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (arg) {
                case "--mapping" -> mapping = hasValue ? Path.of(args[++i]) : missingValue(arg);
                case "--out" -> out = hasValue ? Path.of(args[++i]) : missingValue(arg);
                case "--params" -> params = hasValue ? Path.of(args[++i]) : missingValue(arg);
                case "--save-params" -> saveParams = hasValue ? Path.of(args[++i]) : missingValue(arg);
                case "--phone-region" -> region = hasValue ? args[++i].toUpperCase(Locale.ROOT) : missingValue(arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new LaunchException("Unknown option '" + arg + "'; use: " + USAGE);
                    }
                    inputs.add(Path.of(arg));
                }
            }
        }
        if (mapping == null || out == null || inputs.isEmpty()) {
            throw new LaunchException("resolve needs a mapping, an output file and at least one input CSV: " + USAGE);
        }
        return new Options(mapping, out, params, saveParams, region, List.copyOf(inputs));
    }

    private static <T> T missingValue(String option) {
        throw new LaunchException("Option " + option + " needs a value; use: " + USAGE);
    }

    static int run(String[] args, PrintStream err) {
        long start = System.nanoTime();
        Options options = parse(args);
        SourceCatalog catalog = SourceFiles.load(options.mapping());
        ModelParameters parameters = options.params() == null ? null : loadParameters(options.params());
        BatchResolve resolver;
        try {
            resolver = new BatchResolve(options.phoneRegion());
        } catch (IllegalArgumentException e) {
            throw new LaunchException("--phone-region: " + e.getMessage(), e);
        }

        List<SourceRecord> records = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Path> tables = new HashMap<>();
        int rows = 0;
        int rejected = 0;
        for (Path input : options.inputs()) {
            String table = CsvRows.tableName(input);
            Path other = tables.putIfAbsent(table, input);
            if (other != null) {
                throw new LaunchException("Inputs " + other + " and " + input + " are both table '" + table
                        + "'; rename one, since the file name is the table part of every record key");
            }
            Match match = match(catalog, options.mapping(), input, table);
            if (!Files.isRegularFile(input)) {
                throw new LaunchException("Input " + input + " does not exist or is not a file");
            }
            CsvRows.Mapped mapped;
            try {
                mapped = CsvRows.map(match.source(), match.table(), input);
            } catch (IOException | UncheckedIOException e) {
                throw new LaunchException("Cannot read " + input + ": " + e.getMessage(), e);
            }
            rows += mapped.rows();
            rejected += mapped.rejected().size();
            mapped.reasons().forEach((reason, count) -> reasons.merge(reason, count, Integer::sum));
            records.addAll(mapped.records());
            err.printf(Locale.ROOT, "%s: %,d rows, %,d records, %,d rejected (source %s, table entry %s)%n", input,
                    mapped.rows(), mapped.records().size(), mapped.rejected().size(), match.source().name(),
                    match.table().table());
        }
        long read = System.nanoTime();

        BatchResolve.Result result;
        try {
            result = resolver.resolve(records, parameters);
        } catch (IllegalArgumentException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        long resolved = System.nanoTime();
        try {
            if (options.out().toAbsolutePath().getParent() != null) {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
            }
            try (Writer writer = Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8)) {
                BatchResolve.writeCsv(result.rows(), writer);
            }
            if (options.saveParams() != null) {
                ModelParametersJson.write(result.parameters(), options.saveParams());
            }
        } catch (IOException e) {
            throw new LaunchException("Cannot write " + e.getMessage(), e);
        }

        err.printf(Locale.ROOT, "Read %,d rows from %d file(s): %,d records, %,d rejected%n", rows,
                options.inputs().size(), records.size(), rejected);
        reasons.forEach((reason, count) -> err.printf(Locale.ROOT, "  rejected %,d: %s%n", count, reason));
        if (result.unusable() > 0) {
            err.printf(Locale.ROOT, "%,d record(s) have no attribute to compare; each is a profile of its own%n",
                    result.unusable());
        }
        err.printf(Locale.ROOT, "Parameters: %s; %,d candidate pairs, %,d edges, %,d oversized blocks skipped%n",
                result.trained() ? "trained by EM on these records" : "from " + options.params(),
                result.resolution().blocking().pairCount(), result.resolution().edges(),
                result.resolution().blocking().skippedBlocks());
        err.printf(Locale.ROOT, "Resolved %,d records into %,d profiles -> %s%n", records.size(), result.profiles(),
                options.out());
        if (options.saveParams() != null) {
            err.println("Saved parameters to " + options.saveParams());
        }
        err.printf(Locale.ROOT, "Time: read and map %.1f s, resolve %.1f s, total %.1f s%n",
                (read - start) / 1e9, (resolved - read) / 1e9, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The source and table entry that map a file. */
    record Match(SourceDefinition source, TableMapping table) {
    }

    static Match match(SourceCatalog catalog, Path mappingFile, Path input, String table) {
        List<String> known = new ArrayList<>();
        for (SourceDefinition source : catalog.sources()) {
            if (source.kind() != SourceKind.CSV) {
                continue;
            }
            var mapping = source.csvTable(table);
            if (mapping.isPresent()) {
                return new Match(source, mapping.get());
            }
            source.tables().forEach(t -> known.add(source.name() + "/" + t.table()));
        }
        if (known.isEmpty()) {
            throw new LaunchException(mappingFile + " has no source of kind: csv; resolve reads CSV files, add a "
                    + "source with kind: csv (see docs/resolve.md)");
        }
        throw new LaunchException("Input " + input + " (table '" + table + "') has no table entry in " + mappingFile
                + "; its csv tables are: " + String.join(", ", known) + ". Add a table entry named '" + table
                + "' or a pattern such as '*'");
    }

    private static ModelParameters loadParameters(Path file) {
        try {
            return ModelParametersJson.read(file);
        } catch (InvalidParametersException e) {
            throw new LaunchException(e.getMessage(), e);
        } catch (IOException e) {
            throw new LaunchException("Cannot read parameters " + file + ": " + e.getMessage(), e);
        }
    }
}
