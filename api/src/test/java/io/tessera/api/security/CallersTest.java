package io.tessera.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A caller sees pseudonyms only when every role it holds is a pseudonymised role. */
class CallersTest {

    private static final Set<Role> ANALYSTS = EnumSet.of(Role.ANALYST);

    @Test
    void anAnalystIsPseudonymisedUnlessAnotherRoleSeesValues() {
        assertThat(Callers.pseudonymised(caller("ROLE_ANALYST"), ANALYSTS)).isTrue();
        assertThat(Callers.pseudonymised(caller("ROLE_ANALYST", "ROLE_ADMIN"), ANALYSTS)).isFalse();
        assertThat(Callers.pseudonymised(caller("ROLE_MARKETER"), ANALYSTS)).isFalse();
        assertThat(Callers.pseudonymised(caller("ROLE_ANALYST"), Set.of())).isFalse();
        assertThat(Callers.pseudonymised(caller("ROLE_ANALYST", "ROLE_SALES_OPS"),
                EnumSet.of(Role.ANALYST, Role.SALES_OPS))).isTrue();
    }

    @Test
    void rolesAreTesserasRolesAndAnonymousIsNobody() {
        assertThat(Callers.roles(caller("ROLE_PRIVACY_OFFICER", "FACTOR_PASSWORD")))
                .containsExactly(Role.PRIVACY_OFFICER);
        assertThat(Callers.authenticated(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEmpty();
        assertThat(Callers.authenticated(null)).isEmpty();
        assertThat(Callers.authenticated(caller("ROLE_ADMIN"))).isPresent();
    }

    private static UsernamePasswordAuthenticationToken caller(String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated("someone", null,
                AuthorityUtils.createAuthorityList(authorities));
    }
}
