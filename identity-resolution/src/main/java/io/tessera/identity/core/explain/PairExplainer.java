package io.tessera.identity.core.explain;

import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.batch.FeatureExtractor;
import io.tessera.identity.core.blocking.BlockingConfig;
import io.tessera.identity.core.blocking.BlockingKey;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.ResolverSettings;
import io.tessera.identity.core.explain.RecordPairExplanation.Reason;
import io.tessera.identity.core.explain.RecordPairExplanation.Verdict;
import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.core.scoring.PairExplanation;
import io.tessera.identity.core.scoring.PairScorer;
import io.tessera.identity.core.scoring.ResolutionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Explains one pair of source records the way the streaming resolver ({@code IdentityResolver}) decides it: the
 * same features, scorer, rules, blocking keys and threshold, built from the same {@link ResolverSettings}. Answers
 * "why are these two records linked" and "why not" without showing a value. Pure and thread-safe.
 *
 * <p>It sees the pair only, so it does not know what depends on the other records: a value held by more records
 * than the cardinality cap counts for nothing in resolution, and a block of more records than its size cap makes no
 * candidates; here every value scores and every shared key counts. Resolution's stored links (a profile's evidence)
 * are what it actually used.
 */
public final class PairExplainer {

    private final ResolverSettings settings;
    private final ResolutionConfig config;
    private final BlockingConfig blocking;
    private final PairScorer scorer;
    private final FeatureExtractor extractor;
    private final double thresholdWeight;
    private final String note;

    public PairExplainer(ResolverSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = settings.config();
        this.blocking = config.effectiveBlocking();
        this.scorer = new PairScorer(settings.parameters(), config.rules());
        this.extractor = new FeatureExtractor(settings.defaultPhoneRegion());
        this.thresholdWeight = config.thresholdWeight();
        this.note = "A pair explanation scores every value of the two records and cannot know how many other "
                + "records share them. Resolution ignores an email, phone, tax id or identifier value held by more "
                + "records than the cardinality cap (" + settings.cardinalityCap() + "), and a blocking key shared "
                + "by more records than the block size cap (" + blocking.maxBlockSize() + ") makes no candidates. "
                + "The profile explanation shows the links resolution actually made.";
    }

    public ResolverSettings settings() {
        return settings;
    }

    /** Explains the pair; the order of the arguments does not matter (resolution scores the smaller key first). */
    public RecordPairExplanation explain(SourceRecord a, SourceRecord b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Features fa = extractor.extract(a);
        Features fb = extractor.extract(b);
        Features first = fa.id().compareTo(fb.id()) <= 0 ? fa : fb;
        Features second = first == fa ? fb : fa;

        PairExplanation scored = scorer.explain(first, second);
        double total = scored.totalWeight();
        boolean sameEntity = namesAsSameEntity(a, b) || namesAsSameEntity(b, a);
        String decisive = sameEntity ? IdentityResolver.SAME_ENTITY : scorer.decisiveRule(first, second);
        String cannot = scorer.cannotLinkRule(first, second, sameEntity);
        List<String> shared = sharedBlockingKeys(first, second);
        if (sameEntity) {
            // A same-entity relation makes the pair candidates whatever their blocking keys.
            shared.add(IdentityResolver.SAME_ENTITY);
        }
        boolean candidate = !shared.isEmpty();

        Reason reason;
        if (!candidate) {
            reason = Reason.NO_SHARED_BLOCKING_KEY;
        } else if (cannot != null) {
            reason = Reason.CANNOT_LINK;
        } else if (decisive != null) {
            reason = Reason.DECISIVE_RULE;
        } else if (total >= thresholdWeight) {
            reason = Reason.AT_OR_ABOVE_THRESHOLD;
        } else {
            reason = Reason.BELOW_THRESHOLD;
        }
        Verdict verdict = reason == Reason.DECISIVE_RULE || reason == Reason.AT_OR_ABOVE_THRESHOLD
                ? Verdict.LINKED : Verdict.NOT_LINKED;
        double probability = PairScorer.probability(total);
        return new RecordPairExplanation(first.id(), second.id(), verdict, reason,
                summary(reason, total, probability, decisive, cannot, shared), scored.attributes(),
                settings.parameters().priorWeight(), total, probability, config.threshold(), thresholdWeight,
                decisive, cannot, candidate, shared, note);
    }

    /** Whether a same-entity relation of {@code from} names {@code to}. */
    private static boolean namesAsSameEntity(SourceRecord from, SourceRecord to) {
        return from.sameEntityTargets().contains(to.key());
    }

    /** The names of the blocking keys both records fall under with the same key value. */
    private List<String> sharedBlockingKeys(Features a, Features b) {
        List<String> shared = new ArrayList<>();
        for (BlockingKey key : blocking.keys()) {
            String x = key.keyOf(a, blocking.blockedValues());
            if (x != null && x.equals(key.keyOf(b, blocking.blockedValues())) && !shared.contains(key.name())) {
                shared.add(key.name());
            }
        }
        return shared;
    }

    private String summary(Reason reason, double total, double probability, String decisive, String cannot,
            List<String> shared) {
        String score = String.format(Locale.ROOT, "total weight %+.1f, match probability %.3f against a threshold "
                + "of %.2f", total, probability, config.threshold());
        return switch (reason) {
            case DECISIVE_RULE -> (IdentityResolver.SAME_ENTITY.equals(decisive)
                    ? "Linked: the source names the two records as one entity (rule " + decisive + "; "
                    : "Linked by the decisive rule " + decisive + " (") + score + ").";
            case AT_OR_ABOVE_THRESHOLD -> "Linked by the score: " + score + ".";
            case NO_SHARED_BLOCKING_KEY -> "Not linked: the records share no blocking key, so resolution never "
                    + "compares them (" + score
                    + (cannot == null ? "" : "; they would also break " + cannot) + ").";
            case CANNOT_LINK -> "Not linked: the pair breaks " + cannot + ", which no score overrides ("
                    + score + (decisive == null ? "" : "; it shares " + decisive) + ").";
            case BELOW_THRESHOLD -> "Not linked: " + score + ", below the threshold, and no decisive identifier is "
                    + "shared (compared through " + String.join(", ", shared) + ").";
        };
    }
}
