package io.tessera.api.audit;

import io.tessera.api.security.Callers;
import io.tessera.api.security.PersonalDataEndpoints;
import io.tessera.api.security.Pseudonymiser;
import io.tessera.api.security.Role;
import io.tessera.contracts.RecordKey;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every authenticated call of a {@link PersonalDataEndpoints personal-data endpoint} to the {@link AuditLog}:
 * who called, with which roles, for what purpose, when, what path, the names of the query parameters and a keyed
 * hash of the query (never its values: they hold search words and emails), the profiles and records read, and the
 * answer's status. Runs inside the security filter chain, after authentication and before authorisation, so that
 * refused calls (403) are logged too; anonymous calls are refused before anything is read and are not logged.
 *
 * <p>The row is written before the request runs: if the audit log cannot be written, no personal data is answered
 * (503). The caller states the purpose in the {@value #PURPOSE_HEADER} header, free text up to
 * {@value #MAX_PURPOSE} characters; without one, the row says {@value #UNSPECIFIED}.
 */
public class AuditFilter extends OncePerRequestFilter {

    public static final String PURPOSE_HEADER = "X-Purpose";
    public static final String UNSPECIFIED = "unspecified";
    public static final int MAX_PURPOSE = 200;
    static final String QUERY_HASH_DOMAIN = "audit-query";
    private static final int MAX_PATH = 2000;
    private static final int MAX_PARAMETERS = 20;
    private static final int MAX_ID = 200;

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLog auditLog;
    private final PersonalDataEndpoints endpoints;
    private final Pseudonymiser pseudonymiser;
    private final Set<Role> pseudonymisedRoles;
    private final JsonMapper jsonMapper;
    private final Clock clock;

    public AuditFilter(AuditLog auditLog, PersonalDataEndpoints endpoints, Pseudonymiser pseudonymiser,
                       Set<Role> pseudonymisedRoles, JsonMapper jsonMapper, Clock clock) {
        this.auditLog = auditLog;
        this.endpoints = endpoints;
        this.pseudonymiser = pseudonymiser;
        this.pseudonymisedRoles = Set.copyOf(pseudonymisedRoles);
        this.jsonMapper = jsonMapper;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<PersonalDataEndpoints.Match> match = endpoints.match(
                UrlPathHelper.rawPathInstance.getPathWithinApplication(request));
        Optional<Authentication> caller = Callers.authenticated(SecurityContextHolder.getContext().getAuthentication());
        if (match.isEmpty() || caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String purpose;
        try {
            purpose = purpose(request.getHeader(PURPOSE_HEADER));
        } catch (IllegalArgumentException e) {
            problem(response, HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), request.getRequestURI());
            return;
        }
        AuditLog.Opening opening = opening(request, match.get(), caller.get(), purpose);
        long id;
        try {
            id = auditLog.open(opening);
        } catch (DataAccessException e) {
            log.error("The audit log cannot be written; refused a call of {} without answering it",
                    match.get().endpoint().pattern(), e);
            problem(response, HttpStatus.SERVICE_UNAVAILABLE, "Audit log unavailable", "Tessera answers personal "
                    + "data only once the call is in its audit log, which cannot be written now; try again later",
                    request.getRequestURI());
            return;
        }
        boolean completed = false;
        try {
            chain.doFilter(request, response);
            completed = true;
        } finally {
            if (completed && request.isAsyncStarted()) {
                // A streamed answer (the CSV export) is written after this returns: log its final status then.
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        close(id, request, response.getStatus(), opening);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                // An exception escaping the chain becomes a 500 after this filter.
                close(id, request, completed ? response.getStatus() : 500, opening);
            }
        }
    }

    /**
     * The purpose as written to the log: trimmed, control characters as spaces, {@value #UNSPECIFIED} when absent.
     *
     * @throws IllegalArgumentException when longer than {@value #MAX_PURPOSE} characters
     */
    static String purpose(String header) {
        if (header == null || header.isBlank()) {
            return UNSPECIFIED;
        }
        StringBuilder cleaned = new StringBuilder();
        utf8(header).codePoints().forEach(c -> cleaned.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String purpose = cleaned.toString().strip().replaceAll(" {2,}", " ");
        if (purpose.isEmpty()) {
            return UNSPECIFIED;
        }
        if (purpose.codePointCount(0, purpose.length()) > MAX_PURPOSE) {
            throw new IllegalArgumentException("Header '" + PURPOSE_HEADER + "' must be at most " + MAX_PURPOSE
                    + " characters: say in a few words why you read this data (e.g. 'support ticket 4711'), got "
                    + purpose.codePointCount(0, purpose.length()));
        }
        return purpose;
    }

    /** Header bytes arrive as ISO-8859-1; a purpose written in UTF-8 ("campaña") is read back as such. */
    private static String utf8(String header) {
        byte[] bytes = header.getBytes(StandardCharsets.ISO_8859_1);
        if (!new String(bytes, StandardCharsets.ISO_8859_1).equals(header)) {
            return header;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return header;
        }
    }

    private AuditLog.Opening opening(HttpServletRequest request, PersonalDataEndpoints.Match match,
                                     Authentication caller, String purpose) {
        PersonalDataEndpoints.Endpoint endpoint = match.endpoint();
        Map<String, List<String>> query = query(request.getQueryString());
        List<String> names = new ArrayList<>();
        for (String name : query.keySet()) {
            String logged = endpoint.parameters().contains(name) ? name : PersonalDataEndpoints.OTHER_PARAMETER;
            if (!names.contains(logged) && names.size() < MAX_PARAMETERS) {
                names.add(logged);
            }
        }
        Set<String> profileIds = new LinkedHashSet<>();
        if (match.profileId() != null) {
            profileIds.add(bounded(match.profileId(), MAX_ID));
        }
        if (endpoint.profileIdParameter() != null) {
            query.getOrDefault(endpoint.profileIdParameter(), List.of()).stream().filter(id -> !id.isBlank())
                    .findFirst().ifPresent(id -> profileIds.add(bounded(id, MAX_ID)));
        }
        Set<String> recordKeys = new LinkedHashSet<>();
        if (match.recordKey() != null) {
            recordKeys.add(bounded(match.recordKey(), MAX_PATH));
        }
        query.forEach((parameter, values) -> {
            if (endpoint.recordKeyParameters().contains(parameter)) {
                values.forEach(value -> recordKey(value).ifPresent(key -> recordKeys.add(bounded(key, MAX_PATH))));
            }
        });
        String rawQuery = request.getQueryString();
        return new AuditLog.Opening(clock.instant(), caller.getName(),
                Callers.roles(caller).stream().map(Role::configName).toList(),
                Callers.pseudonymised(caller, pseudonymisedRoles), purpose, request.getMethod(),
                bounded(request.getRequestURI(), MAX_PATH), names,
                rawQuery == null || rawQuery.isEmpty() ? null : pseudonymiser.keyedHash(QUERY_HASH_DOMAIN, rawQuery),
                List.copyOf(profileIds), List.copyOf(recordKeys));
    }

    private void close(long id, HttpServletRequest request, int status, AuditLog.Opening opening) {
        Set<String> profileIds = new LinkedHashSet<>(opening.profileIds());
        if (request.getAttribute(PersonalDataEndpoints.PROFILE_IDS_READ) instanceof List<?> read) {
            read.forEach(profileId -> profileIds.add(bounded(String.valueOf(profileId), MAX_ID)));
        }
        try {
            auditLog.close(id, status, List.copyOf(profileIds));
        } catch (DataAccessException e) {
            log.error("Could not complete audit log row {} with status {}; it keeps no status", id, status, e);
        }
    }

    /** The query's parameters by name, decoded, in order; no request body is read. */
    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, any -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static Optional<String> recordKey(String text) {
        try {
            return Optional.of(RecordKey.parse(text).asString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private void problem(HttpServletResponse response, HttpStatus status, String title, String detail,
                         String instance) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", instance);
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(jsonMapper.writeValueAsString(problem));
    }
}
