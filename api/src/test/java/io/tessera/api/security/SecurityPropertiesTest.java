package io.tessera.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Pseudonymisation settings are checked when Tessera starts, and a wrong one stops it naming the key and the fix. */
class SecurityPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void anUnknownPseudonymisedRoleStopsTheStartNamingTheKeyAndTheAllowedRoles() {
        context.withPropertyValues("tessera.security.pseudonymised-roles[0]=analyst",
                "tessera.security.pseudonymised-roles[1]=analist").run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(messages(started.getStartupFailure())).anySatisfy(message -> assertThat(message)
                            .contains("tessera.security.pseudonymised-roles")
                            .contains("'analist'")
                            .contains("analyst, marketer, sales-ops, privacy-officer, admin"));
                });
    }

    @Test
    void aShortPseudonymKeyStopsTheStartNamingTheKey() {
        context.withPropertyValues("tessera.security.pseudonym-key=short-secret").run(started -> {
            assertThat(started).hasFailed();
            assertThat(messages(started.getStartupFailure())).anySatisfy(message -> assertThat(message)
                    .contains("tessera.security.pseudonym-key").contains("at least 32 characters")
                    .doesNotContain("short-secret"));
        });
    }

    @Test
    void validSettingsBindAndAnEmptyKeyMeansTheStoredOne() {
        context.withPropertyValues("tessera.security.pseudonymised-roles=analyst,Sales-Ops",
                "tessera.security.pseudonym-key=").run(started -> {
                    assertThat(started).hasNotFailed();
                    SecurityProperties properties = started.getBean(SecurityProperties.class);
                    assertThat(properties.pseudonymised()).isEqualTo(EnumSet.of(Role.ANALYST, Role.SALES_OPS));
                    assertThat(properties.pseudonymKey()).isNull();
                    assertThat(properties.toString()).doesNotContain("password");
                });
    }

    @Test
    void withoutSettingsNobodyIsPseudonymised() {
        context.run(started -> assertThat(started.getBean(SecurityProperties.class).pseudonymised()).isEmpty());
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    static class PropertiesOnly {
    }
}
