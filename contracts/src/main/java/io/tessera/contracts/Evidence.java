package io.tessera.contracts;

/**
 * Why a record belongs to its profile: a link to another member by a rule.
 *
 * @param linkedTo the other record of the profile
 * @param rule     the rule that linked them: {@code fellegi-sunter} (the score), or a decisive rule such as
 *                 {@code shared-identifier:tax_id}
 * @param detail   the attributes that agreed, with their comparison level and match weight, strongest first
 *                 (e.g. {@code email exact +14.2, family_name exact +6.4}); names and levels, never values
 * @param weight   the Fellegi-Sunter match weight of the pair (log2 odds, prior included)
 */
public record Evidence(RecordKey linkedTo, String rule, String detail, double weight) {
}
