package io.tessera.api.profile;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.RecordKey;
import io.tessera.identity.core.explain.RecordPairExplanation;

/**
 * A link between two records as resolution stored it, optionally with the pair explained as the records are now.
 *
 * @param a           one record ({@code source/table/pk}), the smaller key
 * @param b           the other record
 * @param rule        {@code fellegi-sunter} or the decisive rule ({@code shared-identifier:<attribute>})
 * @param weight      the pair's match weight when the link was made (log2 odds, prior included)
 * @param detail      the attributes that agreed then, with level and weight, strongest first; never a value
 * @param explanation the pair explained with the records as they are now; null where not asked for or when a
 *                    record is no longer known
 */
public record LinkView(String a, String b, String rule, double weight, String detail,
        RecordPairExplanation explanation) {

    /** The link {@code record} holds as evidence, with its ends in key order. */
    static LinkView of(RecordKey record, Evidence evidence) {
        RecordKey other = evidence.linkedTo();
        boolean ordered = record.compareTo(other) <= 0;
        return new LinkView((ordered ? record : other).asString(), (ordered ? other : record).asString(),
                evidence.rule(), evidence.weight(), evidence.detail(), null);
    }

    LinkView withExplanation(RecordPairExplanation now) {
        return new LinkView(a, b, rule, weight, detail, now);
    }

    /** The unordered pair, to drop the second copy of a link stored at both ends. */
    String pair() {
        return a + " " + b;
    }
}
