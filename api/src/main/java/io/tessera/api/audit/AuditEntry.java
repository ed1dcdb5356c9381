package io.tessera.api.audit;

import java.time.Instant;
import java.util.List;

/**
 * One call of an endpoint that answers personal data.
 *
 * @param at              when the call arrived
 * @param caller          the user who called
 * @param roles           the caller's roles then ({@code analyst} …)
 * @param pseudonymised   whether the caller is one who sees pseudonyms instead of personal values
 * @param purpose         the purpose the caller stated in {@code X-Purpose}, or {@value AuditFilter#UNSPECIFIED}
 * @param method          the HTTP method
 * @param path            the path, without query
 * @param queryParameters the names of the query parameters, never their values
 * @param queryHash       a keyed hash of the query string: equal queries have equal hashes; null without a query
 * @param profileIds      the profiles the call named or its answer held
 * @param recordKeys      the records the call named ({@code source/table/pk})
 * @param status          the HTTP status of the answer; null while running or when the call never finished
 */
public record AuditEntry(long id, Instant at, String caller, List<String> roles, boolean pseudonymised,
                         String purpose, String method, String path, List<String> queryParameters, String queryHash,
                         List<String> profileIds, List<String> recordKeys, Integer status) {
}
