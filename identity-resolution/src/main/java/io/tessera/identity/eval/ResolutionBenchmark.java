package io.tessera.identity.eval;

import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelTrainer;
import io.tessera.identity.core.scoring.Resolution;
import io.tessera.identity.core.scoring.ResolutionConfig;
import io.tessera.identity.core.scoring.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Runs the accuracy benchmark over the shared datasets and writes a Markdown report: for each dataset, EM
 * training on the data itself (no labels), resolution, and evaluation against the ground truth.
 *
 * <p>Usage: {@code ResolutionBenchmark <datasets dir> <report.md>}.
 */
public final class ResolutionBenchmark {

    private ResolutionBenchmark() {
    }

    /** One benchmark row. */
    public record Result(String dataset, int records, ResolutionConfig config, ModelParameters parameters,
            Resolution resolution, PartitionMetrics metrics, double blockingRecall, long trainMillis,
            long resolveMillis) {
    }

    /** Trains, resolves and evaluates one dataset. */
    public static Result run(LabelledDataset dataset, ResolutionConfig config) {
        long start = System.nanoTime();
        ModelParameters parameters = ModelTrainer.train(dataset.records(), config);
        long trained = System.nanoTime();
        Resolution resolution = new Resolver(config, parameters).resolve(dataset.records());
        long resolved = System.nanoTime();
        PartitionMetrics metrics = Evaluator.evaluate(resolution.clusters(), dataset.truth());
        double blockingRecall = Evaluator.blockingRecall(resolution.records(), resolution.blocking(),
                dataset.truth());
        return new Result(dataset.name(), dataset.records().size(), config, parameters, resolution, metrics,
                blockingRecall, (trained - start) / 1_000_000, (resolved - trained) / 1_000_000);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ResolutionBenchmark <datasets dir> <report.md>");
            System.exit(2);
        }
        Path datasets = Path.of(args[0]);
        record Job(String file, Function<Path, LabelledDataset> reader, ResolutionConfig config) {
        }
        List<Job> jobs = List.of(
                new Job("febrl/dataset3.csv", DatasetReaders::febrl, DatasetConfigs.febrl()),
                new Job("febrl-dsgen/dataset_C_10000.csv", DatasetReaders::febrlDsgen, DatasetConfigs.febrlDsgen()),
                new Job("splink/fake_1000.csv", DatasetReaders::splink, DatasetConfigs.fake1000()),
                new Job("splink/historical_figures_with_errors_50k.csv", DatasetReaders::splink,
                        DatasetConfigs.historical()));
        List<Result> results = new ArrayList<>();
        for (Job job : jobs) {
            Result result = run(job.reader().apply(datasets.resolve(job.file())), job.config());
            System.out.println(row(result));
            results.add(result);
        }
        Files.writeString(Path.of(args[1]), report(results));
    }

    static String row(Result r) {
        PartitionMetrics m = r.metrics();
        return String.format(Locale.ROOT,
                "| %s | %,d | %.4f | %.4f | **%.4f** | %.4f | %.4f | %.4f | %,d | %.4f | %d | %.4f | %,d | %,d |",
                r.dataset(), r.records(), m.pairPrecision(), m.pairRecall(), m.pairF1(), m.bcubedPrecision(),
                m.bcubedRecall(), m.bcubedF1(), r.resolution().blocking().pairCount(), r.blockingRecall(),
                r.resolution().blocking().skippedBlocks(), r.parameters().lambda(), r.trainMillis(),
                r.resolveMillis());
    }

    static String report(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| dataset | records | pair P | pair R | pair F1 | B³ P | B³ R | B³ F1 | pairs compared "
                + "| blocking recall | blocks skipped | λ (EM) | train ms | resolve ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach(r -> out.append(row(r)).append('\n'));
        out.append("\n### Configurations used\n");
        for (Result r : results) {
            out.append("\n**").append(r.dataset()).append("** — threshold ").append(r.config().threshold())
                    .append(", max block size ").append(r.config().blocking().maxBlockSize()).append('\n');
            out.append("- comparisons: ");
            List<String> comparisons = new ArrayList<>();
            r.config().comparisons().forEach(c -> {
                List<String> levels = new ArrayList<>();
                c.levels().forEach(l -> levels.add(l.label()));
                comparisons.add("`" + c.attribute() + "` [" + String.join(", ", levels) + "]"
                        + (c.termFrequency() ? " +tf" : ""));
            });
            out.append(String.join("; ", comparisons)).append('\n');
            out.append("- blocking keys: ");
            List<String> keys = new ArrayList<>();
            r.config().effectiveBlocking().keys().forEach(k -> keys.add("`" + k.name() + "`"));
            out.append(String.join(", ", keys)).append('\n');
            out.append("- rules: ").append(r.config().rules().decisive().isEmpty()
                    && r.config().rules().cannotLink().isEmpty() && r.config().rules().maxBirthYearsApart() <= 0
                    ? "none" : r.config().rules().toString()).append('\n');
        }
        return out.toString();
    }
}
