package io.tessera.api.security;

import io.tessera.contracts.RecordKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one list of the endpoints that answer personal data. Every authenticated call of one is written to the audit
 * log, and the JSON answers of those marked {@code personalValues} are pseudonymised for pseudonymised callers. A new
 * endpoint that answers personal data is audited and pseudonymised by adding its pattern here.
 */
public final class PersonalDataEndpoints {

    /**
     * One endpoint (or family of endpoints) that answers personal data.
     *
     * @param pattern            the path pattern; the first endpoint whose pattern matches a path is the one
     * @param personalValues     whether its JSON answers hold personal values (pseudonymised for pseudonymised
     *                           callers) and profile ids (written to the audit log)
     * @param parameters         the query parameters it knows; the audit log keeps their names, never their values,
     *                           and writes any other name as {@value #OTHER_PARAMETER}
     * @param recordKeyParameters the parameters whose values are record keys, kept in the audit log
     * @param profileIdParameter the parameter whose value is a profile id, kept in the audit log, or null
     */
    public record Endpoint(String pattern, boolean personalValues, Set<String> parameters,
                           Set<String> recordKeyParameters, String profileIdParameter) {

        public Endpoint {
            parameters = Set.copyOf(parameters);
            recordKeyParameters = Set.copyOf(recordKeyParameters);
        }
    }

    /**
     * A request path matched to its endpoint, with what the path says about what it reads.
     *
     * @param profileId  the profile id in the path, or null
     * @param recordKey  the record key in the path ({@code source/table/pk}), or null
     */
    public record Match(Endpoint endpoint, String profileId, String recordKey) {
    }

    /** The name written to the audit log for a query parameter the endpoint does not know. */
    public static final String OTHER_PARAMETER = "(other)";

    /** Request attribute: the profile ids an answer held, gathered for the audit log. */
    public static final String PROFILE_IDS_READ = PersonalDataEndpoints.class.getName() + ".profileIdsRead";

    private static final PathPatternParser PARSER = new PathPatternParser();

    /** In order: the export comes before {@code /profiles/{id}}, which would match it too. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            // Record keys and profile ids only, as CSV: nothing to pseudonymise.
            new Endpoint("/api/v1/profiles/export", false, Set.of(), Set.of(), null),
            // A profile and everything about it: its explanation, its history, and what is added later.
            new Endpoint("/api/v1/profiles/{profileId}/**", true, Set.of("page", "size"), Set.of(), null),
            new Endpoint("/api/v1/profiles", true, Set.of("q", "page", "size"), Set.of(), null),
            new Endpoint("/api/v1/records/{source}/{table}/{pk}/**", true, Set.of(), Set.of(), null),
            new Endpoint("/api/v1/explain", true, Set.of("a", "b"), Set.of("a", "b"), null),
            // Subject access: everything about a person, named by email (never logged), record or profile id.
            new Endpoint("/api/v1/privacy/**", true, Set.of("email", "record", "profileId"), Set.of("record"),
                    "profileId"),
            // Contacts (names, emails, phones, addresses) as CSV; refused to pseudonymised callers.
            new Endpoint("/api/v1/contacts/**", false, Set.of("channel", "purpose"), Set.of(), null),
            // Rejected changes with their raw values, for operators.
            new Endpoint("/api/v1/admin/dead-letters", false, Set.of("limit", "stage"), Set.of(), null),
            // Who read whom is personal data too, of callers and of the people read.
            new Endpoint("/api/v1/audit", false, Set.of("page", "size", "caller", "profileId", "from", "to"),
                    Set.of(), "profileId"));

    private final List<Compiled> compiled = ENDPOINTS.stream()
            .map(endpoint -> new Compiled(endpoint, PARSER.parse(endpoint.pattern())))
            .toList();

    /** The endpoint a path (within the application, without query) belongs to, if it answers personal data. */
    public Optional<Match> match(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Compiled candidate : compiled) {
            PathPattern.PathMatchInfo info = candidate.pattern().matchAndExtract(container);
            if (info != null) {
                Map<String, String> variables = info.getUriVariables();
                String recordKey = null;
                if (variables.containsKey("source") && variables.containsKey("table") && variables.containsKey("pk")) {
                    recordKey = recordKey(variables.get("source"), variables.get("table"), variables.get("pk"));
                }
                return Optional.of(new Match(candidate.endpoint(), variables.get("profileId"), recordKey));
            }
        }
        return Optional.empty();
    }

    private static String recordKey(String source, String table, String pk) {
        try {
            return new RecordKey(source, table, pk).asString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Compiled(Endpoint endpoint, PathPattern pattern) {
    }
}
