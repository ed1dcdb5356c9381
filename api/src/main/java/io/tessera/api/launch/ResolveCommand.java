package io.tessera.api.launch;

import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.batch.BatchResolve;
import io.tessera.identity.core.batch.CanonicalResolution;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.core.scoring.InvalidParametersException;
import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelParametersJson;
import io.tessera.identity.core.scoring.ResolutionConfig;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code bin/tessera resolve --mapping M.yaml --out predicted.csv [--params P.json] [--save-params L.json]
 * [--phone-region CC] INPUT.csv…}: maps CSV files with the {@code kind: csv} sources of a mapping file, resolves
 * the records in batch with the same scoring core as the streaming resolver, and writes
 * {@code source,source_table,source_pk,profile_id}; with {@code --relations-out R.csv} also the relations the records
 * hold (a contact's company), with the profile at each end. Counts and times go to the error stream; no personal
 * data.
 * Parameters given with {@code --params} must have been learned for the comparisons these records get.
 * {@link #readInputs} is how both this command and {@code learn} read their CSV files.
 */
final class ResolveCommand {

    static final String USAGE = "bin/tessera resolve --mapping M.yaml --out predicted.csv [--params params.json] "
            + "[--save-params learned.json] [--relations-out relations.csv] [--phone-region ES] "
            + "[--max-birth-years-apart 15] INPUT.csv…";

    /** Region of national phone numbers of records without a country, unless {@code --phone-region} says. */
    static final String DEFAULT_PHONE_REGION = "ES";

    private ResolveCommand() {
    }

    /** Parsed arguments. */
    record Options(Path mapping, Path out, Path params, Path saveParams, Path relationsOut, String phoneRegion,
            double maxBirthYearsApart, List<Path> inputs) {
    }

    static Options parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("--mapping", "--out", "--params", "--save-params",
                "--relations-out", "--phone-region", "--max-birth-years-apart"), USAGE);
        String region = line.value("--phone-region");
        String years = line.value("--max-birth-years-apart");
        Options options = new Options(line.path("--mapping"), line.path("--out"), line.path("--params"),
                line.path("--save-params"), line.path("--relations-out"), region == null ? DEFAULT_PHONE_REGION : region.toUpperCase(Locale.ROOT),
                years == null ? CanonicalResolution.MAX_BIRTH_YEARS_APART : years(years), line.inputs());
        line.require(options.mapping() != null && options.out() != null && !options.inputs().isEmpty(),
                "resolve needs a mapping, an output file and at least one input CSV");
        return options;
    }

    /** The value of {@code --max-birth-years-apart}: a number of years, 0 to turn the rule off. */
    static double years(String value) {
        try {
            double years = Double.parseDouble(value);
            if (years >= 0) {
                return years;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LaunchException("--max-birth-years-apart: '" + value + "' is not a number of years; use 0 to turn"
                + " the birth-date rule off, or e.g. " + CanonicalResolution.MAX_BIRTH_YEARS_APART);
    }


    static int run(String[] args, PrintStream err, Clock clock) {
        long start = System.nanoTime();
        Options options = parse(args);
        // An invalid parameter file fails before the inputs are read, naming its line and key.
        ModelParameters parameters = options.params() == null ? null : loadParameters(options.params());
        BatchResolve resolver;
        try {
            resolver = new BatchResolve(options.phoneRegion(), ResolverSettings.DEFAULT_CARDINALITY_CAP,
                    CanonicalResolution.MAX_BLOCK_SIZE, options.maxBirthYearsApart());
        } catch (IllegalArgumentException e) {
            throw new LaunchException("--phone-region: " + e.getMessage(), e);
        }
        Inputs inputs = readInputs(options.mapping(), options.inputs(), err);
        List<SourceRecord> records = inputs.records();
        if (parameters != null) {
            requireFit(parameters, options, records);
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
            createParent(options.out());
            try (Writer writer = Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8)) {
                BatchResolve.writeCsv(result.rows(), writer);
            }
            if (options.relationsOut() != null) {
                createParent(options.relationsOut());
                try (Writer writer = Files.newBufferedWriter(options.relationsOut(), StandardCharsets.UTF_8)) {
                    BatchResolve.writeRelationsCsv(records, result.rows(), writer);
                }
            }
            if (options.saveParams() != null) {
                ModelParameters saved = result.trained()
                        ? result.parameters().withTraining(inputs.training(clock))
                        : result.parameters();
                createParent(options.saveParams());
                ModelParametersJson.write(saved, options.saveParams());
            }
        } catch (IOException e) {
            throw new LaunchException("Cannot write " + e.getMessage(), e);
        }

        inputs.printCounts(err);
        if (result.unusable() > 0) {
            err.printf(Locale.ROOT, "%,d record(s) have no attribute to compare; each is a profile of its own%n",
                    result.unusable());
        }
        err.printf(Locale.ROOT, "Parameters: %s; %,d candidate pairs, %,d edges, %,d oversized blocks skipped%n",
                result.trained() ? "trained by EM on these records" : "from " + options.params()
                        + describeTraining(result.parameters()),
                result.resolution().blocking().pairCount(), result.resolution().edges(),
                result.resolution().blocking().skippedBlocks());
        err.printf(Locale.ROOT, "Resolved %,d records into %,d profiles -> %s%n", records.size(), result.profiles(),
                options.out());
        if (options.relationsOut() != null) {
            long relations = records.stream().mapToLong(r -> r.relations().size()).sum();
            err.printf(Locale.ROOT, "Wrote %,d relations -> %s%n", relations, options.relationsOut());
        }
        if (options.saveParams() != null) {
            err.println("Saved parameters to " + options.saveParams());
        }
        err.printf(Locale.ROOT, "Time: read and map %.1f s, resolve %.1f s, total %.1f s%n",
                (read - start) / 1e9, (resolved - read) / 1e9, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /**
     * The records of CSV files, mapped by the {@code kind: csv} sources of a mapping file: what {@code resolve} and
     * {@code learn} both read.
     *
     * @param files    the input files, in the order given
     * @param records  the mapped records of all files
     * @param rows     data rows read
     * @param rejected rows rejected
     * @param reasons  rejected rows by reason (reasons name columns, never values)
     */
    record Inputs(List<Path> files, List<SourceRecord> records, int rows, int rejected, Map<String, Integer> reasons) {

        /** Prints the totals and the rejections by reason. */
        void printCounts(PrintStream err) {
            err.printf(Locale.ROOT, "Read %,d rows from %d file(s): %,d records, %,d rejected%n", rows, files.size(),
                    records.size(), rejected);
            reasons.forEach((reason, count) -> err.printf(Locale.ROOT, "  rejected %,d: %s%n", count, reason));
        }

        /** What parameters trained on these records now record about it: the time, the count and the file names. */
        ModelParameters.Training training(Clock clock) {
            return new ModelParameters.Training(clock.instant().truncatedTo(ChronoUnit.SECONDS), records.size(),
                    files.stream().map(f -> f.getFileName().toString()).toList());
        }
    }

    /**
     * Reads and maps the input files, printing per file the rows read, records mapped and rows rejected. Each file
     * is the table named by its file name; two files naming the same table, a file without a table entry and an
     * unreadable file fail with a {@link LaunchException} naming the file.
     */
    static Inputs readInputs(Path mappingFile, List<Path> files, PrintStream err) {
        SourceCatalog catalog = SourceFiles.load(mappingFile);
        List<SourceRecord> records = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Path> tables = new HashMap<>();
        int rows = 0;
        int rejected = 0;
        for (Path input : files) {
            String table = CsvRows.tableName(input);
            Path other = tables.putIfAbsent(table, input);
            if (other != null) {
                throw new LaunchException("Inputs " + other + " and " + input + " are both table '" + table
                        + "'; rename one, since the file name is the table part of every record key");
            }
            Match match = match(catalog, mappingFile, input, table);
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
            err.printf(Locale.ROOT, "%s: %,d rows, %,d records, %,d rejected%s (source %s, table entry %s)%n", input,
                    mapped.rows(), mapped.records().size(), mapped.rejected().size(),
                    mapped.ignoredRows() == 0 ? "" : String.format(Locale.ROOT, ", %,d ignored", mapped.ignoredRows()),
                    match.source().name(), match.table().table());
            // Link rows relating nothing mapped (an ERPNext contact's link to a supplier): not errors, but counted.
            mapped.ignored().forEach((reason, count) -> err.printf(Locale.ROOT, "  ignored %,d: %s%n", count, reason));
        }
        return new Inputs(List.copyOf(files), records, rows, rejected, reasons);
    }

    /**
     * Fails when the given parameters were learned for other comparisons than these records get (another set of
     * identifier types, or another build's configuration): scoring with them would silently ignore or misweigh an
     * attribute.
     */
    private static void requireFit(ModelParameters parameters, Options options, List<SourceRecord> records) {
        ResolutionConfig config = BatchResolve.configFor(records);
        parameters.mismatch(config.comparisons()).ifPresent(problem -> {
            throw new LaunchException("Parameters " + options.params() + " were learned for another configuration ("
                    + parameters.configuration() + ") than these inputs need ("
                    + ModelParameters.fingerprint(config.comparisons()) + "): " + problem
                    + ". Re-run bin/tessera learn --mapping " + options.mapping() + " --out " + options.params()
                    + " INPUT.csv… on records like these, or leave out --params to train on these records");
        });
    }

    private static String describeTraining(ModelParameters parameters) {
        ModelParameters.Training training = parameters.training();
        return training == null ? "" : String.format(Locale.ROOT, " (learned %s on %,d records of %s)",
                training.trainedAt(), training.records(), String.join(", ", training.inputs()));
    }

    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
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

    /** Reads a parameter file; its problems (with file, line and key) become one clear message. */
    static ModelParameters loadParameters(Path file) {
        try {
            return ModelParametersJson.read(file);
        } catch (InvalidParametersException e) {
            throw new LaunchException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new LaunchException("Parameters " + file + " do not exist; learn them with bin/tessera learn "
                    + "(docs/resolve.md)", e);
        } catch (IOException e) {
            throw new LaunchException("Cannot read parameters " + file + ": " + e.getMessage(), e);
        }
    }
}
