package io.tessera.api.launch;

import io.tessera.infra.embedded.StackSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * What to start: the embedded servers' settings, whether to seed the demo sources (and with how many people), and
 * the config file of {@code run --config}, if any.
 *
 * @param workDir      working directory of embedded servers and local state
 * @param stack        ports of embedded servers (which of them start depends on the config file)
 * @param demoPeople   people generated into the demo CRM and ERP; 0 = no demo sources
 * @param configFile   the user's config file, or null
 * @param extra        more application properties (tests use it, e.g. server.port=0)
 */
public record LaunchPlan(Path workDir, StackSettings stack, int demoPeople, ConfigFile configFile,
                         Map<String, Object> extra) {

    public LaunchPlan {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public boolean demo() {
        return demoPeople > 0;
    }
}
