package io.tessera.api.launch;

import io.tessera.api.security.SecurityConfiguration.AdminCredentials;
import io.tessera.infra.embedded.StackSettings;
import io.tessera.ingestion.source.InvalidMappingException;
import io.tessera.infra.embedded.StackStartException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Command line of Tessera ({@code bin/tessera}): {@code demo} runs the embedded default with demo data;
 * {@code run --config FILE} runs against the servers and sources FILE names; {@code connectors} writes Kafka Connect
 * configs; {@code learn} learns matching parameters from CSV files; {@code resolve} resolves CSV files in batch.
 */
public final class Main {

    private static final String USAGE = """
            Usage: bin/tessera <command>
              demo                  run on embedded PostgreSQL, Kafka, MariaDB and Elasticsearch with a demo CRM and ERP
              run --config FILE     run against the servers and sources FILE names (embedded servers for the rest)
              connectors --sources FILE [--out DIR]
                                    write the Kafka Connect (Debezium) connector config of each source of FILE
              learn --mapping M.yaml --out params.json [--phone-region ES] INPUT.csv...
                                    learn the matching parameters from CSV files by EM and write them (versioned JSON)
              resolve --mapping M.yaml --out predicted.csv [--params P.json] [--save-params L.json]
                      [--phone-region ES] INPUT.csv...
                                    resolve CSV files in batch into source,source_table,source_pk,profile_id
            Environment: SERVER_PORT (default 8080), TESSERA_ADMIN_USER, TESSERA_ADMIN_PASSWORD, TESSERA_HOME""";

