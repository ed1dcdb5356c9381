package io.tessera.identity.core.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained Fellegi-Sunter model: the prior λ (probability that two records drawn at random are a match; EM
 * estimates the share among candidate pairs, scaled to all pairs) and the parameters of each comparison. Saved and
 * loaded as versioned JSON by {@link ModelParametersJson}.
 *
 * <p>Parameters belong to the comparisons they were trained for: {@link #configuration()} fingerprints those
 * comparisons, and {@link #mismatch} tells whether the parameters fit the comparisons of a configuration.
 *
 * @param version     format version of the stored file, {@link #CURRENT_VERSION}
 * @param lambda      prior probability that two random records are a match
 * @param comparisons per-attribute parameters, in scoring order
 * @param training    when and on what the parameters were trained, or {@code null} when unknown (parameters made in
 *                    code, or a file written before this was recorded)
 */
public record ModelParameters(int version, double lambda, List<ComparisonParameters> comparisons,
        Training training) {

    /** The format version this code writes and reads. */
    public static final int CURRENT_VERSION = 1;

    /**
     * Where parameters came from, stored with them so that a reviewer of the file can tell.
     *
     * @param trainedAt when training finished
     * @param records   number of records trained on
     * @param inputs    names of the files those records were read from, in the order given
     */
    public record Training(Instant trainedAt, long records, List<String> inputs) {

        public Training {
            Objects.requireNonNull(trainedAt, "trainedAt");
            inputs = List.copyOf(inputs);
            if (records < 0) {
                throw new IllegalArgumentException("records must not be negative, was " + records);
            }
        }
    }

    public ModelParameters {
        comparisons = List.copyOf(comparisons);
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda must be between 0 and 1 exclusive, was " + lambda);
        }
    }

    /** Parameters without a training record. */
    public ModelParameters(int version, double lambda, List<ComparisonParameters> comparisons) {
        this(version, lambda, comparisons, null);
    }

    /** The same parameters with a training record. */
    public ModelParameters withTraining(Training training) {
        return new ModelParameters(version, lambda, comparisons, training);
    }

    /** Prior weight log2(λ / (1 − λ)). */
    public double priorWeight() {
        return ComparisonParameters.log2(lambda / (1 - lambda));
    }

    /** The comparisons these parameters were trained for, in scoring order. */
    public List<ComparisonSpec> specs() {
        return comparisons.stream().map(ComparisonParameters::spec).toList();
    }

    /** The {@link #fingerprint} of the comparisons these parameters were trained for. */
    public String configuration() {
        return fingerprint(specs());
    }

    /**
     * A stable fingerprint of comparisons, e.g. {@code sha256:1f0c…} (16 hex digits): SHA-256 of each comparison's
     * attribute, term-frequency flag and levels (type and threshold), in order. Equal comparisons give equal
     * fingerprints on every machine and run; the learned numbers are not part of it.
     */
    public static String fingerprint(List<ComparisonSpec> specs) {
        StringBuilder canonical = new StringBuilder();
        for (ComparisonSpec spec : specs) {
            canonical.append(spec.attribute()).append('|').append(spec.termFrequency());
            for (Level level : spec.levels()) {
                canonical.append('|').append(level.type().name()).append(':')
                        .append(Double.toString(level.threshold()));
            }
            canonical.append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * How these parameters differ from the comparisons of a configuration, in one line (comparisons missing, extra,
     * or with other levels), or empty when they fit.
     */
    public Optional<String> mismatch(List<ComparisonSpec> configured) {
        List<ComparisonSpec> trained = specs();
        if (trained.equals(configured)) {
            return Optional.empty();
        }
        List<String> trainedNames = trained.stream().map(ComparisonSpec::attribute).toList();
        List<String> configuredNames = configured.stream().map(ComparisonSpec::attribute).toList();
        List<String> problems = new ArrayList<>();
        List<String> missing = configuredNames.stream().filter(a -> !trainedNames.contains(a)).toList();
        if (!missing.isEmpty()) {
            problems.add("no parameters for comparison(s) " + quoted(missing));
        }
        List<String> extra = trainedNames.stream().filter(a -> !configuredNames.contains(a)).toList();
        if (!extra.isEmpty()) {
            problems.add("parameters for comparison(s) " + quoted(extra) + " that the configuration does not have");
        }
        List<String> changed = new ArrayList<>();
        for (ComparisonSpec spec : configured) {
            trained.stream().filter(t -> t.attribute().equals(spec.attribute()) && !t.equals(spec)).findFirst()
                    .ifPresent(t -> changed.add(spec.attribute()));
        }
        if (!changed.isEmpty()) {
            problems.add("other levels for " + quoted(changed));
        }
        if (problems.isEmpty()) {
            problems.add("the comparisons are in another order");
        }
        return Optional.of(String.join("; ", problems));
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
