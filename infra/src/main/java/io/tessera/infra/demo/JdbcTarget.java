package io.tessera.infra.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where a demo database is: a JDBC URL and credentials.
 *
 * @param url      e.g. {@code jdbc:postgresql://localhost:5432/crm}
 * @param user     user name
 * @param password password, may be empty; never printed
 */
public record JdbcTarget(String url, String user, String password) {

    public JdbcTarget {
        Objects.requireNonNull(url, "url");
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public String toString() {
        return "JdbcTarget[url=" + url + ", user=" + user + ", password=***]";
    }
}