    /** Where {@link #checkHttpPort} finds the HTTP settings, besides the config file. */
    private static final String LAUNCHER = "launcher";
    private static final String SYSTEM = "system";
    private static final String ENVIRONMENT = "environment";
    private static final String DEFAULTS = "defaults";

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, Clock.systemUTC());
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream)}, with the clock that dates learned parameters. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("resolve") || args[0].equals("learn")) {
            try {
                return args[0].equals("learn") ? LearnCommand.run(args, out, err, clock)
                        : ResolveCommand.run(args, err, clock);
            } catch (LaunchException e) {
                err.println("tessera: " + e.getMessage());
                return 2;
            }
        }
        if (args[0].equals("connectors")) {
            try {
                return ConnectorsCommand.run(args, out);
            } catch (LaunchException e) {
                err.println("tessera: " + e.getMessage());
                return 2;
            }
        }
        Path workDir = Path.of(env.getOrDefault("TESSERA_HOME", ".tessera")).toAbsolutePath();
        LaunchPlan plan;
        try {
            plan = switch (args[0]) {
                case "demo" -> {
                    requireNoMoreArgs(args, 1);
                    yield new LaunchPlan(workDir, StackSettings.defaults(workDir, env), demoPeople(env), null, Map.of());
                }
                case "run" -> {
                    if (args.length != 3 || !args[1].equals("--config")) {
                        throw new LaunchException("run needs a config file: bin/tessera run --config FILE");
                    }
                    yield new LaunchPlan(workDir, StackSettings.defaults(workDir, env), 0,
                            ConfigFile.read(Path.of(args[2])), Map.of());
                }
                default -> throw new LaunchException("Unknown command '" + args[0] + "'.\n" + USAGE);
            };
            checkHttpPort(plan, env, System.getProperties());
        } catch (LaunchException | StackStartException e) {
            err.println("tessera: " + e.getMessage());
            return 2;
        }
        Launcher.Running running;
        try {
            running = Launcher.launch(plan);
        } catch (LaunchException | StackStartException e) {
            err.println("tessera: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            Throwable userError = userError(e);
            if (userError == null) {
                LoggerFactory.getLogger(Main.class).error("Tessera could not start", e);
            }
            err.println("tessera: could not start: " + (userError != null ? userError.getMessage() : rootMessage(e)));
            return 1;
        }
        // The web server's threads keep the JVM alive; the launcher's shutdown hook stops everything in order.
        printWelcome(running, out);
        return 0;
    }

    private static int demoPeople(Map<String, String> env) {
        String value = env.getOrDefault("TESSERA_DEMO_PEOPLE", "3000");
        try {
            int people = Integer.parseInt(value.trim());
            if (people < 1) {
                throw new NumberFormatException();
            }
            return people;
        } catch (NumberFormatException e) {
            throw new LaunchException("TESSERA_DEMO_PEOPLE must be a positive whole number, got '" + value + "'");
        }
    }

    private static void requireNoMoreArgs(String[] args, int expected) {
        if (args.length > expected) {
            throw new LaunchException("'" + args[0] + "' takes no arguments, got '" + args[expected] + "'");
        }
    }

    /**
     * Fails before any server starts when the HTTP port is taken, rather than after a minute of start-up. Reads
     * {@code server.port} and {@code server.address} in the order the application will: the launcher's own
     * settings, Java system properties, environment variables ({@code SERVER_PORT}), the config file of {@code run}
     * (Spring loads it as an additional config location, which environment variables outrank), then
     * {@code application.yaml}'s defaults. Port 0 means any free port: nothing to check.
     */
    static void checkHttpPort(LaunchPlan plan, Map<String, String> env, Properties system) {
        ConfigFile config = plan.configFile();
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new MapPropertySource(LAUNCHER, plan.extra()));
        sources.addLast(new PropertiesPropertySource(SYSTEM, system));
        sources.addLast(new SystemEnvironmentPropertySource(ENVIRONMENT, new HashMap<String, Object>(env)));
        if (config != null) {
            sources.addLast(new MapPropertySource(config.path().toString(), config.flat()));
        }
        sources.addLast(new MapPropertySource(DEFAULTS, Map.of("server.port", "8080", "server.address", "127.0.0.1")));
        PropertySourcesPropertyResolver resolver = new PropertySourcesPropertyResolver(sources);

        HttpSetting portSetting = HttpSetting.of("server.port", sources, resolver);
        int port;
        try {
            port = Integer.parseInt(portSetting.value().trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new LaunchException(portSetting.name() + " must be a port number (0 to 65535), got '"
                    + portSetting.value() + "'");
        }
        if (port == 0) {
            return;
        }
        HttpSetting address = HttpSetting.of("server.address", sources, resolver);
        InetAddress host;
        try {
            host = InetAddress.getByName(address.value().trim());
        } catch (UnknownHostException e) {
            throw new LaunchException("HTTP address '" + address.value() + "' (" + address.name() + ") is not a host "
                    + "name or address of this machine; set " + address.name() + " to one, e.g. 127.0.0.1", e);
        }
        try (ServerSocket socket = new ServerSocket(port, 1, host)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            String where = "HTTP port " + port + " on " + address.value()
                    + (portSetting.origin().equals(ENVIRONMENT) && config != null && config.has("server.port")
                    ? " (SERVER_PORT, which outranks server.port " + config.get("server.port") + " of "
                            + config.path() + ")" : "");
            String problem = e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")
                    ? "is already in use: stop what holds it, or"
                    : "cannot be opened (" + e.getMessage() + "): check " + address.name() + ", or";
            throw new LaunchException(where + " " + problem + " choose another port with "
                    + portSetting.otherPort(port, config), e);
        }
    }

    /**
     * An HTTP setting as the application resolves it.
     *
     * @param name   how a user sets it where it came from: {@code SERVER_PORT}, {@code server.port in FILE}, …
     * @param origin the name of the property source that set it
     */
    private record HttpSetting(String value, String name, String origin) {

        static HttpSetting of(String key, MutablePropertySources sources, PropertySourcesPropertyResolver resolver) {
            PropertySource<?> origin = sources.stream().filter(s -> s.getProperty(key) != null).findFirst()
                    .orElseThrow();
            String name = switch (origin.getName()) {
                case ENVIRONMENT, DEFAULTS -> key.toUpperCase(Locale.ROOT).replace('.', '_');
                case SYSTEM -> "-D" + key + " in TESSERA_JAVA_OPTS";
                case LAUNCHER -> key;
                default -> key + " in " + origin.getName();
            };
            try {
                return new HttpSetting(resolver.getProperty(key), name, origin.getName());
            } catch (IllegalArgumentException e) {
                // ${VAR} without a default while VAR is not set: Spring would fail on it as well, only later.
                throw new LaunchException(name + ": " + e.getMessage(), e);
            }
        }

        /** How to choose another port than {@code port}, where this setting came from. */
        String otherPort(int port, ConfigFile config) {
            return switch (origin) {
                case ENVIRONMENT, DEFAULTS -> "SERVER_PORT=" + (port == 65535 ? 8081 : port + 1) + " bin/tessera …"
                        + (origin.equals(DEFAULTS) && config != null ? " or server.port in " + config.path() : "");
                default -> name + " (0 picks any free port)";
            };
        }
    }

    /**
     * The cause a user can fix (an invalid setting or mapping), if that is what failed: its message says what to do,
     * so it is shown alone, without a stack trace.
     */
    static Throwable userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidMappingException || t instanceof LaunchException || t instanceof StackStartException
                    || t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("io.tessera.")) {
                return t;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t.getMessage() + ")";
    }

    static void printWelcome(Launcher.Running running, PrintStream out) {
        var env = running.context().getEnvironment();
        String address = env.getProperty("server.address", "127.0.0.1");
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String url = "http://" + address + ":" + port;
        AdminCredentials admin = running.context().getBean(AdminCredentials.class);
        out.println();
        out.println("Tessera is running at " + url + "  (started in " + running.startTime().toSeconds() + " s)");
        out.println("  API docs:  " + url + "/swagger-ui.html");
        out.println("  Sign in:   " + admin.user() + " / "
                + (admin.generated() ? admin.password() + "   (generated; set TESSERA_ADMIN_PASSWORD to choose)"
                : "(the password in TESSERA_ADMIN_PASSWORD)"));
        if (running.seed() != null) {
            out.println("  Demo data: a CRM (PostgreSQL res_partner) and an ERP (MariaDB tabCustomer, tabContact) "
                    + "are being captured; try");
            out.println("    curl -u " + admin.user() + ":" + (admin.generated() ? admin.password() : "$TESSERA_ADMIN_PASSWORD")
                    + " '" + url + "/api/v1/profiles?q=garcia'");
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
