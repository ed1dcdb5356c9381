package io.tessera.infra.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo source schemas of docs/demo-sources.md, kept as SQL resources and applied idempotently:
 * every start of the demo may call {@link #applyCrm} and {@link #applyErp} again.
 */
public final class DemoSchemas {

    /** Classpath resource with the CRM (PostgreSQL) schema and the {@code res_country} rows. */
    public static final String CRM_RESOURCE = "demo/crm-postgres.sql";
    /** Classpath resource with the ERP (MariaDB) schema. */
    public static final String ERP_RESOURCE = "demo/erp-mariadb.sql";

    /** CRM partner table. */
    public static final String RES_PARTNER = "res_partner";
    /** CRM country table. */
    public static final String RES_COUNTRY = "res_country";
    /** ERP customer table. */
    public static final String TAB_CUSTOMER = "tabCustomer";
    /** ERP contact table. */
    public static final String TAB_CONTACT = "tabContact";
    /** ERP address table. */
    public static final String TAB_ADDRESS = "tabAddress";
    /** ERP link table tying contacts and addresses to customers. */
    public static final String TAB_DYNAMIC_LINK = "tabDynamic Link";

    private DemoSchemas() {
    }

    /**
     * Creates {@code res_country} and {@code res_partner} if missing and inserts the eleven countries once.
     *
     * @param crm a connection to the CRM database ({@code crm} on PostgreSQL)
     */
    public static void applyCrm(Connection crm) throws SQLException {
        apply(crm, CRM_RESOURCE);
    }

    /**
     * Creates {@code tabCustomer}, {@code tabContact}, {@code tabAddress} and {@code tabDynamic Link} if missing.
     *
     * @param erp a connection to the ERP database ({@code erp} on MariaDB)
     */
    public static void applyErp(Connection erp) throws SQLException {
        apply(erp, ERP_RESOURCE);
    }

    private static void apply(Connection connection, String resource) throws SQLException {
        List<String> statements = statements(resource);
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                try {
                    statement.execute(statements.get(i));
                } catch (SQLException e) {
                    throw new SQLException("Statement " + (i + 1) + " of " + resource + " failed: " + e.getMessage(),
                            e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    /** The statements of a schema resource, without comments, in file order. */
    static List<String> statements(String resource) {
        return split(read(resource));
    }

    private static String read(String resource) {
        try (InputStream in = DemoSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Schema resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading schema resource " + resource + " failed", e);
        }
    }

    /**
     * Splits a script on semicolons outside quotes and drops {@code --} comments. The resources are ours,
     * so this small splitter is enough: no dollar quoting, no procedures.
     */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                current.append(c);
            } else if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end - 1;
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addIfNotBlank(statements, current);
        return List.copyOf(statements);
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }
}
