package io.tessera.identity.core.batch;

import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.cluster.CappedValues;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelTrainer;
import io.tessera.identity.core.scoring.Resolution;
import io.tessera.identity.core.scoring.ResolutionConfig;
import io.tessera.identity.core.scoring.Resolver;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Batch resolution of canonical records, as {@code tessera resolve} runs it: features by {@link FeatureExtractor},
 * the {@link CanonicalResolution} configuration, parameters trained by EM on the records themselves (or given),
 * the scoring core's partition, and one deterministic profile id per cluster.
 */
public final class BatchResolve {

    /** The namespace of fresh profile ids, shared with the streaming resolver's {@code ProfileIds}. */
    static final String PROFILE_NAMESPACE = "tessera-profile:";

    /**
     * One output row.
     *
     * @param key       the record
     * @param profileId the profile it belongs to
     */
    public record Row(RecordKey key, String profileId) {
    }

    /**
     * The outcome of a batch resolution.
     *
     * @param rows       one row per record, ordered by record key
     * @param profiles   number of profiles
     * @param parameters the parameters used (trained or given)
     * @param trained    whether the parameters were trained on these records
     * @param resolution the scoring core's result, for counts (candidate pairs, edges, skipped blocks)
     * @param unusable   records without any attribute the scoring core can compare nor a same-entity relation; each
     *                   is a profile of its own
     */
    public record Result(List<Row> rows, int profiles, ModelParameters parameters, boolean trained,
            Resolution resolution, int unusable) {
    }

    private final FeatureExtractor extractor;
    private final int cardinalityCap;
    private final int maxBlockSize;
    private final double maxBirthYearsApart;

    /** @param defaultPhoneRegion region for national phone numbers of records without a country, e.g. {@code ES} */
    public BatchResolve(String defaultPhoneRegion) {
        this(defaultPhoneRegion, ResolverSettings.DEFAULT_CARDINALITY_CAP);
    }

    /**
     * @param defaultPhoneRegion region for national phone numbers of records without a country, e.g. {@code ES}
     * @param cardinalityCap     an email, phone or identifier value held by more records counts for nothing
     */
    public BatchResolve(String defaultPhoneRegion, int cardinalityCap) {
        this(defaultPhoneRegion, cardinalityCap, CanonicalResolution.MAX_BLOCK_SIZE);
    }

    /** The same with another block size cap; the streaming resolver's settings say which. */
    public BatchResolve(String defaultPhoneRegion, int cardinalityCap, int maxBlockSize) {
        this(defaultPhoneRegion, cardinalityCap, maxBlockSize, CanonicalResolution.MAX_BIRTH_YEARS_APART);
    }

    /**
     * The same with another birth-date rule, as {@link CanonicalResolution#config(java.util.Collection, int,
     * double)} takes it ({@code 0}: off).
     */
    public BatchResolve(String defaultPhoneRegion, int cardinalityCap, int maxBlockSize, double maxBirthYearsApart) {
        this.extractor = new FeatureExtractor(defaultPhoneRegion);
        this.cardinalityCap = cardinalityCap;
        this.maxBlockSize = maxBlockSize;
        this.maxBirthYearsApart = maxBirthYearsApart;
    }

    /** The configuration for these records: the canonical one with the identifier types they carry. */
    public static ResolutionConfig configFor(List<SourceRecord> records) {
        return configFor(records, CanonicalResolution.MAX_BLOCK_SIZE, CanonicalResolution.MAX_BIRTH_YEARS_APART);
    }

    private static ResolutionConfig configFor(List<SourceRecord> records, int maxBlockSize,
            double maxBirthYearsApart) {
        TreeSet<String> types = new TreeSet<>();
        records.forEach(r -> types.addAll(r.attributes().identifiers().keySet()));
        return CanonicalResolution.config(types, maxBlockSize, maxBirthYearsApart);
    }

