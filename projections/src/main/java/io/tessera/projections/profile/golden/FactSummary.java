package io.tessera.projections.profile.golden;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a profile's records say about one fact (an order's total, say): computed from every current record that
 * holds it, such as total spend as the sum of the orders' totals.
 *
 * @param records how many records hold the fact
 * @param sum     the sum, when every value is a number (plain decimal notation); else absent
 * @param min     the smallest value, when every value is a number
 * @param max     the largest value, when every value is a number
 * @param latest  the value of the most recently changed record, with its lineage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactSummary(int records, String sum, String min, String max, GoldenValue latest) {
}
