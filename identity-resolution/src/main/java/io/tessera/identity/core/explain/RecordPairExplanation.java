package io.tessera.identity.core.explain;

import io.tessera.identity.core.scoring.AttributeEvidence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why two source records are, or are not, linked by resolution: what each compared attribute weighed, the rules
 * that apply, whether the pair is ever compared, and the verdict. Names attributes, levels, rules and blocking keys
 * only, never a value, so it can be shown to anyone allowed to see that two records exist.
 *
 * @param a                  the first record's key ({@code source/table/pk}), the one scored first (smaller key)
 * @param b                  the second record's key
 * @param verdict            whether resolution links the pair
 * @param reason             the reason of the verdict (the first that applies, in the order resolution checks)
 * @param summary            the verdict as one sentence
 * @param attributes         per compared attribute, in configuration order: the level the pair fell in
 *                           ({@code null} when either record lacks the attribute) and its match weight log2(m/u),
 *                           term-frequency adjusted
 * @param priorWeight        log2 of the prior odds that two random records are a match
 * @param totalWeight        prior weight plus every attribute weight
 * @param matchProbability   2^w / (1 + 2^w) of the total weight, before rules
 * @param threshold          the match probability at or above which a compared pair is linked
 * @param thresholdWeight    the same threshold as a total weight
 * @param decisiveRule       the decisive rule the pair shares ({@code shared-identifier:<attribute>}), or null
 * @param cannotLinkRule     the cannot-link rule the pair breaks ({@code cannot-link:<reason>}), or null
 * @param candidate          whether the pair shares a blocking key, so that resolution compares it at all
 * @param sharedBlockingKeys the names of the blocking keys the pair shares (never the key values)
 * @param note               what a pair explanation cannot know
 */
public record RecordPairExplanation(
        String a,
        String b,
        Verdict verdict,
        Reason reason,
        String summary,
        List<AttributeEvidence> attributes,
        double priorWeight,
        double totalWeight,
        double matchProbability,
        double threshold,
        double thresholdWeight,
        String decisiveRule,
        String cannotLinkRule,
        boolean candidate,
        List<String> sharedBlockingKeys,
        String note) {

    public RecordPairExplanation {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        attributes = List.copyOf(attributes);
        sharedBlockingKeys = List.copyOf(sharedBlockingKeys);
    }

    /** Whether resolution links the pair. */
    public enum Verdict {
        LINKED,
        NOT_LINKED
    }

    /** Why the verdict is what it is. */
    public enum Reason {
        /** Linked: the pair shares a decisive identifier (a mapped identifier or a valid tax id). */
        DECISIVE_RULE,
        /** Linked: the match probability is at or above the threshold. */
        AT_OR_ABOVE_THRESHOLD,
        /** Not linked: the pair shares no blocking key, so resolution never compares it. */
        NO_SHARED_BLOCKING_KEY,
        /** Not linked: the pair breaks a cannot-link rule. */
        CANNOT_LINK,
        /** Not linked: the match probability is below the threshold and no decisive identifier is shared. */
        BELOW_THRESHOLD
    }

    /** The weight of one attribute, or empty when it was not compared (not in the configuration). */
    public Optional<AttributeEvidence> attribute(String name) {
        return attributes.stream().filter(e -> e.attribute().equals(name)).findFirst();
    }
}
