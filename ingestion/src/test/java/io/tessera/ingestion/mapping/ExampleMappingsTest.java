package io.tessera.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.TableMapping;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped example files of {@code examples/}: they load, the CSV mappings map each table as the captured source
 * definitions do, and {@link CsvRows} reads small exports with them. ExampleSourcesTest captures the source
 * definitions from real databases.
 */
class ExampleMappingsTest {

    private static final Path EXAMPLES = Path.of("../examples");
    private static final SourceCatalogLoader LOADER = SourceCatalogLoader.withVariables(Map.of());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void everyExampleFileLoadsWithItsDefaults() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("sources"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".yaml")).map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("erpnext.yaml", "odoo.yaml", "webshop.yaml");
        }
        for (String dir : List.of("sources", "mappings")) {
            try (Stream<Path> files = Files.list(EXAMPLES.resolve(dir))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    assertThat(LOADER.load(file).names()).as(file.toString()).isNotEmpty();
                }
            }
        }
    }

    @Test
    void theCsvMappingsMapEachTableAsTheCapturedSourceDefinitions() {
        for (String name : List.of("erpnext", "webshop")) {
            SourceDefinition captured = LOADER.load(EXAMPLES.resolve("sources/" + name + ".yaml")).require(name);
            SourceDefinition csv = LOADER.load(EXAMPLES.resolve("mappings/" + name + ".yaml")).require(name);

            assertThat(csv.tables()).extracting(TableMapping::table)
                    .containsExactlyElementsOf(captured.tables().stream().map(TableMapping::table).toList());
            for (TableMapping table : captured.tables()) {
                TableMapping file = csv.csvTable(table.table()).orElseThrow();
                assertThat(file).as(name + " " + table.table())
                        .usingRecursiveComparison().ignoringFields("qualifier").isEqualTo(table);
            }
        }
    }

    @Test
    void anErpNextExportRelatesContactsAndAddressesThroughDynamicLinkAndMapsAnAddressAsAPerson() throws IOException {
        SourceDefinition erpnext = LOADER.load(EXAMPLES.resolve("mappings/erpnext.yaml")).require("erpnext");
        CsvRows.Mapped customers = map(erpnext, "tabCustomer", """
                name,customer_name,customer_type,customer_group,territory,customer_primary_contact,mobile_no,email_id,customer_primary_address,primary_address,tax_id
                CUST-2026-00001,Acme Ibérica SL,Company,Commercial,Spain,Ana García-Acme Ibérica SL,+34 600 000 002,ana@acme.example,Acme Ibérica SL-Billing,,ESB12345678
                CUST-2026-00002,Luis Pérez,Individual,Individual,All Territories,Luis Pérez,+34 654 000 003,luis@example.org,,,
                """);
        CsvRows.Mapped addresses = map(erpnext, "tabAddress", """
                name,address_title,address_type,address_line1,address_line2,city,county,state,country,pincode,email_id,phone
                Acme Ibérica SL-Billing,Acme Ibérica SL,Billing,Calle Mayor 1,Planta 2,Madrid,,Madrid,Spain,28013,billing@acme.example,+34 911 000 001
                """);
        // As `mariadb --batch` exports it, converted to CSV: a supplier link, and a row of another parent doctype.
        CsvRows.Mapped links = map(erpnext, "tabDynamic Link", """
                name,creation,modified,modified_by,owner,docstatus,idx,parent,parentfield,parenttype,link_doctype,link_name,link_title
                8d1e0f2a3b,2026-03-01 10:00:00,2026-03-01 10:00:00,Administrator,Administrator,0,1,Ana García-Acme Ibérica SL,links,Contact,Customer,CUST-2026-00001,Acme Ibérica SL
                9c2f1e3b4a,2026-03-01 10:00:00,2026-03-01 10:00:00,Administrator,Administrator,0,1,Acme Ibérica SL-Billing,links,Address,Customer,CUST-2026-00001,Acme Ibérica SL
                0a3b2c4d5e,2026-03-01 10:00:00,2026-03-01 10:00:00,Administrator,Administrator,0,2,Ana García-Acme Ibérica SL,links,Contact,Supplier,SUP-0001,Papelería Sol
                1b4c3d5e6f,2026-03-01 10:00:00,2026-03-01 10:00:00,Administrator,Administrator,0,1,ACC-0001,links,Bank Account,Customer,CUST-2026-00001,Acme Ibérica SL
                """);

        assertThat(customers.rejected()).isEmpty();
        SourceRecord acme = customers.records().get(0);
        assertThat(acme.kind()).isEqualTo(EntityKind.COMPANY);
        assertThat(acme.attributes().address().country()).isEqualTo("ES");
        assertThat(acme.relations()).as("customer_primary_* are among the links: not mapped twice").isEmpty();
        SourceRecord luis = customers.records().get(1);
        assertThat(luis.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(luis.attributes().address()).isEqualTo(Address.EMPTY);
        assertThat(addresses.records()).singleElement().satisfies(address -> {
            assertThat(address.kind()).isEqualTo(EntityKind.PERSON);
            assertThat(address.attributes().address())
                    .isEqualTo(new Address("Calle Mayor 1, Planta 2", "28013", "Madrid", "Madrid", "Spain"));
        });

        RecordKey acmeKey = new RecordKey("erpnext", "tabCustomer", "CUST-2026-00001");
        assertThat(links.rejected()).isEmpty();
        assertThat(links.records()).extracting(SourceRecord::relations).containsExactly(
                List.of(new Relation("contact-of", acmeKey, true),
                        new Relation("link-of", new RecordKey("erpnext", "tabContact", "Ana García-Acme Ibérica SL"), true)),
                List.of(new Relation("address-of", acmeKey, true),
                        new Relation("link-of", new RecordKey("erpnext", "tabAddress", "Acme Ibérica SL-Billing"), true)));
        assertThat(links.records()).allSatisfy(link -> {
            assertThat(link.key().table()).isEqualTo("tabDynamic Link");
            assertThat(link.kind()).as("the kind of contacts and addresses").isEqualTo(EntityKind.PERSON);
            assertThat(link.attributes()).isEqualTo(io.tessera.contracts.Attributes.NONE);
        });
        assertThat(links.ignored()).as("links to doctypes the mapping does not list are counted, not dead letters")
                .isEqualTo(Map.of(
                        "erpnext/tabDynamic Link: no relation: column 'link_doctype' (link.to) names no table the map lists", 1,
                        "erpnext/tabDynamic Link: no relation: column 'parenttype' (link.from) names no table the map lists", 1));
        assertThat(links.ignoredRows()).isEqualTo(2);
    }

    @Test
    void aWebShopExportGivesOnePersonPerOrder() throws IOException {
        SourceDefinition webshop = LOADER.load(EXAMPLES.resolve("mappings/webshop.yaml")).require("webshop");
        CsvRows.Mapped orders = map(webshop, "orders", """
                id,status,currency,total,customer_id,billing_email,billing_first_name,billing_last_name,billing_company,billing_phone,billing_address_1,billing_address_2,billing_city,billing_state,billing_postcode,billing_country,shipping_first_name,shipping_last_name,created_at
                1001,completed,EUR,59.90,,luis@example.org,Luis,Pérez,,+34 654 000 003,Calle Sol 5,,Sevilla,SE,41001,ES,Luis,Pérez,2026-03-01 10:00:00+00
                1002,processing,EUR,1240.00,17,ana@acme.example,Ana,García,Acme Ibérica SL,+34 600 000 002,Calle Mayor 1,Planta 2,Madrid,M,28013,ES,Pedro,Gil,2026-03-02 11:30:00+00
                """);

        assertThat(orders.rejected()).isEmpty();
        assertThat(orders.records()).extracting(r -> r.key().pk()).containsExactly("1001", "1002");
        assertThat(orders.records()).extracting(SourceRecord::kind).containsOnly(EntityKind.PERSON);
        SourceRecord ana = orders.records().get(1);
        assertThat(ana.attributes().fullName()).as("the buyer, not the recipient").isEqualTo("Ana García");
        assertThat(ana.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(ana.attributes().emails()).containsExactly("ana@acme.example");
        assertThat(ana.attributes().address())
                .isEqualTo(new Address("Calle Mayor 1, Planta 2", "28013", "Madrid", "M", "ES"));
        assertThat(orders.records()).extracting(SourceRecord::facts).containsExactly(
                Map.of("order-total", "59.90", "currency", "EUR"), Map.of("order-total", "1240.00", "currency", "EUR"));
    }

    @Test
    void aDemoCrmExportGivesEmailConsentFromOptOutAsPsqlWritesIt() throws IOException {
        SourceDefinition crm = LOADER.load(EXAMPLES.resolve("mappings/demo-crm-erp.yaml")).require("crm");
        CsvRows.Mapped partners = map(crm, "res_partner", """
                id,name,is_company,commercial_company_name,company_name,email,phone,mobile,vat,street,street2,zip,city,country_id,parent_id,opt_out
                1,Acme Ibérica SL,t,Acme Ibérica SL,,info@acme.example,+34 911 000 001,,ESB12345678,Calle Mayor 1,,28013,Madrid,1,,f
                2,Ana García,f,Acme Ibérica SL,,ana@acme.example,,+351 912 000 002,,,,,,2,1,t
                3,Luis Pérez,f,,,luis@example.org,+34 654 000 003,,,Calle Sol 5,,41001,Sevilla,1,,
                4,Marta Ruiz,f,,,marta@example.org,,,,,,,,1,,maybe
                """);

        assertThat(partners.records()).extracting(r -> r.key().pk()).containsExactly("1", "2", "3");
        assertThat(partners.records().get(0).consents()).as("not opted out: no statement, not consent given")
                .isEmpty();
        assertThat(partners.records().get(1).consents()).as("opted out")
                .containsExactly(new ConsentStatement(ConsentChannel.EMAIL, "marketing", false, null));
        assertThat(partners.records().get(2).consents()).as("an empty field is no statement").isEmpty();
        assertThat(partners.rejected()).singleElement().satisfies(letter -> {
            assertThat(letter.origin()).isEqualTo("crm/res_partner line 5");
            assertThat(letter.reason()).contains("column 'opt_out' (consent email/marketing) holds text that is not a "
                    + "yes/no value").doesNotContain("maybe");
        });
    }

    private static CsvRows.Mapped map(SourceDefinition source, String table, String csv) throws IOException {
        return CsvRows.map(source, source.csvTable(table).orElseThrow(), table, CsvRows.read(new StringReader(csv)), CLOCK);
    }
}
