package io.tessera.api.launch;

import io.tessera.api.security.SecurityConfiguration.AdminCredentials;
import io.tessera.infra.embedded.StackSettings;
import io.tessera.ingestion.source.InvalidMappingException;
import io.tessera.infra.embedded.StackStartException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.LoggerFactory;

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
            checkHttpPort(env);
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

    /** Fails before any server starts when the HTTP port is taken, rather than after a minute of start-up. */
    private static void checkHttpPort(Map<String, String> env) {
        String value = env.getOrDefault("SERVER_PORT", "8080");
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LaunchException("SERVER_PORT must be a port number, got '" + value + "'");
        }
        if (port == 0) {
            return;
        }
        String address = env.getOrDefault("SERVER_ADDRESS", "127.0.0.1");
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new LaunchException("HTTP port " + port + " on " + address + " is already in use: stop what holds it, "
                    + "or choose another port with SERVER_PORT=8081 bin/tessera …");
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
