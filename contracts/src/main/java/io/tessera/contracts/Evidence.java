package io.tessera.contracts;

/**
 * Why a record belongs to its profile: a link to another member by a rule.
 *
 * @param linkedTo the other record of the profile
 * @param rule     the rule that linked them, e.g. {@code same-email}, {@code same-phone}
 * @param detail   a description of the shared evidence that holds no personal data in clear
 *                 (e.g. a masked value such as {@code j***@example.com})
 * @param weight   the match weight of the link (for exact rules a fixed weight)
 */
public record Evidence(RecordKey linkedTo, String rule, String detail, double weight) {
}
