package io.tessera.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.batch.BatchResolve;
import io.tessera.identity.core.batch.CanonicalResolution;
import io.tessera.identity.core.blocking.BlockingResult;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.eval.Evaluator;
import io.tessera.ingestion.mapping.CsvRows;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FEBRL4-style record linkage (two files, each person at most once per file, accuracy over cross-file pairs) through
 * the path of {@code bin/tessera resolve --mapping examples/mappings/febrl.yaml a.csv b.csv}: the mapping, the CSV
 * reader, and {@link BatchResolve} with the canonical configuration and EM on the records (no labels in training).
 * FEBRL4 itself is not among the shared datasets, so the two files are cut from a dsgen file: originals in one,
 * duplicates in the other. The target is Splink's FEBRL4 linkage F1 ≈ 0.999.
 */
class Febrl4StyleLinkageTest {

    private static final Path FEBRL_MAPPING = SharedDatasets.FEBRL_MAPPING;

    /**
     * One linkage run.
     *
     * @param recordsA        records of the first file
     * @param recordsB        records of the second file
     * @param metrics         cross-file pairwise accuracy
     * @param candidatePairs  distinct candidate pairs after blocking (same-file pairs included: the core dedupes too)
     * @param crossFilePairs  the candidate pairs whose records come from different files
     * @param blockingRecall  share of true cross-file pairs among the candidates
     * @param skippedBlocks   blocks above the size cap
     * @param lambda          EM's probability that two random records match
     * @param resolveMillis   time of {@link BatchResolve#resolve} (features, EM, scoring, clustering)
     */
    private record Linkage(int recordsA, int recordsB, Evaluator.LinkageMetrics metrics, int candidatePairs,
            long crossFilePairs, double blockingRecall, int skippedBlocks, double lambda, long resolveMillis) {

        String summary(String name) {
            return String.format(Locale.ROOT, "%s: %,d + %,d records; linkage P %.4f R %.4f F1 %.4f (%,d of %,d true"
                    + " pairs, %,d predicted cross-file pairs, %,d same-file merges); %,d candidate pairs (%,d"
                    + " cross-file), blocking recall %.4f, %d blocks skipped; λ %.6f; resolve %,d ms", name, recordsA,
                    recordsB, metrics.precision(), metrics.recall(), metrics.f1(), metrics.correctPairs(),
                    metrics.truePairs(), metrics.predictedPairs(), metrics.withinFilePairs(), candidatePairs,
                    crossFilePairs, blockingRecall, skippedBlocks, lambda, resolveMillis);
        }
    }

    /**
     * dataset_A_10000: light corruption, one duplicate per person. File a holds the 5,000 originals, file b their
     * 5,000 duplicates, as FEBRL4's dataset4a/4b.
     */
    @Test
    void dsgenAOriginalsLinkToTheirDuplicates(@TempDir Path dir) throws IOException {
        Linkage linkage = originalsAgainstFirstDuplicates(dir, "dataset_A_10000");

        System.out.println(linkage.summary("FEBRL4-style linkage, dataset_A_10000 originals vs duplicates"));
        assertThat(linkage.recordsA()).isEqualTo(5000);
        assertThat(linkage.recordsB()).isEqualTo(5000);
        assertThat(linkage.metrics().truePairs()).isEqualTo(5000);
        assertThat(linkage.metrics().f1()).as(linkage.summary("dataset_A_10000")).isGreaterThanOrEqualTo(0.999);
    }

    /**
     * dataset_C_10000: heavy corruption. File a holds all 6,000 originals, file b the first duplicate of the 984
     * people who have one; the other 5,016 originals have no partner. Reported, not asserted.
     */
    @Test
    void dsgenCOriginalsLinkToTheirFirstDuplicates(@TempDir Path dir) throws IOException {
        Linkage linkage = originalsAgainstFirstDuplicates(dir, "dataset_C_10000");

        System.out.println(linkage.summary("FEBRL4-style linkage, dataset_C_10000 originals vs first duplicates"));
        assertThat(linkage.recordsA()).isEqualTo(6000);
        assertThat(linkage.recordsB()).isEqualTo(984);
        assertThat(linkage.metrics().truePairs()).isEqualTo(984);
    }

