package io.tessera.api;

import io.tessera.projections.ProjectionsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The Tessera application: REST API, the capture-resolve-project pipeline and the console, in one jar.
 * Started by {@link io.tessera.api.launch.Main}, which first brings up whatever servers are not configured.
 */
@SpringBootApplication(scanBasePackages = {"io.tessera.api", "io.tessera.projections.profile.command"})
@Import(ProjectionsConfiguration.class)
public class TesseraApplication {
}
