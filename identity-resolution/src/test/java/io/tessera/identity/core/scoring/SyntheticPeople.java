package io.tessera.identity.core.scoring;

import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.blocking.KeyPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generates entities with an original and one corrupted duplicate each, with known corruption rates. */
final class SyntheticPeople {

    static final String[] ATTRIBUTES = {"a", "b", "c"};

    final List<Features> records = new ArrayList<>();
    final Map<String, String> truth = new HashMap<>();

    SyntheticPeople(int entities, double[] corruption, long seed) {
        Random random = new Random(seed);
        for (int e = 0; e < entities; e++) {
            Map<String, String> original = new HashMap<>();
            for (String attribute : ATTRIBUTES) {
                original.put(attribute, word(random));
            }
            original.put("zone", "z" + (e % 20));
            Map<String, String> duplicate = new HashMap<>(original);
            for (int k = 0; k < ATTRIBUTES.length; k++) {
                if (random.nextDouble() < corruption[k]) {
                    duplicate.put(ATTRIBUTES[k], word(random));
                }
            }
            String id = String.format("e%04d", e);
            records.add(new Features(id + "-0", original));
            records.add(new Features(id + "-1", duplicate));
            truth.put(id + "-0", id);
            truth.put(id + "-1", id);
        }
    }

    static ResolutionConfig config(RuleConfig rules) {
        List<ComparisonSpec> comparisons = new ArrayList<>();
        for (String attribute : ATTRIBUTES) {
            comparisons.add(new ComparisonSpec(attribute, List.of(Level.exact()), false));
        }
        BlockingConfig blocking = new BlockingConfig(List.of(BlockingKey.of("zone", KeyPart.value("zone"))), 1000,
                BlockingConfig.DEFAULT_BLOCKED);
        return new ResolutionConfig(comparisons, blocking, rules, 0.5, TrainingConfig.defaults());
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
