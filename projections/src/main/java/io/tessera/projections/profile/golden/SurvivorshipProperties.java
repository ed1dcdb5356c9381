package io.tessera.projections.profile.golden;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tessera.profiles.survivorship}: how golden records choose their values.
 *
 * <pre>
 * tessera:
 *   profiles:
 *     survivorship:
 *       trusted-sources: [erp, crm, webshop]   # most trusted first, for most-trusted
 *       rules:
 *         address: most-trusted
 *         emails: keep-all
 * </pre>
 *
 * @param trustedSources source names, most trusted first
 * @param rules          rule by golden attribute; attributes not named keep their default rule
 */
@ConfigurationProperties("tessera.profiles.survivorship")
public record SurvivorshipProperties(List<String> trustedSources, Map<String, String> rules) {

    /** The validated rules; an invalid key or rule fails the start with a message naming it. */
    public Survivorship survivorship() {
        return Survivorship.fromConfig(trustedSources, rules);
    }
}