    /** Splits a dsgen file into its originals (file a) and first duplicates (file b), and links the two. */
    private static Linkage originalsAgainstFirstDuplicates(Path dir, String dataset) throws IOException {
        Path a = dir.resolve(dataset + "_a.csv");
        Path b = dir.resolve(dataset + "_b.csv");
        Path source = SharedDatasets.file("febrl-dsgen/" + dataset + ".csv");
        split(source, a, copy -> copy == 0);
        split(source, b, copy -> copy == 1);
        return link(dir, a, b);
    }

    /**
     * Resolves the two files as {@code bin/tessera resolve} does (same option defaults, table matching and mapping)
     * and scores the partition as a linkage of file a to file b. The truth is read from the dsgen record ids.
     */
    private static Linkage link(Path dir, Path a, Path b) {
        ResolveCommand.Options options = ResolveCommand.parse(new String[] {"resolve", "--mapping",
            FEBRL_MAPPING.toString(), "--out", dir.resolve("predicted.csv").toString(),
            // FEBRL replaces birth dates wholesale, so the birth-date rule is off for it, as for FEBRL3.
            "--max-birth-years-apart", "0", a.toString(), b.toString()});
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ResolveCommand.Inputs inputs = ResolveCommand.readInputs(options.mapping(), options.inputs(),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        List<SourceRecord> records = inputs.records();
        // The dsgen entry of the mapping, so phone numbers are mapped as well.
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("table entry dataset_*");
        assertThat(inputs.rejected()).isZero();
        Map<String, String> truth = new HashMap<>();
        Map<String, String> files = new HashMap<>();
        for (SourceRecord record : records) {
            String id = record.key().asString();
            truth.put(id, Long.toString(Long.parseLong(record.key().pk()) / 10));
            files.put(id, record.key().table());
        }

        long start = System.nanoTime();
        // Built as ResolveCommand.run builds it, with the command's defaults.
        BatchResolve.Result result = new BatchResolve(options.phoneRegion(), ResolverSettings.DEFAULT_CARDINALITY_CAP,
                CanonicalResolution.MAX_BLOCK_SIZE, options.maxBirthYearsApart()).resolve(records, null);
        long resolveMillis = (System.nanoTime() - start) / 1_000_000;

        List<Features> indexed = result.resolution().records();
        BlockingResult blocking = result.resolution().blocking();
        long crossFile = 0;
        for (int p = 0; p < blocking.pairCount(); p++) {
            if (!files.get(indexed.get(blocking.left(p)).id()).equals(files.get(indexed.get(blocking.right(p)).id()))) {
                crossFile++;
            }
        }
        String tableA = CsvRows.tableName(a);
        int recordsA = (int) records.stream().filter(r -> r.key().table().equals(tableA)).count();
        return new Linkage(recordsA, records.size() - recordsA,
                Evaluator.evaluateLinkage(result.resolution().clusters(), truth, files::get), blocking.pairCount(),
                crossFile, Evaluator.linkageBlockingRecall(indexed, blocking, truth, files::get),
                blocking.skippedBlocks(), result.parameters().lambda(), resolveMillis);
    }

    /** Writes the header and the rows of {@code source} whose copy number ({@code rec_id % 10}) is selected. */
    private static void split(Path source, Path target, IntPredicate copy) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            assertThat(header).startsWith("rec_id,");
            out.write(header);
            out.newLine();
            // dsgen files have no quoted fields, so every line is one row and rec_id is its first field.
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int comma = line.indexOf(',');
                if (comma > 0 && copy.test(Integer.parseInt(line.substring(0, comma).strip()) % 10)) {
                    out.write(line);
                    out.newLine();
                }
            }
        }
    }
}
