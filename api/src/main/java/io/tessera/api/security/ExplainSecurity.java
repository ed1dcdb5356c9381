package io.tessera.api.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may ask why records are one profile: analysts, privacy officers and admins. An explanation shows how the
 * records of people were matched (which attributes agreed, how strongly), which is investigation, not the daily
 * reading of profiles that marketers and sales operations need. Checked before the general API rules of
 * {@link SecurityConfiguration}, with the same authentication and problem answers.
 */
@Configuration(proxyBeanMethods = false)
public class ExplainSecurity {

    /** The explain endpoints; {@code /api/v1/profiles/{id}/explain} would otherwise fall under the profile readers. */
    static final String[] PATHS = {"/api/v1/explain", "/api/v1/profiles/*/explain"};

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain explainFilterChain(HttpSecurity http, ProblemAuthenticationEntryPoint problems) throws Exception {
        http.securityMatcher(PATHS)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole(Role.ANALYST.authority(),
                        Role.PRIVACY_OFFICER.authority(), Role.ADMIN.authority()))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .formLogin(form -> form.disable());
        return http.build();
    }
}
