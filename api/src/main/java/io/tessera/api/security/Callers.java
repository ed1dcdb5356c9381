package io.tessera.api.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is calling, as the audit log and pseudonymisation need it: the user's name and Tessera roles. */
public final class Callers {

    private static final String PREFIX = "ROLE_";

    private Callers() {
    }

    /** The authenticated caller, if any (anonymous callers are none). */
    public static Optional<Authentication> authenticated(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(authentication);
    }

    /** The Tessera roles the caller holds. */
    public static Set<Role> roles(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(PREFIX)) {
                Arrays.stream(Role.values()).filter(r -> r.authority().equals(name.substring(PREFIX.length())))
                        .forEach(roles::add);
            }
        }
        return roles;
    }

    /**
     * Whether the caller sees pseudonyms instead of personal values: every role it holds is a pseudonymised role.
     * A caller who also holds a role that sees values in clear sees them.
     */
    public static boolean pseudonymised(Authentication authentication, Set<Role> pseudonymisedRoles) {
        Set<Role> roles = roles(authentication);
        return !roles.isEmpty() && pseudonymisedRoles.containsAll(roles);
    }
}
