package io.tessera.infra.embedded;

import java.util.Objects;

/**
 * How to reach one database of the embedded stack.
 *
 * @param jdbcUrl  JDBC URL of {@code database} (without credentials)
 * @param host     loopback address the server listens on
 * @param port     TCP port
 * @param database database name
 * @param user     user that owns the database (for the source systems: the user a CDC connector should use)
 * @param password that user's password
 */
public record DatabaseEndpoint(String jdbcUrl, String host, int port, String database, String user, String password) {

    public DatabaseEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    static DatabaseEndpoint postgres(String host, int port, String database, String user, String password) {
        return new DatabaseEndpoint("jdbc:postgresql://" + host + ":" + port + "/" + database,
                host, port, database, user, password);
    }

    static DatabaseEndpoint mariaDb(String host, int port, String database, String user, String password) {
        return new DatabaseEndpoint("jdbc:mariadb://" + host + ":" + port + "/" + database,
                host, port, database, user, password);
    }

    /** Leaves the password out, so endpoints can be logged. */
    @Override
    public String toString() {
        return "DatabaseEndpoint[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=****]";
    }
}
