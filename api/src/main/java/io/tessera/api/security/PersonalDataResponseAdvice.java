package io.tessera.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.util.UrlPathHelper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works on the JSON answers of the {@link PersonalDataEndpoints personal-data endpoints} before they are written:
 * notes the profile ids they hold for the audit log, and replaces their personal values by pseudonyms when the caller
 * is {@link Callers#pseudonymised pseudonymised}. Controllers stay unaware of both.
 */
@ControllerAdvice
public class PersonalDataResponseAdvice implements ResponseBodyAdvice<Object> {

    /** More ids than a page of search hits or a company's related profiles; the log stays bounded. */
    static final int MAX_PROFILE_IDS = 1000;

    private final PersonalDataEndpoints endpoints;
    private final PersonalValues personalValues;
    private final JsonMapper jsonMapper;
    private final Set<Role> pseudonymisedRoles;

    public PersonalDataResponseAdvice(PersonalDataEndpoints endpoints, PersonalValues personalValues,
                                      JsonMapper jsonMapper, SecurityProperties properties) {
        this.endpoints = endpoints;
        this.personalValues = personalValues;
        this.jsonMapper = jsonMapper;
        this.pseudonymisedRoles = properties.pseudonymised();
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body == null || body instanceof ProblemDetail || !(request instanceof ServletServerHttpRequest servlet)
                || contentType == null || !isJson(contentType)) {
            return body;
        }
        HttpServletRequest http = servlet.getServletRequest();
        Optional<PersonalDataEndpoints.Match> match = endpoints.match(UrlPathHelper.rawPathInstance
                .getPathWithinApplication(http));
        if (match.isEmpty() || !match.get().endpoint().personalValues()) {
            return body;
        }
        JsonNode tree = body instanceof String text ? jsonMapper.readTree(text) : jsonMapper.valueToTree(body);
        http.setAttribute(PersonalDataEndpoints.PROFILE_IDS_READ, PersonalValues.profileIds(tree, MAX_PROFILE_IDS));
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (Callers.authenticated(caller).map(c -> Callers.pseudonymised(c, pseudonymisedRoles)).orElse(true)) {
            JsonNode pseudonymised = personalValues.pseudonymise(tree);
            return body instanceof String ? jsonMapper.writeValueAsString(pseudonymised) : pseudonymised;
        }
        return body;
    }

    private static boolean isJson(MediaType type) {
        return MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || type.getSubtype() != null && type.getSubtype().endsWith("+json");
    }
}
