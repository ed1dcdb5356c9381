package io.tessera.api;

import static io.tessera.api.RunningTessera.PIPELINE;
import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static io.tessera.api.RunningTessera.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walking skeleton end to end on real servers: a change committed in the CRM (PostgreSQL) or the ERP (MariaDB)
 * is captured by Debezium, mapped, resolved by Kafka Streams, applied to the event-sourced profile and read back
 * through the REST API.
 */
class EndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(EndToEndTest.class);

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void sameCustomerInCrmAndErpBecomesOneProfileThenSplitsAndLosesTheDeletedRecord() throws Exception {
        long committed;
        long crmId = RunningTessera.insertCrmPerson("María José Fernández-Ortega", "mj.fernandez.ortega@correo-e2e.es",
                "+34 611 22 33 44", "Calle de Alcalá 12", "28014");
        RunningTessera.insertErpIndividual("CUST-E2E-00001", "MARIA JOSE FERNANDEZ ORTEGA",
                " MJ.Fernandez.Ortega@Correo-E2E.es");
        committed = System.nanoTime();
        String crmPath = "/api/v1/records/crm/res_partner/" + crmId + "/profile";
        String erpPath = "/api/v1/records/erp/tabCustomer/CUST-E2E-00001/profile";

        JsonNode merged = awaitProfile(crmPath, p -> recordKeys(p).size() == 2);
        log.info("CRM+ERP insert to one profile in the API: {} ms", (System.nanoTime() - committed) / 1_000_000);
        String profileId = merged.get("profileId").asText();
        assertThat(recordKeys(merged)).containsExactly("crm/res_partner/" + crmId, "erp/tabCustomer/CUST-E2E-00001");
        assertThat(json(getAsAdmin(erpPath)).get("profileId").asText()).isEqualTo(profileId);
        assertThat(evidence(merged)).anySatisfy(e -> assertThat(e).startsWith("fellegi-sunter: email exact")
                .doesNotContain("@"));

        // The ERP email changes: no evidence is left between the two records, so the profile splits.
        try (Connection erp = RunningTessera.erp()) {
            erp.createStatement().executeUpdate(
                    "UPDATE `tabCustomer` SET email_id = 'mariajose.f@otro-e2e.es', modified = NOW(6) "
                            + "WHERE name = 'CUST-E2E-00001'");
        }
        committed = System.nanoTime();
        JsonNode crmAlone = awaitProfile(crmPath, p -> recordKeys(p).size() == 1);
        log.info("ERP update to split visible in the API: {} ms", (System.nanoTime() - committed) / 1_000_000);
        assertThat(recordKeys(crmAlone)).containsExactly("crm/res_partner/" + crmId);
        assertThat(crmAlone.get("profileId").asText()).as("the split keeps the id on one side").isEqualTo(profileId);
        // Both sides' decisions come from one change, but the API may show the first before the second.
        JsonNode erpAlone = awaitProfile(erpPath, p -> !p.get("profileId").asText().equals(profileId));
        assertThat(recordKeys(erpAlone)).containsExactly("erp/tabCustomer/CUST-E2E-00001");

        // The CRM row is deleted: it leaves its profile, which has no record left and disappears.
        try (Connection crm = RunningTessera.crm()) {
            crm.createStatement().executeUpdate("DELETE FROM res_partner WHERE id = " + crmId);
        }
        committed = System.nanoTime();
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(50))
                .until(() -> getAsAdmin(crmPath).statusCode() == 404);
        log.info("CRM delete visible in the API: {} ms", (System.nanoTime() - committed) / 1_000_000);
        HttpResponse<String> gone = getAsAdmin("/api/v1/profiles/" + profileId);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(recordKeys(json(getAsAdmin(erpPath)))).containsExactly("erp/tabCustomer/CUST-E2E-00001");
    }

    @Test
    void aRecordThatLeavesAProfileOfSeveralLeavesTheOthersTogether() throws Exception {
        try (Connection erp = RunningTessera.erp()) {
            erp.createStatement().executeUpdate("""
                    INSERT INTO `tabCustomer` (name, creation, modified, customer_name, customer_type, customer_group,
                                               territory, email_id, mobile_no)
                    VALUES ('CUST-E2E-00002', NOW(6), NOW(6), 'Jörg Müller', 'Individual', 'Individual',
                            'Germany', 'joerg.mueller@post-e2e.de', '+49 151 2345 6789')""");
            erp.createStatement().executeUpdate("""
                    INSERT INTO `tabContact` (name, creation, modified, first_name, last_name, full_name, email_id,
                                              phone)
                    VALUES ('CONT-E2E-00002', NOW(6), NOW(6), 'Jorg', 'Muller', 'Jorg Muller', NULL, '+49 151 23456789')""");
        }
        long crmId;
        try (Connection crm = RunningTessera.crm()) {
            PreparedStatement insert = crm.prepareStatement("""
                    INSERT INTO res_partner (name, email, mobile, city, country_id, is_company)
                    VALUES ('Joerg Mueller', 'JOERG.MUELLER@post-e2e.de', NULL, 'Berlin', 5, false) RETURNING id""");
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                crmId = rs.getLong(1);
            }
        }
        String contactPath = "/api/v1/records/erp/tabContact/CONT-E2E-00002/profile";
        JsonNode three = awaitProfile(contactPath, p -> recordKeys(p).size() == 3);
        assertThat(evidence(three)).anySatisfy(e -> assertThat(e).contains("email exact"))
                .anySatisfy(e -> assertThat(e).contains("phone exact"));

        try (Connection crm = RunningTessera.crm()) {
            crm.createStatement().executeUpdate("DELETE FROM res_partner WHERE id = " + crmId);
        }
        JsonNode two = awaitProfile(contactPath, p -> recordKeys(p).size() == 2);
        assertThat(two.get("profileId").asText()).isEqualTo(three.get("profileId").asText());
        assertThat(recordKeys(two)).containsExactly("erp/tabContact/CONT-E2E-00002", "erp/tabCustomer/CUST-E2E-00002");
    }

    /** Each link of the profile as {@code rule: detail}. */
    private static List<String> evidence(JsonNode profile) {
        List<String> links = new ArrayList<>();
        for (JsonNode record : profile.get("records")) {
            for (JsonNode evidence : record.get("evidence")) {
                links.add(evidence.get("rule").asText() + ": " + evidence.get("detail").asText());
            }
        }
        return links;
    }
}
