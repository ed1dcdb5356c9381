package io.tessera.api.profile;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static io.tessera.api.RunningTessera.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relations between persons and companies on real servers: an Odoo contact points at her company with
 * {@code parent_id}; Tessera keeps her a person of her own, related to the company's profile, and follows the
 * company through a merge and the relation through its removal.
 */
class RelationsApiTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void aContactIsRelatedToHerCompanyNotMergedIntoItAndTheRelationFollowsMergesAndUpdates() throws Exception {
        long companyId = RunningTessera.insertCrmCompany("Relaciones Ibéricas SL", "ESB12345674",
                "info@relaciones-ibericas-rel.es");
        long contactId;
        try (Connection crm = RunningTessera.crm(); PreparedStatement insert = crm.prepareStatement("""
                INSERT INTO res_partner (name, email, phone, city, country_id, is_company, parent_id,
                                         commercial_company_name)
                VALUES ('Lucía Prieto Sanz', 'lucia.prieto@relaciones-ibericas-rel.es', '+34 622 10 20 30',
                        'Madrid', 1, false, ?, 'Relaciones Ibéricas SL') RETURNING id""")) {
            insert.setLong(1, companyId);
            try (var rs = insert.executeQuery()) {
                rs.next();
                contactId = rs.getLong(1);
            }
        }
        String company = "crm/res_partner/" + companyId;
        String contact = "crm/res_partner/" + contactId;
        String companyPath = "/api/v1/records/crm/res_partner/" + companyId + "/profile";
        String contactPath = "/api/v1/records/crm/res_partner/" + contactId + "/profile";

        String companyProfile = awaitProfile(companyPath, p -> true).get("profileId").asText();
        JsonNode person = awaitProfile(contactPath, p -> relations(p).contains(
                "OUTGOING employee-of " + companyProfile + " COMPANY via " + contact + " -> " + company));
        assertThat(recordKeys(person)).as("the contact stays a person of her own").containsExactly(contact);
        assertThat(person.get("kind").asText()).isEqualTo("PERSON");
        assertThat(person.get("relations").get(0).get("displayName").asText()).isEqualTo("Relaciones Ibéricas SL");
        String personProfile = person.get("profileId").asText();
        assertThat(relations(json(getAsAdmin(companyPath)))).contains(
                "INCOMING employee-of " + personProfile + " PERSON via " + contact + " -> " + company);

        // The ERP knows the same company by its tax id: the company profiles merge, and the relation points at the
        // merged profile, whatever id it keeps.
        try (Connection erp = RunningTessera.erp()) {
            erp.createStatement().executeUpdate("""
                    INSERT INTO `tabCustomer` (name, creation, modified, customer_name, customer_type, customer_group,
                                               territory, tax_id)
                    VALUES ('CUST-REL-00001', NOW(6), NOW(6), 'RELACIONES IBERICAS S.L.', 'Company', 'Commercial',
                            'Spain', 'B12345674')""");
        }
        JsonNode merged = awaitProfile(companyPath, p -> recordKeys(p).size() == 2);
        assertThat(recordKeys(merged)).containsExactly(company, "erp/tabCustomer/CUST-REL-00001");
        String mergedProfile = merged.get("profileId").asText();
        awaitProfile(contactPath, p -> relations(p).contains(
                "OUTGOING employee-of " + mergedProfile + " COMPANY via " + contact + " -> " + company));

        // She leaves the company in the CRM: the relation is gone on both sides.
        try (Connection crm = RunningTessera.crm()) {
            crm.createStatement().executeUpdate("UPDATE res_partner SET parent_id = NULL, "
                    + "commercial_company_name = NULL, write_date = now() WHERE id = " + contactId);
        }
        awaitProfile(contactPath, p -> p.get("relations").isEmpty());
        awaitProfile(companyPath, p -> p.get("relations").isEmpty());
    }

    /** Each relation as {@code DIRECTION type profile kind via from -> to}, one line per record pair. */
    private static List<String> relations(JsonNode profile) {
        List<String> lines = new ArrayList<>();
        for (JsonNode relation : profile.get("relations")) {
            for (JsonNode via : relation.get("via")) {
                lines.add(relation.get("direction").asText() + " " + relation.get("type").asText() + " "
                        + relation.get("profileId").asText() + " " + relation.get("kind").asText() + " via "
                        + key(via.get("from")) + " -> " + key(via.get("to")));
            }
        }
        return lines;
    }

    private static String key(JsonNode key) {
        return key.get("source").asText() + "/" + key.get("table").asText() + "/" + key.get("pk").asText();
    }
}
