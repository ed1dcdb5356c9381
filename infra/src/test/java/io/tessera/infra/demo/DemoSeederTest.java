package io.tessera.infra.demo;

import io.tessera.infra.embedded.DatabaseEndpoint;
import io.tessera.infra.embedded.EmbeddedStack;
import io.tessera.infra.embedded.StackComponent;
import io.tessera.infra.embedded.StackSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeds a real PostgreSQL and a real MariaDB, both started embedded for this test. */
class DemoSeederTest {

    private static EmbeddedStack stack;
    private static JdbcTarget crm;
    private static JdbcTarget erp;
    private static DemoDataset demo;
    private static SeedResult firstSeed;

    @BeforeAll
    static void startDatabases() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "demo-seeder-test");
        stack = EmbeddedStack.start(StackSettings.ephemeral(workDir.toAbsolutePath())
                .only(StackComponent.CRM_POSTGRES, StackComponent.ERP_MARIADB));
        crm = target(stack.endpoints().crmPostgres());
        erp = target(stack.endpoints().erpMariaDb());
        demo = new DemoDataGenerator().generate();
        firstSeed = new DemoSeeder(demo).seed(crm, erp);
    }

    private static JdbcTarget target(DatabaseEndpoint db) {
        return new JdbcTarget(db.jdbcUrl(), db.user(), db.password());
    }

    @AfterAll
    static void stopDatabases() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void seedsEveryTableOnce() throws Exception {
        assertThat(firstSeed.skipped()).isEmpty();
        assertThat(firstSeed.inserted()).isEqualTo(demo.rowCounts());
        try (Connection pg = open(crm); Connection maria = open(erp)) {
            assertThat(count(pg, "SELECT count(*) FROM res_partner")).isEqualTo(demo.crmPartners().size());
            assertThat(count(pg, "SELECT count(*) FROM res_country")).isEqualTo(11);
            assertThat(count(pg, "SELECT id FROM res_country WHERE code = 'IE'")).isEqualTo(11);
            assertThat(count(pg, "SELECT count(*) FROM res_partner WHERE opt_out"))
                    .isEqualTo(demo.crmPartners().stream().filter(CrmPartner::optOut).count()).isPositive();
            assertThat(count(maria, "SELECT count(*) FROM `tabCustomer`")).isEqualTo(demo.erpCustomers().size());
            assertThat(count(maria, "SELECT count(*) FROM `tabContact`")).isEqualTo(demo.erpContacts().size());
            assertThat(count(maria, "SELECT count(*) FROM `tabAddress`")).isEqualTo(demo.erpAddresses().size());
            assertThat(count(maria, "SELECT count(*) FROM `tabDynamic Link`")).isEqualTo(demo.erpLinks().size());
        }

        SeedResult again = new DemoSeeder(demo).seed(crm, erp);

        assertThat(again.nothingInserted()).isTrue();
        assertThat(again.skipped()).containsExactlyElementsOf(demo.rowCounts().keySet());
        try (Connection pg = open(crm); Connection maria = open(erp)) {
            assertThat(count(pg, "SELECT count(*) FROM res_partner")).isEqualTo(demo.crmPartners().size());
            assertThat(count(pg, "SELECT count(*) FROM res_country")).isEqualTo(11);
            assertThat(count(maria, "SELECT count(*) FROM `tabDynamic Link`")).isEqualTo(demo.erpLinks().size());
        }
    }

    @Test
    void aSeededCustomerReachesItsContactAndAddressThroughDynamicLinks() throws Exception {
        ErpCustomer customer = demo.erpCustomers().stream().filter(c -> c.primaryContact() != null)
                .filter(c -> !c.customerName().equals(Noise.stripAccents(c.customerName())))
                .findFirst().orElseThrow();
        ErpContact contact = demo.erpContacts().stream().filter(c -> c.name().equals(customer.primaryContact()))
                .findFirst().orElseThrow();
        ErpAddress address = demo.erpAddresses().stream().filter(a -> a.name().equals(customer.primaryAddress()))
                .findFirst().orElseThrow();

        try (Connection maria = open(erp); PreparedStatement query = maria.prepareStatement("""
                SELECT c.customer_name, ct.name, ct.full_name, ct.email_id, a.name, a.address_line1, a.pincode
                FROM `tabCustomer` c
                JOIN `tabDynamic Link` lc ON lc.link_doctype = 'Customer' AND lc.link_name = c.name
                     AND lc.parenttype = 'Contact' AND lc.parentfield = 'links'
                JOIN `tabContact` ct ON ct.name = lc.parent
                JOIN `tabDynamic Link` la ON la.link_doctype = 'Customer' AND la.link_name = c.name
                     AND la.parenttype = 'Address'
                JOIN `tabAddress` a ON a.name = la.parent
                WHERE c.name = ?""")) {
            query.setString(1, customer.name());
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                // A name with diacritics proves the utf8mb4 round trip.
                assertThat(rs.getString(1)).isEqualTo(customer.customerName());
                assertThat(rs.getString(2)).isEqualTo(contact.name());
                assertThat(rs.getString(3)).isEqualTo(contact.fullName());
                assertThat(rs.getString(4)).isEqualTo(contact.emailId());
                assertThat(rs.getString(5)).isEqualTo(address.name());
                assertThat(rs.getString(6)).isEqualTo(address.line1());
                assertThat(rs.getString(7)).isEqualTo(address.pincode());
                assertThat(rs.next()).isFalse();
            }
        }
        int personId = demo.personOf(SourceSystem.ERP, DemoSchemas.TAB_CUSTOMER, customer.name()).orElseThrow();
        assertThat(demo.personOf(SourceSystem.ERP, DemoSchemas.TAB_CONTACT, contact.name())).hasValue(personId);
        assertThat(demo.personOf(SourceSystem.ERP, DemoSchemas.TAB_ADDRESS, address.name())).hasValue(personId);
    }

    @Test
    void theCrmKeepsPartnersVerbatimAndCanStillCreateNewOnes() throws Exception {
        CrmPartner partner = demo.crmPartners().stream()
                .filter(p -> !p.name().equals(Noise.stripAccents(p.name())) && p.email() != null)
                .findFirst().orElseThrow();

        try (Connection pg = open(crm)) {
            try (PreparedStatement query = pg.prepareStatement(
                    "SELECT p.name, p.email, c.code FROM res_partner p JOIN res_country c ON c.id = p.country_id"
                            + " WHERE p.id = ?")) {
                query.setInt(1, partner.id());
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(partner.name());
                    assertThat(rs.getString(2)).isEqualTo(partner.email());
                    assertThat(rs.getString(3)).isEqualTo(DemoCountry.ofCrmId(partner.countryId()).code());
                }
            }
            // The seeder moved the id sequence past its explicit ids, so the CRM can add partners as usual.
            pg.setAutoCommit(false);
            try (Statement s = pg.createStatement();
                 ResultSet rs = s.executeQuery("INSERT INTO res_partner (name) VALUES ('Walk-in') RETURNING id")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(demo.crmPartners().size() + 1);
            } finally {
                pg.rollback();
            }
        }
    }

    private static Connection open(JdbcTarget target) throws SQLException {
        return DriverManager.getConnection(target.url(), target.user(), target.password());
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
