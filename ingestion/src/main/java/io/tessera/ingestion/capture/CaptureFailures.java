package io.tessera.ingestion.capture;

import io.tessera.ingestion.source.Connection;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.SourceKind;
import io.tessera.ingestion.source.TableMapping;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the failure of a capture into a message for operators: what is wrong and the fix, when the messages of the
 * error chain say it (unreachable server, refused login, missing replication privilege or grant, Tessera's Kafka),
 * followed by the original message. Never contains the source's password; the database messages it quotes name
 * users, hosts, databases and tables only.
 */
final class CaptureFailures {

    /** Separates the hint from the original message. */
    static final String CAUSE = " — cause: ";

    /** PostgreSQL's JDBC driver: "Connection to 127.0.0.1:5432 refused. Check that the hostname and port ...". */
    private static final Pattern CONNECTION_REFUSED = Pattern.compile("connection to \\S+ refused");

    private CaptureFailures() {
    }

    /**
     * The message for {@link SourceStatus#lastError()}: the hint, if any, then the original message.
     *
     * @param error   the error the engine ended with, may be {@code null}
     * @param message the engine's own message, may be {@code null}
     */
    static String describe(SourceDefinition source, Throwable error, String message) {
        String original = scrub(original(error, message), source.connection());
        String hint = hint(source, error, message);
        return hint == null ? original : hint + CAUSE + original;
    }

    /** What is wrong and how to fix it, or {@code null} when the messages do not say. */
    static String hint(SourceDefinition source, Throwable error, String message) {
        Connection c = source.connection();
        String name = source.name();
        String user = c.user();
        if (sinkFailed(error)) {
            return "Tessera's Kafka did not accept a batch of source " + name + ": check that the brokers of "
                    + "tessera.kafka.bootstrap-servers run; the batch is read again";
        }
        String text = chainText(error, message);
        // PostgreSQL refuses a WAL sender or a replication slot to a role without REPLICATION; the wording varies
        // across versions ("must be superuser or replication role", "permission denied to start WAL sender ...
        // Only roles with the REPLICATION attribute may start a WAL sender process").
        if (containsAny(text, "must be superuser or replication role", "permission denied to start wal sender",
                "must have replication", "replication attribute", "permission denied to use replication slots",
                "permission denied to create replication slot")) {
            return "user " + user + " lacks the REPLICATION attribute: ALTER ROLE " + user + " WITH REPLICATION;";
        }
        if (text.contains("no pg_hba.conf entry for replication connection")) {
            return "the server " + c.host() + ":" + c.port() + " of source " + name + " refuses replication "
                    + "connections of user " + user + ": add a pg_hba.conf line 'host replication " + user
                    + " <Tessera's address> scram-sha-256' and reload";
        }
        if (containsAny(text, "password authentication failed", "no pg_hba.conf entry")
                || text.contains("role \"" + user.toLowerCase(Locale.ROOT) + "\" does not exist")) {
            return loginRefused(name, user);
        }
        if (text.contains("database \"" + c.database().toLowerCase(Locale.ROOT) + "\" does not exist")
                || text.contains("unknown database '" + c.database().toLowerCase(Locale.ROOT) + "'")) {
            return "database " + c.database() + " does not exist on " + c.host() + ":" + c.port() + " of source "
                    + name + ": check the connection's database";
        }
        if (text.contains("permission denied for database")) {
            return "user " + user + " may not connect to database " + c.database() + ": GRANT CONNECT ON DATABASE "
                    + c.database() + " TO " + user + ";";
        }
        if (containsAny(text, "permission denied for table", "permission denied for schema",
                "permission denied for relation", "permission denied for sequence")) {
            return "user " + user + " cannot read the captured tables: " + selectGrants(source);
        }
        if (text.contains("must be owner of table")) {
            return "user " + user + " must own the captured tables to create the publication "
                    + source.capture().publication() + "; or create it as their owner: CREATE PUBLICATION "
                    + source.capture().publication() + " FOR TABLE " + tableList(source) + ";";
        }
        // MariaDB/MySQL: "Access denied; you need (at least one of) the REPLICATION SLAVE privilege(s) for this
        // operation", "SELECT command denied to user ...", "Access denied for user ... to database ...", and
        // Debezium's "User does not have the 'LOCK TABLES' privilege required to obtain a consistent snapshot ..."
        // (it locks tables when FLUSH TABLES WITH READ LOCK is refused for want of RELOAD).
        if (containsAny(text, "privilege(s)", "you need (at least one of)", "command denied to user",
                "privilege required")
                || (text.contains("access denied for user") && text.contains("to database"))) {
            return "user " + user + " lacks replication privileges: GRANT SELECT, RELOAD, SHOW DATABASES, "
                    + "REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%';";
        }
        if (text.contains("access denied for user")) {
            return loginRefused(name, user);
        }
        if (CONNECTION_REFUSED.matcher(text).find() || containsAny(text, "connection refused", "unknownhostexception",
                "unknown host", "name or service not known",
                "nodename nor servname", "temporary failure in name resolution", "no route to host",
                "network is unreachable", "timed out", "timeout", "communications link failure",
                "connection attempt failed", "socket fail", "could not connect")) {
            return "cannot reach " + c.host() + ":" + c.port() + " of source " + name
                    + ": check that the database runs and the connection settings";
        }
        return null;
    }

    private static String loginRefused(String name, String user) {
        return "the database refused the login of user " + user + ": check the user and password of source " + name;
    }

    private static String selectGrants(SourceDefinition source) {
        String user = source.connection().user();
        String schemas = source.tables().stream().map(TableMapping::qualifier).distinct().collect(Collectors.joining(", "));
        String grants = "GRANT SELECT ON " + tableList(source) + " TO " + user + ";";
        return source.kind() == SourceKind.POSTGRES
                ? "GRANT USAGE ON SCHEMA " + schemas + " TO " + user + "; " + grants
                : grants;
    }

    private static String tableList(SourceDefinition source) {
        return source.tables().stream().map(t -> t.qualifier() + "." + t.table()).collect(Collectors.joining(", "));
    }

    /** The engine's message and every distinct message of the error chain, as today's {@code lastError}. */
    static String original(Throwable error, String message) {
        List<String> parts = new ArrayList<>();
        if (message != null && !message.isBlank()) {
            parts.add(message.strip());
        }
        for (Throwable t : chain(error)) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m.strip()))) {
                parts.add(m.strip());
            }
        }
        if (parts.isEmpty()) {
            return error == null ? "unknown failure" : error.getClass().getName();
        }
        return String.join(": ", parts);
    }

    private static String chainText(Throwable error, String message) {
        StringBuilder text = new StringBuilder(message == null ? "" : message);
        for (Throwable t : chain(error)) {
            text.append('\n').append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean sinkFailed(Throwable error) {
        return chain(error).stream().anyMatch(BatchDelivery.SinkFailedException.class::isInstance);
    }

    /** The error, its causes and suppressed errors, each once. */
    private static List<Throwable> chain(Throwable error) {
        List<Throwable> out = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        collect(error, out, seen);
        return out;
    }

    private static void collect(Throwable t, List<Throwable> out, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        out.add(t);
        collect(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, out, seen);
        }
    }

    private static boolean containsAny(String text, String... needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** Masks the password, should a message ever quote it (none of the known ones do). */
    private static String scrub(String text, Connection connection) {
        String password = connection.password();
        // A password equal to the user name cannot be hidden: the hint names the user.
        if (password.length() < 4 || password.equals(connection.user())) {
            return text;
        }
        return text.replace(password, "***");
    }
}
