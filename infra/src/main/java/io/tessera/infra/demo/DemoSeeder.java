package io.tessera.infra.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link DemoDataset} into the demo CRM (PostgreSQL) and ERP (MariaDB). Applies the schemas first, then
 * fills each table with JDBC batches in one transaction per table. A table that already holds rows is skipped, so
 * restarting the demo never duplicates customers (and a run that failed half-way completes the missing tables).
 */
public final class DemoSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    private static final int BATCH_SIZE = 500;
    private static final String ERP_USER = "Administrator";

    private final DemoDataset dataset;

    public DemoSeeder(DemoDataset dataset) {
        this.dataset = dataset;
    }

    /** A seeder for the default demo: {@link DemoDataGenerator#DEFAULT_PEOPLE} customers, default seed. */
    public static DemoSeeder defaultDemo() {
        return new DemoSeeder(new DemoDataGenerator().generate());
    }

    /** The data this seeder writes, with its ground truth. */
    public DemoDataset dataset() {
        return dataset;
    }

    /**
     * Applies both schemas and seeds both systems.
     *
     * @param crm connection to the PostgreSQL database {@code crm}
     * @param erp connection to the MariaDB database {@code erp}
     */
    public SeedResult seed(Connection crm, Connection erp) throws SQLException {
        long start = System.nanoTime();
        SeedResult crmResult = seedCrm(crm);
        SeedResult erpResult = seedErp(erp);
        return crmResult.plus(erpResult, Duration.ofNanos(System.nanoTime() - start));
    }

    /** As {@link #seed(Connection, Connection)}, opening (and closing) the connections itself. */
    public SeedResult seed(JdbcTarget crm, JdbcTarget erp) throws SQLException {
        try (Connection crmConnection = crm.open(); Connection erpConnection = erp.open()) {
            return seed(crmConnection, erpConnection);
        }
    }

    /** Applies the CRM schema and fills {@code res_partner} unless it already has rows. */
    public SeedResult seedCrm(Connection crm) throws SQLException {
        long start = System.nanoTime();
        DemoSchemas.applyCrm(crm);
        Map<String, Integer> inserted = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        fill(crm, DemoSchemas.RES_PARTNER, "SELECT count(*) FROM res_partner",
                "INSERT INTO res_partner (id, name, complete_name, lang, vat, website, active, type, street, street2,"
                        + " zip, city, country_id, email, phone, mobile, is_company, commercial_company_name,"
                        + " company_name, create_date, write_date, parent_id, opt_out)"
                        + " VALUES (?, ?, ?, ?, ?, ?, true, 'contact', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                // The explicit ids bypassed the sequence; without this the next partner created in the CRM fails.
                "SELECT setval(pg_get_serial_sequence('res_partner', 'id'), (SELECT max(id) FROM res_partner))",
                dataset.crmPartners(), DemoSeeder::bindPartner, inserted, skipped);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Demo CRM: {} res_partner rows inserted, {} tables skipped, {} ms",
                inserted.get(DemoSchemas.RES_PARTNER), skipped.size(), elapsed.toMillis());
        return new SeedResult(inserted, skipped, elapsed);
    }

    /** Applies the ERP schema and fills customers, contacts, addresses and their links, table by table. */
    public SeedResult seedErp(Connection erp) throws SQLException {
        long start = System.nanoTime();
        DemoSchemas.applyErp(erp);
        Map<String, Integer> inserted = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        String standard = "name, creation, modified, modified_by, owner, docstatus, idx, ";
        String standardValues = "?, ?, ?, '" + ERP_USER + "', '" + ERP_USER + "', 0, ";
        fill(erp, DemoSchemas.TAB_CUSTOMER, "SELECT count(*) FROM `tabCustomer`",
                "INSERT INTO `tabCustomer` (" + standard + "naming_series, salutation, customer_name, customer_type,"
                        + " customer_group, territory, gender, customer_primary_contact, mobile_no, email_id,"
                        + " customer_primary_address, primary_address, tax_id, language, disabled)"
                        + " VALUES (" + standardValues + "0, 'CUST-.YYYY.-', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                null, dataset.erpCustomers(), DemoSeeder::bindCustomer, inserted, skipped);
        fill(erp, DemoSchemas.TAB_CONTACT, "SELECT count(*) FROM `tabContact`",
                "INSERT INTO `tabContact` (" + standard + "first_name, middle_name, last_name, full_name, email_id,"
                        + " phone, mobile_no, company_name, salutation, gender, status, is_primary_contact,"
                        + " unsubscribed)"
                        + " VALUES (" + standardValues + "0, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 'Passive', 1, 0)",
                null, dataset.erpContacts(), DemoSeeder::bindContact, inserted, skipped);
        fill(erp, DemoSchemas.TAB_ADDRESS, "SELECT count(*) FROM `tabAddress`",
                "INSERT INTO `tabAddress` (" + standard + "address_title, address_type, address_line1,"
                        + " address_line2, city, country, pincode, email_id, phone, is_primary_address, disabled)"
                        + " VALUES (" + standardValues + "0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)",
                null, dataset.erpAddresses(), DemoSeeder::bindAddress, inserted, skipped);
        fill(erp, DemoSchemas.TAB_DYNAMIC_LINK, "SELECT count(*) FROM `tabDynamic Link`",
                "INSERT INTO `tabDynamic Link` (" + standard + "parent, parentfield, parenttype, link_doctype,"
                        + " link_name, link_title)"
                        + " VALUES (" + standardValues + "1, ?, 'links', ?, 'Customer', ?, ?)",
                null, dataset.erpLinks(), DemoSeeder::bindLink, inserted, skipped);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Demo ERP: {} customers, {} contacts, {} addresses, {} links inserted, {} tables skipped, {} ms",
                inserted.get(DemoSchemas.TAB_CUSTOMER), inserted.get(DemoSchemas.TAB_CONTACT),
                inserted.get(DemoSchemas.TAB_ADDRESS), inserted.get(DemoSchemas.TAB_DYNAMIC_LINK), skipped.size(),
                elapsed.toMillis());
        return new SeedResult(inserted, skipped, elapsed);
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private static <T> void fill(Connection connection, String table, String countSql, String insertSql,
                                 String afterSql, List<T> rows, Binder<T> binder, Map<String, Integer> inserted,
                                 List<String> skipped) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            if (count(connection, countSql) > 0) {
                connection.rollback();
                inserted.put(table, 0);
                skipped.add(table);
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                int pending = 0;
                for (T row : rows) {
                    binder.bind(insert, row);
                    insert.addBatch();
                    if (++pending == BATCH_SIZE) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
            if (afterSql != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(afterSql);
                }
            }
            connection.commit();
            inserted.put(table, rows.size());
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw new SQLException("Seeding demo table " + table + " failed: " + e.getMessage(), e.getSQLState(),
                    e.getErrorCode(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void bindPartner(PreparedStatement s, CrmPartner p) throws SQLException {
        s.setInt(1, p.id());
        text(s, 2, p.name());
        text(s, 3, p.completeName());
        text(s, 4, p.lang());
        text(s, 5, p.vat());
        text(s, 6, p.website());
        text(s, 7, p.street());
        text(s, 8, p.street2());
        text(s, 9, p.zip());
        text(s, 10, p.city());
        s.setInt(11, p.countryId());
        text(s, 12, p.email());
        text(s, 13, p.phone());
        text(s, 14, p.mobile());
        s.setBoolean(15, p.company());
        text(s, 16, p.commercialCompanyName());
        text(s, 17, p.companyName());
        time(s, 18, p.createDate());
        time(s, 19, p.writeDate());
        if (p.parentId() == null) {
            s.setNull(20, java.sql.Types.INTEGER);
        } else {
            s.setInt(20, p.parentId());
        }
        s.setBoolean(21, p.optOut());
    }

    private static void bindCustomer(PreparedStatement s, ErpCustomer c) throws SQLException {
        standard(s, c.name(), c.creation());
        text(s, 4, c.salutation());
        text(s, 5, c.customerName());
        text(s, 6, c.customerType());
        text(s, 7, c.customerGroup());
        text(s, 8, c.territory());
        text(s, 9, c.gender());
        text(s, 10, c.primaryContact());
        text(s, 11, c.mobileNo());
        text(s, 12, c.emailId());
        text(s, 13, c.primaryAddress());
        text(s, 14, c.primaryAddressDisplay());
        text(s, 15, c.taxId());
        text(s, 16, c.language());
    }

    private static void bindContact(PreparedStatement s, ErpContact c) throws SQLException {
        standard(s, c.name(), c.creation());
        text(s, 4, c.firstName());
        text(s, 5, c.middleName());
        text(s, 6, c.lastName());
        text(s, 7, c.fullName());
        text(s, 8, c.emailId());
        text(s, 9, c.phone());
        text(s, 10, c.mobileNo());
        text(s, 11, c.salutation());
        text(s, 12, c.gender());
    }

    private static void bindAddress(PreparedStatement s, ErpAddress a) throws SQLException {
        standard(s, a.name(), a.creation());
        text(s, 4, a.addressTitle());
        text(s, 5, a.addressType());
        text(s, 6, a.line1());
        text(s, 7, a.line2());
        text(s, 8, a.city());
        text(s, 9, a.country());
        text(s, 10, a.pincode());
        text(s, 11, a.emailId());
        text(s, 12, a.phone());
    }

    private static void bindLink(PreparedStatement s, ErpDynamicLink l) throws SQLException {
        standard(s, l.name(), l.creation());
        text(s, 4, l.parent());
        text(s, 5, l.parentType());
        text(s, 6, l.linkName());
        text(s, 7, l.linkTitle());
    }

    /** Frappe's name, creation and modified; the rows are new, so modified equals creation. */
    private static void standard(PreparedStatement s, String name, LocalDateTime creation) throws SQLException {
        text(s, 1, name);
        time(s, 2, creation);
        time(s, 3, creation);
    }

    private static void text(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    private static void time(PreparedStatement s, int index, LocalDateTime value) throws SQLException {
        s.setObject(index, value);
    }
}
