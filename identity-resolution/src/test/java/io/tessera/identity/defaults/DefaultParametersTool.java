package io.tessera.identity.defaults;

import io.tessera.contracts.SourceRecord;
import io.tessera.identity.bench.SyntheticPeople;
import io.tessera.identity.core.batch.BatchResolve;
import io.tessera.identity.core.batch.CanonicalResolution;
import io.tessera.identity.core.batch.FeatureExtractor;
import io.tessera.identity.core.scoring.ComparisonParameters;
import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelParametersJson;
import io.tessera.identity.core.scoring.ModelTrainer;
import io.tessera.identity.eval.Evaluator;
import io.tessera.identity.eval.PartitionMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Produces {@code default-parameters.json}, the parameters Tessera resolves with until an operator learns their own:
 * EM without labels on synthetic multi-source people ({@link SyntheticPeople}, seed 1), term-frequency tables left
 * out. Then reports the accuracy of those parameters on another synthetic sample (seed 2), which the training never
 * saw (20,000 and 100,000 records). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -o -pl identity-resolution test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/ir.cp
 * java -cp identity-resolution/target/test-classes:identity-resolution/target/classes:$(cat /tmp/ir.cp) \
 *   io.tessera.identity.defaults.DefaultParametersTool \
 *   identity-resolution/src/main/resources/io/tessera/identity/default-parameters.json
 * </pre>
 */
public final class DefaultParametersTool {

    private static final int TRAINING_RECORDS = 20_000;
    private static final int ASSUMED_RECORDS = 100_000;

    private DefaultParametersTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DefaultParametersTool OUTPUT.json");
        }
        FeatureExtractor extractor = new FeatureExtractor("ES");
        List<Features> training = SyntheticPeople.stream(1, TRAINING_RECORDS)
                .map(labelled -> extractor.extract(labelled.record())).toList();
        ModelParameters trained = ModelTrainer.train(training, CanonicalResolution.config(List.of()));
        List<ComparisonParameters> withoutFrequencies = trained.comparisons().stream()
                .map(c -> new ComparisonParameters(c.spec(), c.m(), c.u(), Map.of(), 0.0))
                .toList();
        // λ is the probability that two random records match, which falls as the database grows (matches grow
        // with n, pairs with n²). The defaults assume a database of ASSUMED_RECORDS records, not of the sample's size.
        double lambda = trained.lambda() * TRAINING_RECORDS / ASSUMED_RECORDS;
        ModelParameters defaults = new ModelParameters(ModelParameters.CURRENT_VERSION, lambda, withoutFrequencies);
        ModelParametersJson.write(defaults, Path.of(args[0]));
        System.out.printf(Locale.ROOT, "trained on %d records: lambda %.3g; written to %s%n", training.size(),
                defaults.lambda(), args[0]);

        for (int size : List.of(TRAINING_RECORDS, ASSUMED_RECORDS)) {
            report(defaults, size);
        }
    }

    /** The accuracy of the parameters on a synthetic sample the training never saw (seed 2), in batch. */
    private static void report(ModelParameters parameters, int size) {
        List<SourceRecord> heldOut = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        SyntheticPeople.stream(2, size).forEach(labelled -> {
            heldOut.add(labelled.record());
            truth.put(labelled.record().key().asString(), SyntheticPeople.personId(labelled.person()));
        });
        BatchResolve.Result result = new BatchResolve("ES").resolve(heldOut, parameters);
        Map<String, List<String>> clusters = new HashMap<>();
        result.rows().forEach(row -> clusters.computeIfAbsent(row.profileId(), any -> new ArrayList<>())
                .add(row.key().asString()));
        PartitionMetrics metrics = Evaluator.evaluate(List.copyOf(clusters.values()), truth);
        System.out.printf(Locale.ROOT, "held-out sample of %d records: pairwise P %.4f R %.4f F1 %.4f%n",
                heldOut.size(), metrics.pairPrecision(), metrics.pairRecall(), metrics.pairF1());
    }
}
