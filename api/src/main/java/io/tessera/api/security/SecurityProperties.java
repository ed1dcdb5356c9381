package io.tessera.api.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Callers of the API, from configuration ({@code tessera.security.users[0].name} …). The admin account comes from
 * {@code TESSERA_ADMIN_USER} / {@code TESSERA_ADMIN_PASSWORD}; a password is generated and printed when none is set.
 *
 * @param pseudonymisedRoles roles ({@code analyst} …) whose callers see keyed pseudonyms instead of personal values,
 *                           when all of a caller's roles are in this list
 * @param pseudonymKey       the secret of the pseudonyms (at least {@value #MIN_KEY_LENGTH} characters); when unset,
 *                           Tessera generates one and keeps it in its PostgreSQL
 */
@ConfigurationProperties("tessera.security")
public record SecurityProperties(String adminUser, String adminPassword, List<User> users,
                                 List<String> pseudonymisedRoles, String pseudonymKey) {

    /** Shorter secrets could be guessed by trying the likely values of a field (every phone number of a country). */
    public static final int MIN_KEY_LENGTH = 32;

    public SecurityProperties {
        adminUser = adminUser == null || adminUser.isBlank() ? "admin" : adminUser;
        users = users == null ? List.of() : List.copyOf(users);
        pseudonymisedRoles = pseudonymisedRoles == null ? List.of() : List.copyOf(pseudonymisedRoles);
        for (String role : pseudonymisedRoles) {
            try {
                Role.fromConfig(role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tessera.security.pseudonymised-roles names an unknown role '"
                        + role + "'; allowed roles: " + allowedRoles(), e);
            }
        }
        pseudonymKey = pseudonymKey == null || pseudonymKey.isBlank() ? null : pseudonymKey;
        if (pseudonymKey != null && pseudonymKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("tessera.security.pseudonym-key must be at least " + MIN_KEY_LENGTH
                    + " characters (e.g. the output of: openssl rand -base64 32), got " + pseudonymKey.length()
                    + "; leave it unset to use a key Tessera generates and keeps in its PostgreSQL");
        }
    }

    /** The roles of {@link #pseudonymisedRoles()}. */
    public Set<Role> pseudonymised() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        pseudonymisedRoles.forEach(role -> roles.add(Role.fromConfig(role)));
        return roles;
    }

    @Override
    public String toString() {
        return "SecurityProperties[adminUser=" + adminUser + ", users=" + users.stream().map(User::name).toList()
                + ", pseudonymisedRoles=" + pseudonymisedRoles + ", pseudonymKey=" + (pseudonymKey == null ? "unset"
                : "set") + "]";
    }

    private static String allowedRoles() {
        return Arrays.stream(Role.values()).map(Role::configName).collect(Collectors.joining(", "));
    }

    /** A configured caller with a password and one or more roles. */
    public record User(String name, String password, List<String> roles) {

        @Override
        public String toString() {
            return "User[name=" + name + ", roles=" + roles + "]";
        }
    }
}