    /**
     * Resolves the records.
     *
     * @param parameters parameters to use, or {@code null} to train them by EM on the records (no labels)
     */
    public Result resolve(List<SourceRecord> records, ModelParameters parameters) {
        Map<String, RecordKey> keys = new HashMap<>();
        List<Features> features = new ArrayList<>(records.size());
        int unusable = 0;
        for (SourceRecord record : records) {
            String id = record.key().asString();
            if (keys.put(id, record.key()) != null) {
                throw new IllegalArgumentException("record " + id + " appears twice; each record key must be unique");
            }
            Features f = extractor.extract(record);
            // A record with nothing to compare still joins the targets of its same-entity relations (a link row).
            if (!CanonicalResolution.usable(f) && record.sameEntityTargets().isEmpty()) {
                unusable++;
            }
            features.add(f);
        }
        features = CappedValues.suppressOverCap(features, cardinalityCap);
        ResolutionConfig config = configFor(records, maxBlockSize, maxBirthYearsApart);
        boolean trained = parameters == null;
        ModelParameters used = trained ? ModelTrainer.train(features, config) : parameters;
        Resolution resolution = new Resolver(config, used).resolve(features, sameEntityPairs(records));
        List<Row> rows = new ArrayList<>(records.size());
        for (List<String> cluster : resolution.clusters()) {
            // The smallest key in record-key order names the profile, as the streaming resolver names fresh ids.
            RecordKey first = cluster.stream().map(keys::get).min(Comparator.naturalOrder()).orElseThrow();
            String profileId = profileId(first);
            cluster.forEach(id -> rows.add(new Row(keys.get(id), profileId)));
        }
        rows.sort(Comparator.comparing(Row::key));
        return new Result(Collections.unmodifiableList(rows), resolution.clusters().size(), used, trained, resolution,
                unusable);
    }

    /** The pairs of record ids that a same-entity relation of one of them joins, as the streaming resolver links them. */
    private static Set<List<String>> sameEntityPairs(List<SourceRecord> records) {
        Set<List<String>> pairs = new HashSet<>();
        for (SourceRecord record : records) {
            for (RecordKey target : record.sameEntityTargets()) {
                pairs.add(List.of(record.key().asString(), target.asString()));
            }
        }
        return pairs;
    }

    /** The profile id of a cluster whose smallest record key is {@code first}. */
    public static String profileId(RecordKey first) {
        Objects.requireNonNull(first, "first");
        return UUID.nameUUIDFromBytes((PROFILE_NAMESPACE + first.asString()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Writes {@code source,source_table,source_pk,profile_id} with a header, fields quoted where RFC 4180 needs it. */
    public static void writeCsv(List<Row> rows, Writer out) throws IOException {
        out.write("source,source_table,source_pk,profile_id\n");
        for (Row row : rows) {
            out.write(csv(row.key().source()) + "," + csv(row.key().table()) + "," + csv(row.key().pk()) + ","
                    + row.profileId() + "\n");
        }
    }

    /**
     * Writes the relations the records hold, with the profile at each end:
     * {@code source,source_table,source_pk,profile_id,relation,target_source,target_table,target_pk,target_profile_id}
     * with a header; {@code target_profile_id} is empty when the target record is not among the resolved ones.
     * Ordered by record key, then relation type and target.
     */
    public static void writeRelationsCsv(List<SourceRecord> records, List<Row> rows, Writer out) throws IOException {
        Map<RecordKey, String> profiles = new HashMap<>();
        rows.forEach(row -> profiles.put(row.key(), row.profileId()));
        out.write("source,source_table,source_pk,profile_id,relation,target_source,target_table,target_pk,"
                + "target_profile_id\n");
        List<SourceRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(SourceRecord::key));
        for (SourceRecord record : sorted) {
            RecordKey key = record.key();
            for (Relation relation : record.relations()) {
                RecordKey target = relation.target();
                out.write(csv(key.source()) + "," + csv(key.table()) + "," + csv(key.pk()) + ","
                        + profiles.get(key) + "," + relation.type() + "," + csv(target.source()) + ","
                        + csv(target.table()) + "," + csv(target.pk()) + "," + profiles.getOrDefault(target, "")
                        + "\n");
            }
        }
    }

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
