package io.tessera.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Callers of the API, from configuration ({@code tessera.security.users[0].name} …). The admin account comes from
 * {@code TESSERA_ADMIN_USER} / {@code TESSERA_ADMIN_PASSWORD}; a password is generated and printed when none is set.
 */
@ConfigurationProperties("tessera.security")
public record SecurityProperties(String adminUser, String adminPassword, List<User> users) {

    public SecurityProperties {
        adminUser = adminUser == null || adminUser.isBlank() ? "admin" : adminUser;
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** A configured caller with a password and one or more roles. */
    public record User(String name, String password, List<String> roles) {
    }
}
