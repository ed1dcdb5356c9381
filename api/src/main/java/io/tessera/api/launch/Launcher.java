package io.tessera.api.launch;

import io.tessera.api.TesseraApplication;
import io.tessera.infra.demo.DemoDataGenerator;
import io.tessera.infra.demo.DemoSeeder;
import io.tessera.infra.demo.JdbcTarget;
import io.tessera.infra.demo.SeedResult;
import io.tessera.infra.embedded.DatabaseEndpoint;
import io.tessera.infra.embedded.EmbeddedStack;
import io.tessera.infra.embedded.StackComponent;
import io.tessera.infra.embedded.StackEndpoints;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts Tessera: the embedded servers that the configuration does not name, the demo sources when asked, then the
 * application on top. Used by {@link Main} and by the integration tests, so both run the same start-up.
 */
public final class Launcher {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {
    }

    /** A started Tessera: the application context and the embedded servers under it. */
    public record Running(ConfigurableApplicationContext context, EmbeddedStack stack, SeedResult seed,
                          Duration startTime) implements AutoCloseable {

        @Override
        public void close() {
            try {
                context.close();
            } finally {
                if (stack != null) {
                    stack.close();
                }
            }
        }
    }

    public static Running launch(LaunchPlan plan) {
        // Axon's update checker phones home unless told not to, and only reads a JVM system property for that.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        Instant started = Instant.now();
        ConfigFile config = plan.configFile();
        // An invalid mapping is reported before a minute goes into starting servers.
        sourcesFile(config).ifPresent(SourceFiles::load);
        Set<StackComponent> embedded = EnumSet.noneOf(StackComponent.class);
        if (!has(config, "spring.datasource.url")) {
            embedded.add(StackComponent.TESSERA_POSTGRES);
        }
        if (!has(config, "tessera.kafka.bootstrap-servers")) {
            embedded.add(StackComponent.KAFKA);
        }
        if (!has(config, "tessera.elasticsearch.url")) {
            embedded.add(StackComponent.ELASTICSEARCH);
        }
        if (plan.demo()) {
            embedded.add(StackComponent.CRM_POSTGRES);
            embedded.add(StackComponent.ERP_MARIADB);
        }
        EmbeddedStack stack = embedded.isEmpty() ? null
                : EmbeddedStack.start(plan.stack().withComponents(embedded));
        try {
            SeedResult seed = plan.demo() ? seedDemo(stack.endpoints(), plan.demoPeople()) : null;
            Map<String, Object> properties = properties(plan, stack == null ? null : stack.endpoints());
            // The launcher's settings outrank application.yaml (e.g. the ports the embedded servers got).
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("tessera-launcher", properties));
            SpringApplicationBuilder builder = new SpringApplicationBuilder(TesseraApplication.class)
                    .registerShutdownHook(false)
                    .environment(environment)
                    .properties(Map.of("tessera.state-dir", plan.workDir().resolve("state").toString(),
                            // Apart from the state directory, which an operator may wipe to rebuild local state.
                            "tessera.privacy.key-encryption-key-file",
                            plan.workDir().resolve("secrets").resolve("key-encryption-key").toString()));
            ConfigurableApplicationContext context = builder.run();
            Running running = new Running(context, stack, seed, Duration.between(started, Instant.now()));
            // One hook, so that the application stops before the servers it uses.
            if (stack != null) {
                stack.closeOnShutdownByCaller();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "tessera-shutdown"));
            return running;
        } catch (RuntimeException e) {
            if (stack != null) {
                stack.close();
            }
            throw e;
        }
    }

    /** The source definitions file the config names, resolved against the config's folder (not a class-path one). */
    private static Optional<Path> sourcesFile(ConfigFile config) {
        String key = "tessera.ingestion.sources";
        return has(config, key) && !config.get(key).startsWith("classpath:")
                ? Optional.of(config.path(key)) : Optional.empty();
    }

    private static boolean has(ConfigFile config, String key) {
        return config != null && config.has(key);
    }

    private static SeedResult seedDemo(StackEndpoints endpoints, int people) {
        DatabaseEndpoint crm = endpoints.crmPostgres();
        DatabaseEndpoint erp = endpoints.erpMariaDb();
        try {
            DemoSeeder seeder = new DemoSeeder(new DemoDataGenerator().generate(people));
            SeedResult result = seeder.seed(new JdbcTarget(crm.jdbcUrl(), crm.user(), crm.password()),
                    new JdbcTarget(erp.jdbcUrl(), erp.user(), erp.password()));
            log.info("Demo sources: {} rows inserted in {} ms{}", result.totalInserted(), result.elapsed().toMillis(),
                    result.nothingInserted() ? " (already seeded)" : "");
            return result;
        } catch (SQLException e) {
            throw new LaunchException("Cannot seed the demo CRM and ERP databases: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> properties(LaunchPlan plan, StackEndpoints endpoints) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (endpoints != null && endpoints.has(StackComponent.TESSERA_POSTGRES)) {
            DatabaseEndpoint pg = endpoints.tesseraPostgres();
            p.put("spring.datasource.url", pg.jdbcUrl());
            p.put("spring.datasource.username", pg.user());
            p.put("spring.datasource.password", pg.password());
        }
        if (endpoints != null && endpoints.has(StackComponent.KAFKA)) {
            p.put("tessera.kafka.bootstrap-servers", endpoints.kafkaBootstrapServers());
        }
        if (endpoints != null && endpoints.has(StackComponent.ELASTICSEARCH)) {
            p.put("tessera.elasticsearch.url", endpoints.elasticsearchUrl().toString());
        }
        if (plan.demo()) {
            p.put("tessera.ingestion.sources", "classpath:mappings/demo.yaml");
            put(p, "crm", endpoints.crmPostgres());
            put(p, "erp", endpoints.erpMariaDb());
        }
        ConfigFile config = plan.configFile();
        if (config != null) {
            p.put("spring.config.additional-location", "optional:file:" + config.path());
            // Relative to the config file, not to wherever the launcher was started.
            sourcesFile(config).ifPresent(file -> p.put("tessera.ingestion.sources", file.toString()));
        }
        p.putAll(plan.extra());
        return p;
    }

    private static void put(Map<String, Object> p, String source, DatabaseEndpoint db) {
        String prefix = "tessera.ingestion.connections." + source + ".";
        p.put(prefix + "host", db.host());
        p.put(prefix + "port", db.port());
        p.put(prefix + "user", db.user());
        p.put(prefix + "password", db.password());
    }
}
