package io.tessera.api.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The roles a caller can hold, named in configuration as {@code analyst}, {@code sales-ops} … */
public enum Role {
    ANALYST("analyst"),
    MARKETER("marketer"),
    SALES_OPS("sales-ops"),
    PRIVACY_OFFICER("privacy-officer"),
    ADMIN("admin");

    private final String configName;

    Role(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The Spring Security role name, without the {@code ROLE_} prefix. */
    public String authority() {
        return name();
    }

    public static Role fromConfig(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.configName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + text + "'; use one of "
                        + Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", "))));
    }
}
