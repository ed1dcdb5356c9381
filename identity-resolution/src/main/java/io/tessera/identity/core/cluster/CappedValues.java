package io.tessera.identity.core.cluster;

import io.tessera.identity.core.batch.CanonicalResolution;
import io.tessera.identity.core.batch.FeatureExtractor;
import io.tessera.identity.core.scoring.Features;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-identifier cardinality limits: an email, phone, tax id or other identifier value held by more records than
 * the cap is a switchboard, a shop's default or a family mailbox gone wide, not evidence of one entity. It is
 * suppressed from every holder's features, so it neither scores nor blocks. The streaming resolver and the batch
 * resolver apply the same rule, so they give the same partition.
 */
public final class CappedValues {

    private CappedValues() {
    }

    /** Whether values of this attribute count against the cardinality cap. */
    public static boolean capped(String attribute) {
        return attribute.equals(CanonicalResolution.EMAIL)
                || attribute.equals(CanonicalResolution.PHONE)
                || attribute.equals(CanonicalResolution.TAX_ID)
                || attribute.startsWith(FeatureExtractor.IDENTIFIER_PREFIX);
    }

    /** The capped attribute values of a record, as index keys. */
    static Map<String, String> indexKeys(Features features) {
        Map<String, String> keys = new TreeMap<>();
        features.values().forEach((attribute, value) -> {
            if (capped(attribute)) {
                keys.put(attribute, indexKey(attribute, value));
            }
        });
        return keys;
    }

    static String indexKey(String attribute, String value) {
        return "v\u0001" + attribute + "\u0001" + value;
    }

    /** The records with over-cap values suppressed, as the batch resolver needs them; order kept. */
    public static List<Features> suppressOverCap(List<Features> records, int cap) {
        Map<String, Integer> counts = new HashMap<>();
        for (Features f : records) {
            indexKeys(f).values().forEach(key -> counts.merge(key, 1, Integer::sum));
        }
        List<Features> result = new ArrayList<>(records.size());
        for (Features f : records) {
            Map<String, String> keys = indexKeys(f);
            if (keys.values().stream().noneMatch(key -> counts.get(key) > cap)) {
                result.add(f);
                continue;
            }
            TreeMap<String, String> values = new TreeMap<>(f.values());
            keys.forEach((attribute, key) -> {
                if (counts.get(key) > cap) {
                    values.remove(attribute);
                }
            });
            result.add(new Features(f.id(), values));
        }
        return result;
    }
}
