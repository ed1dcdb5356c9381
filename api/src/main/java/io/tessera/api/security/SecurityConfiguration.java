package io.tessera.api.security;

import io.tessera.api.audit.AuditFilter;
import io.tessera.api.audit.AuditLog;
import io.tessera.projections.privacy.KeyEncryptionKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint but health needs an authenticated caller with a role (HTTP Basic). Roles decide what is allowed:
 * reading profiles is for the roles that act on them; the bulk export is for analysts and admins; explanations of
 * matching are for analysts, privacy officers and admins; the audit log, subject access and erasure are for
 * privacy officers and admins; recording consent is for marketers, sales ops, privacy officers and admins; operations endpoints
 * (sources, read-model rebuilds) are for admins. Every authenticated call of a {@link PersonalDataEndpoints personal-data
 * endpoint} is audited ({@link AuditFilter}), and callers whose roles are all pseudonymised roles see pseudonyms
 * instead of personal values ({@link PersonalDataResponseAdvice}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemAuthenticationEntryPoint problems, AuditLog auditLog,
                                    PersonalDataEndpoints endpoints, Pseudonymiser pseudonymiser,
                                    SecurityProperties properties, JsonMapper jsonMapper) throws Exception {
        String[] readers = {Role.ANALYST.authority(), Role.MARKETER.authority(), Role.SALES_OPS.authority(),
                Role.PRIVACY_OFFICER.authority(), Role.ADMIN.authority()};
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.authority())
                        .requestMatchers("/api/v1/sources", "/api/v1/sources/**").hasRole(Role.ADMIN.authority())
                        .requestMatchers("/api/v1/audit", "/api/v1/audit/**")
                        .hasAnyRole(Role.PRIVACY_OFFICER.authority(), Role.ADMIN.authority())
                        .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.authority())
                        // Erasure destroys a person's data for good: privacy work only, named apart so that a wider
                        // rule for privacy reads can never open it.
                        .requestMatchers(HttpMethod.POST, "/api/v1/privacy/erasure")
                        .hasAnyRole(Role.PRIVACY_OFFICER.authority(), Role.ADMIN.authority())
                        // Lifting a suppression lets an erased record come back: the same privacy work.
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/privacy/suppressions")
                        .hasAnyRole(Role.PRIVACY_OFFICER.authority(), Role.ADMIN.authority())
                        // Subject access exports everything about a person: privacy work only.
                        .requestMatchers("/api/v1/privacy/**")
                        .hasAnyRole(Role.PRIVACY_OFFICER.authority(), Role.ADMIN.authority())
                        // Recording what a person said about being contacted: the roles that talk to customers.
                        .requestMatchers(HttpMethod.PUT, "/api/v1/profiles/*/consents/*")
                        .hasAnyRole(Role.MARKETER.authority(), Role.SALES_OPS.authority(),
                                Role.PRIVACY_OFFICER.authority(), Role.ADMIN.authority())
                        // Who may be contacted, with how: for the roles that contact customers.
                        .requestMatchers(HttpMethod.GET, "/api/v1/contacts/**")
                        .hasAnyRole(Role.MARKETER.authority(), Role.SALES_OPS.authority(), Role.ADMIN.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/profiles/export")
                        .hasAnyRole(Role.ANALYST.authority(), Role.ADMIN.authority())
                        // Explanations show how people's records were matched: investigation, not daily reading.
                        .requestMatchers("/api/v1/explain", "/api/v1/profiles/*/explain")
                        .hasAnyRole(Role.ANALYST.authority(), Role.PRIVACY_OFFICER.authority(),
                                Role.ADMIN.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/profiles", "/api/v1/profiles/**", "/api/v1/records/**")
                        .hasAnyRole(readers)
                        .anyRequest().hasAnyRole(readers))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .formLogin(form -> form.disable())
                .logout(Customizer.withDefaults())
                // After authentication, so that it knows the caller; before authorisation, so that it logs refusals.
                // Not a bean: Spring Boot would register it a second time, outside the chain.
                .addFilterAfter(new AuditFilter(auditLog, endpoints, pseudonymiser, properties.pseudonymised(),
                        jsonMapper, Clock.systemUTC()), BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    PersonalDataEndpoints personalDataEndpoints() {
        return new PersonalDataEndpoints();
    }

    @Bean
    Pseudonymiser pseudonymiser(SecurityProperties properties, JdbcTemplate jdbc, KeyEncryptionKey kek) {
        return PseudonymKeys.pseudonymiser(properties, jdbc, kek);
    }

    @Bean
    PersonalValues personalValues(Pseudonymiser pseudonymiser) {
        return new PersonalValues(pseudonymiser);
    }

    /**
     * Accounts live only in memory, rebuilt from configuration at start, so a low BCrypt cost keeps every
     * Basic-authenticated request cheap without weakening anything stored.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

    @Bean
    UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder, AdminCredentials admin) {
        List<UserDetails> users = new ArrayList<>();
        users.add(User.withUsername(admin.user()).password(encoder.encode(admin.password()))
                .roles(Role.ADMIN.authority()).build());
        for (SecurityProperties.User user : properties.users()) {
            if (user.name() == null || user.name().isBlank() || user.password() == null || user.password().isBlank()) {
                throw new IllegalArgumentException("Every entry of tessera.security.users needs a name and a password");
            }
            if (user.roles() == null || user.roles().isEmpty()) {
                throw new IllegalArgumentException("tessera.security.users entry '" + user.name()
                        + "' has no roles; give one or more of analyst, marketer, sales-ops, privacy-officer, admin");
            }
            users.add(User.withUsername(user.name()).password(encoder.encode(user.password()))
                    .roles(user.roles().stream().map(r -> Role.fromConfig(r).authority()).toArray(String[]::new))
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    AdminCredentials adminCredentials(SecurityProperties properties) {
        if (properties.adminPassword() != null && !properties.adminPassword().isBlank()) {
            return new AdminCredentials(properties.adminUser(), properties.adminPassword(), false);
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        log.info("No TESSERA_ADMIN_PASSWORD set: generated a password for the admin account '{}'", properties.adminUser());
        return new AdminCredentials(properties.adminUser(), generated, true);
    }

    /** The admin account; {@code generated} tells whether the password was made up at start (and so printed). */
    public record AdminCredentials(String user, String password, boolean generated) {

        @Override
        public String toString() {
            return "AdminCredentials[user=" + user + ", generated=" + generated + "]";
        }
    }
}
