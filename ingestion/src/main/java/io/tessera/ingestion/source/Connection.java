package io.tessera.ingestion.source;

/**
 * Where and as whom to connect to a source database.
 *
 * @param host             host name or address
 * @param port             TCP port
 * @param database         the database (PostgreSQL: the one to decode; MariaDB: the default table qualifier)
 * @param user             the capture user (PostgreSQL: needs REPLICATION; MariaDB: REPLICATION SLAVE/CLIENT, SELECT, RELOAD)
 * @param password         the password, never logged ({@link #toString()} masks it); empty when none
 * @param passwordVariable the environment variable the mapping file took the password from, or {@code null};
 *                         lets generated Kafka Connect configs refer to the variable instead of the secret
 */
public record Connection(String host, int port, String database, String user, String password, String passwordVariable) {

    public Connection {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("A connection needs a host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("A connection port must be between 1 and 65535, got " + port);
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("A connection needs a database");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("A connection needs a user");
        }
        password = password == null ? "" : password;
    }

    /** The same connection to another host and port (e.g. the ports an embedded stack picked). */
    public Connection withAddress(String newHost, int newPort) {
        return new Connection(newHost, newPort, database, user, password, passwordVariable);
    }

    /** The same connection as another user; the password no longer comes from a variable. */
    public Connection withCredentials(String newUser, String newPassword) {
        return new Connection(host, port, database, newUser, newPassword, null);
    }

    /** The same connection to another database. */
    public Connection withDatabase(String newDatabase) {
        return new Connection(host, port, newDatabase, user, password, passwordVariable);
    }

    /** Masks the password: connections end up in logs and exception messages. */
    @Override
    public String toString() {
        return "Connection[" + user + "@" + host + ":" + port + "/" + database + ", password=***]";
    }
}
