package io.tessera.api.launch;

import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.batch.BatchResolve;
import io.tessera.identity.core.batch.FeatureExtractor;
import io.tessera.identity.core.scoring.ComparisonParameters;
import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelParametersJson;
import io.tessera.identity.core.scoring.ModelTrainer;
import io.tessera.identity.core.scoring.ResolutionConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bin/tessera learn --mapping M.yaml --out params.json [--phone-region CC] INPUT.csv…}: reads CSV files
 * through a mapping as {@code resolve} does, trains the Fellegi-Sunter parameters by EM (no labels) with the
 * configuration {@code resolve} uses for these records, and writes them as a versioned parameter file that records
 * when and on what it was trained. The file is then reviewed and given to {@code resolve --params} or to the
 * streaming resolver. Per-file counts go to the error stream, the summary of the parameters to the output.
 */
final class LearnCommand {

    static final String USAGE = "bin/tessera learn --mapping M.yaml --out params.json [--phone-region ES] "
            + "INPUT.csv…";

    private LearnCommand() {
    }

    /** Parsed arguments. */
    record Options(Path mapping, Path out, String phoneRegion, List<Path> inputs) {
    }

    static Options parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("--mapping", "--out", "--phone-region"), USAGE);
        String region = line.value("--phone-region");
        Options options = new Options(line.path("--mapping"), line.path("--out"),
                region == null ? ResolveCommand.DEFAULT_PHONE_REGION : region.toUpperCase(Locale.ROOT), line.inputs());
        line.require(options.mapping() != null && options.out() != null && !options.inputs().isEmpty(),
                "learn needs a mapping, an output file and at least one input CSV");
        return options;
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        long start = System.nanoTime();
        Options options = parse(args);
        FeatureExtractor extractor;
        try {
            extractor = new FeatureExtractor(options.phoneRegion());
        } catch (IllegalArgumentException e) {
            throw new LaunchException("--phone-region: " + e.getMessage(), e);
        }
        ResolveCommand.Inputs inputs = ResolveCommand.readInputs(options.mapping(), options.inputs(), err);
        inputs.printCounts(err);
        List<SourceRecord> records = inputs.records();
        if (records.size() < 2) {
            throw new LaunchException("learn needs at least two records to compare; the inputs gave "
                    + records.size() + " (see the rejected rows above)");
        }
        long read = System.nanoTime();

        ResolutionConfig config = BatchResolve.configFor(records);
        List<Features> features = records.stream().map(extractor::extract).toList();
        ModelParameters parameters;
        try {
            parameters = ModelTrainer.train(features, config).withTraining(inputs.training(clock));
        } catch (IllegalArgumentException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        long trained = System.nanoTime();
        try {
            ResolveCommand.createParent(options.out());
            ModelParametersJson.write(parameters, options.out());
        } catch (IOException e) {
            throw new LaunchException("Cannot write " + options.out() + ": " + e.getMessage(), e);
        }

        printSummary(parameters, features, (trained - read) / 1e9, out);
        out.printf(Locale.ROOT, "Wrote %s (read and map %.1f s, total %.1f s). Review it, then resolve with it: "
                + "bin/tessera resolve --mapping %s --params %s --out predicted.csv INPUT.csv…%n", options.out(),
                (read - start) / 1e9, (System.nanoTime() - start) / 1e9, options.mapping(), options.out());
        return 0;
    }

    /**
     * λ and, per comparison, the share of records that have the attribute and m, u and weight of its top level (the
     * strongest agreement): what a reviewer checks first. An attribute no record has keeps EM's starting m.
     */
    static void printSummary(ModelParameters parameters, List<Features> features, double trainSeconds,
            PrintStream out) {
        out.printf(Locale.ROOT, "Learned parameters by EM from %,d records in %.1f s; configuration %s, "
                + "%d comparisons%n", features.size(), trainSeconds, parameters.configuration(),
                parameters.comparisons().size());
        out.printf(Locale.ROOT, "  lambda (prior that two random records match) = %.3e%n", parameters.lambda());
        out.printf(Locale.ROOT, "  %-20s %8s  %-22s %8s %10s %8s%n", "comparison", "present", "top level", "m", "u",
                "weight");
        for (ComparisonParameters c : parameters.comparisons()) {
            String attribute = c.spec().attribute();
            long present = features.stream().filter(f -> f.value(attribute) != null).count();
            out.printf(Locale.ROOT, "  %-20s %7.1f%%  %-22s %8.4f %10.2e %+8.2f%n", attribute,
                    100.0 * present / features.size(), c.spec().levelLabel(0), c.m().get(0), c.u().get(0),
                    c.weight(0));
        }
    }
}
