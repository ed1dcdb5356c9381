package io.tessera.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.batch.BatchResolve;
import io.tessera.identity.core.batch.CanonicalResolution;
import io.tessera.identity.core.cluster.Change;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.InMemoryResolutionState;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.eval.Evaluator;
import io.tessera.identity.eval.PartitionMetrics;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Splink's batch accuracy, incrementally: FEBRL3 through the streaming resolver one record at a time, in file order
 * and shuffled, ends in exactly the batch partition, with pairwise F1 ≥ 0.993. The parameters are learned by EM on
 * the records (no labels), as {@code bin/tessera learn} does, and the birth-date rule is off, since FEBRL corrupts
 * birth dates wholesale.
 */
class Febrl3IncrementalTest {

    private static final Path FEBRL_MAPPING = SharedDatasets.FEBRL_MAPPING;
    private static final Pattern FEBRL_ID = Pattern.compile("rec-(\\d+)-(org|dup-\\d+)");

    @Test
    void febrl3OneRecordAtATimeEqualsTheBatchPartition() {
        Path input = SharedDatasets.file("febrl/dataset3.csv");
        List<SourceRecord> records = ResolveCommand.readInputs(FEBRL_MAPPING, List.of(input),
                new PrintStream(OutputStream.nullOutputStream())).records();
        BatchResolve batch = new BatchResolve("AU", ResolverSettings.DEFAULT_CARDINALITY_CAP,
                CanonicalResolution.MAX_BLOCK_SIZE, 0);
        BatchResolve.Result batchResult = batch.resolve(records, null);
        Set<Set<RecordKey>> expected = partition(batchResult);
        ResolverSettings settings = new ResolverSettings("AU", ResolverSettings.DEFAULT_CARDINALITY_CAP,
                batchResult.parameters(), CanonicalResolution.MAX_BLOCK_SIZE, 0);

        long start = System.nanoTime();
        InMemoryResolutionState inFileOrder = stream(settings, records);
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<SourceRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(3));
        InMemoryResolutionState inRandomOrder = stream(settings, shuffled);

        PartitionMetrics metrics = Evaluator.evaluate(clusters(inFileOrder), truth(records));
        System.out.printf(Locale.ROOT, "FEBRL3 incrementally: %d records one at a time in %,d ms; pairwise P %.4f"
                + " R %.4f F1 %.4f; %d profiles%n", records.size(), millis, metrics.pairPrecision(),
                metrics.pairRecall(), metrics.pairF1(), inFileOrder.profiles().size());
        assertThat(partition(inFileOrder)).isEqualTo(expected);
        assertThat(partition(inRandomOrder)).isEqualTo(expected);
        assertThat(metrics.pairF1()).isGreaterThanOrEqualTo(0.993);
    }

    private static InMemoryResolutionState stream(ResolverSettings settings, List<SourceRecord> records) {
        IdentityResolver resolver = new IdentityResolver(settings);
        InMemoryResolutionState state = new InMemoryResolutionState();
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < records.size(); i++) {
            resolver.apply(state, new Change.Upsert(records.get(i), "p" + i, at.plusSeconds(i)));
        }
        return state;
    }

    private static Set<Set<RecordKey>> partition(InMemoryResolutionState state) {
        Set<Set<RecordKey>> result = new HashSet<>();
        state.profiles().values().forEach(keys -> result.add(new HashSet<>(keys)));
        return result;
    }

    private static Set<Set<RecordKey>> partition(BatchResolve.Result result) {
        Map<String, Set<RecordKey>> profiles = new HashMap<>();
        result.rows().forEach(row -> profiles.computeIfAbsent(row.profileId(), any -> new HashSet<>()).add(row.key()));
        return new HashSet<>(profiles.values());
    }

    private static List<List<String>> clusters(InMemoryResolutionState state) {
        List<List<String>> clusters = new ArrayList<>();
        state.profiles().values().forEach(keys -> clusters.add(keys.stream().map(RecordKey::asString).toList()));
        return clusters;
    }

    private static Map<String, String> truth(List<SourceRecord> records) {
        Map<String, String> truth = new HashMap<>();
        for (SourceRecord record : records) {
            Matcher m = FEBRL_ID.matcher(record.key().pk());
            assertThat(m.matches()).as(record.key().pk()).isTrue();
            truth.put(record.key().asString(), m.group(1));
        }
        return truth;
    }
}
