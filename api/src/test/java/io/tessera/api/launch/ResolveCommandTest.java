package io.tessera.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.identity.eval.Evaluator;
import io.tessera.identity.eval.PartitionMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tessera resolve}: CSV files, a mapping and the batch core, as an analyst runs them. */
class ResolveCommandTest {

    private static final Path FEBRL_MAPPING = SharedDatasets.FEBRL_MAPPING;
    private static final Pattern FEBRL_ID = Pattern.compile("rec-(\\d+)-(org|dup-\\d+)");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }


    /**
     * FEBRL3 dedupe through the generic path (CSV, examples/mappings/febrl.yaml, canonical features and
     * configuration, EM on the records): no dataset-specific configuration and no labels in training.
     */
    @Test
    void febrl3ThroughTheGenericResolvePath(@TempDir Path dir) throws Exception {
        Path input = SharedDatasets.file("febrl/dataset3.csv");
        Path predicted = dir.resolve("predicted.csv");
        Path learned = dir.resolve("learned.json");

        // FEBRL corrupts birth dates wholesale, so the birth-date rule (another generation) is off for it.
        int code = run("resolve", "--mapping", FEBRL_MAPPING.toString(), "--out", predicted.toString(),
                "--save-params", learned.toString(), "--max-birth-years-apart", "0", input.toString());

        assertThat(code).as(errors()).isZero();
        Map<String, List<String>> profiles = new LinkedHashMap<>();
        Map<String, String> truth = new HashMap<>();
        List<String> lines = Files.readAllLines(predicted);
        assertThat(lines.get(0)).isEqualTo("source,source_table,source_pk,profile_id");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[0]).isEqualTo("febrl");
            assertThat(f[1]).isEqualTo("dataset3");
            profiles.computeIfAbsent(f[3], k -> new ArrayList<>()).add(f[2]);
            Matcher m = FEBRL_ID.matcher(f[2]);
            assertThat(m.matches()).isTrue();
            truth.put(f[2], m.group(1));
        }
        PartitionMetrics metrics = Evaluator.evaluate(profiles.values(), truth);
        System.out.printf(Locale.ROOT, "FEBRL3 via bin/tessera resolve (generic config): pairwise P %.4f R %.4f"
                + " F1 %.4f; B-cubed F1 %.4f; %d profiles%n", metrics.pairPrecision(), metrics.pairRecall(),
                metrics.pairF1(), metrics.bcubedF1(), profiles.size());

        assertThat(truth).hasSize(5000);
        assertThat(metrics.pairF1()).isGreaterThanOrEqualTo(0.99);
        assertThat(errors()).contains("5,000 records, 0 rejected").contains("Time:");
        assertThat(Files.readString(learned)).contains("\"version\"");

        // The saved parameters reproduce the partition without training.
        Path again = dir.resolve("again.csv");
        assertThat(run("resolve", "--mapping", FEBRL_MAPPING.toString(), "--out", again.toString(),
                "--params", learned.toString(), "--max-birth-years-apart", "0", input.toString())).isZero();
        assertThat(Files.readAllLines(again)).isEqualTo(lines);
    }

    @Test
    void anInputWithoutATableEntryNamesTheFileAndTheMappedTables(@TempDir Path dir) throws Exception {
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, """
                sources:
                  - name: shop
                    kind: csv
                    tables:
                      - table: customers
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                """);
        Path input = dir.resolve("orders.csv");
        Files.writeString(input, "id,name\n1,Ana\n");

        assertThat(run("resolve", "--mapping", mapping.toString(), "--out", dir.resolve("p.csv").toString(),
                input.toString())).isEqualTo(2);
        assertThat(errors()).contains(input.toString()).contains("table 'orders'").contains("shop/customers");
    }

    @Test
    void anInvalidMappingShowsItsOwnMessageWithFileAndLine(@TempDir Path dir) throws Exception {
        Path mapping = dir.resolve("bad.yaml");
        Files.writeString(mapping, """
                sources:
                  - name: shop
                    kind: csv
                    tables:
                      - table: customers
                        key: [id]
                        entity: person
                        attributes: {fullname: name}
                """);
        Path input = dir.resolve("customers.csv");
        Files.writeString(input, "id,name\n1,Ana\n");

        assertThat(run("resolve", "--mapping", mapping.toString(), "--out", dir.resolve("p.csv").toString(),
                input.toString())).isEqualTo(2);
        assertThat(errors()).contains(mapping + ":8:").contains("unknown attribute 'fullname'")
                .doesNotContain("Exception");
    }

    @Test
    void rejectedRowsAreCountedWithTheirReasonAndKeptOutOfTheOutput(@TempDir Path dir) throws Exception {
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, """
                sources:
                  - name: shop
                    kind: csv
                    tables:
                      - table: "*"
                        key: [id]
                        entity: person
                        attributes: {full-name: name, emails: [email]}
                """);
        Path input = dir.resolve("customers.csv");
        Files.writeString(input, "id,name,email\n1,Ana Garcia,ana@correo.es\n,Luis Gil,luis@correo.es\n"
                + "3,\"Garcia, Ana\",ana@correo.es\n");
        Path predicted = dir.resolve("p.csv");

        assertThat(run("resolve", "--mapping", mapping.toString(), "--out", predicted.toString(), input.toString()))
                .as(errors()).isZero();
        assertThat(errors()).contains("3 rows from 1 file(s): 2 records, 1 rejected")
                .contains("rejected 1: shop/customers: key column 'id' is null").doesNotContain("Luis");
        List<String> rows = Files.readAllLines(predicted);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).split(",")[3]).as("a shared email links them").isEqualTo(rows.get(2).split(",")[3]);
    }

    @Test
    void relationsAreWrittenWithTheProfileAtEachEnd(@TempDir Path dir) throws Exception {
        // CSV exports of the demo CRM and ERP, as the example mapping reads them: an Odoo contact of a company, and
        // the same company in the ERP by its tax id.
        Path partners = dir.resolve("res_partner.csv");
        Files.writeString(partners, """
                id,name,is_company,parent_id,vat,email,phone,mobile,street,street2,zip,city,country_id,commercial_company_name,company_name,opt_out
                3,Relaciones Ibéricas SL,t,,ESB12345674,info@rel-ibericas.es,,,,,,Madrid,1,Relaciones Ibéricas SL,,f
                12,Lucía Prieto Sanz,f,3,,lucia@rel-ibericas.es,+34 622 10 20 30,,,,,Madrid,1,Relaciones Ibéricas SL,,t
                14,Pedro Gil,f,,,pedro.gil@correo.es,,,,,,Madrid,1,,,
                """);
        Path customers = dir.resolve("tabCustomer.csv");
        Files.writeString(customers, """
                name,customer_name,customer_type,email_id,mobile_no,tax_id,territory,customer_primary_contact
                CUST-0009,RELACIONES IBERICAS S.L.,Company,,,B12345674,Spain,
                """);
        Path predicted = dir.resolve("predicted.csv");
        Path relations = dir.resolve("relations.csv");

        assertThat(run("resolve", "--mapping", "../examples/mappings/demo-crm-erp.yaml", "--out",
                predicted.toString(), "--relations-out", relations.toString(), partners.toString(),
                customers.toString())).isZero();

        Map<String, String> profiles = new java.util.HashMap<>();
        Files.readAllLines(predicted).stream().skip(1).map(line -> line.split(","))
                .forEach(f -> profiles.put(f[0] + "/" + f[1] + "/" + f[2], f[3]));
        String company = profiles.get("crm/res_partner/3");
        assertThat(profiles.get("erp/tabCustomer/CUST-0009")).as("the company is one profile").isEqualTo(company);
        assertThat(profiles.get("crm/res_partner/12")).as("her own profile").isNotEqualTo(company);
        assertThat(Files.readAllLines(relations)).containsExactly(
                "source,source_table,source_pk,profile_id,relation,target_source,target_table,target_pk,"
                        + "target_profile_id",
                "crm,res_partner,12," + profiles.get("crm/res_partner/12") + ",employee-of,crm,res_partner,3,"
                        + company);
        assertThat(errors()).contains("Wrote 1 relations -> " + relations);
    }

    @Test
    void erpNextContactsAndAddressesAreRelatedToTheirCustomersThroughTheDynamicLinkExport(@TempDir Path dir)
            throws Exception {
        // CSV exports of an ERPNext site as examples/mappings/erpnext.yaml reads them. No customer names its contact
        // or address (customer_primary_* empty): only "tabDynamic Link.csv" relates them.
        Path customers = dir.resolve("tabCustomer.csv");
        Files.writeString(customers, """
                name,customer_name,customer_type,customer_group,territory,customer_primary_contact,mobile_no,email_id,customer_primary_address,tax_id
                CUST-2026-00001,Acme Ibérica SL,Company,Commercial,Spain,,,info@acme.example,,ESB12345678
                CUST-2026-00002,Luis Pérez,Individual,Individual,Spain,,+34 654 000 003,luis@example.org,,
                CUST-2026-00003,Marta Ruiz,Individual,Individual,Spain,,+34 611 000 004,marta@ruizdiseno.example,,
                """);
        Path contacts = dir.resolve("tabContact.csv");
        Files.writeString(contacts, """
                name,first_name,last_name,full_name,email_id,phone,mobile_no,company_name
                Ana García-Acme Ibérica SL,Ana,García,Ana García,ana@acme.example,,+34 600 000 002,Acme Ibérica SL
                """);
        Path addresses = dir.resolve("tabAddress.csv");
        Files.writeString(addresses, """
                name,address_title,address_type,address_line1,address_line2,city,state,country,pincode,email_id,phone
                Luis Pérez-Personal,Luis Pérez,Personal,Calle Sol 5,,Sevilla,Andalucía,Spain,41001,,
                """);
        Path links = dir.resolve("tabDynamic Link.csv");
        Files.writeString(links, """
                name,parent,parentfield,parenttype,link_doctype,link_name,link_title
                5c6d7e8f90,Ana García-Acme Ibérica SL,links,Contact,Customer,CUST-2026-00001,Acme Ibérica SL
                6d7e8f90a1,Luis Pérez-Personal,links,Address,Customer,CUST-2026-00002,Luis Pérez
                7e8f90a1b2,Ana García-Acme Ibérica SL,links,Contact,Supplier,SUP-0001,Papelería Sol
                """);
        Path predicted = dir.resolve("predicted.csv");
        Path relations = dir.resolve("relations.csv");

        assertThat(run("resolve", "--mapping", "../examples/mappings/erpnext.yaml", "--out", predicted.toString(),
                "--relations-out", relations.toString(), customers.toString(), contacts.toString(),
                addresses.toString(), links.toString())).as(errors()).isZero();

        Map<String, String> profiles = new HashMap<>();
        Files.readAllLines(predicted).stream().skip(1).map(line -> line.split(","))
                .forEach(f -> profiles.put(f[1] + "/" + f[2], f[3]));
        String acme = profiles.get("tabCustomer/CUST-2026-00001");
        String ana = profiles.get("tabContact/Ana García-Acme Ibérica SL");
        String luis = profiles.get("tabCustomer/CUST-2026-00002");
        assertThat(ana).as("Ana works for Acme: a person of her own").isNotEqualTo(acme);
        assertThat(profiles.get("tabDynamic Link/5c6d7e8f90")).as("her link is in her profile").isEqualTo(ana);
        assertThat(profiles.get("tabAddress/Luis Pérez-Personal")).as("Luis's address is Luis").isEqualTo(luis);
        assertThat(profiles.get("tabDynamic Link/7e8f90a1b2")).as("the supplier link is no record").isNull();
        assertThat(Files.readAllLines(relations)).contains(
                "erpnext,tabDynamic Link,5c6d7e8f90," + ana + ",contact-of,erpnext,tabCustomer,CUST-2026-00001,"
                        + acme,
                "erpnext,tabDynamic Link,6d7e8f90a1," + luis + ",address-of,erpnext,tabCustomer,CUST-2026-00002,"
                        + luis);
        assertThat(errors()).contains("tabDynamic Link.csv: 3 rows, 2 records, 0 rejected, 1 ignored")
                .contains("ignored 1: erpnext/tabDynamic Link: no relation: column 'link_doctype' (link.to) names no "
                        + "table the map lists");

        // Without the link export, nothing says the address is Luis's.
        Path unlinked = dir.resolve("unlinked.csv");
        assertThat(run("resolve", "--mapping", "../examples/mappings/erpnext.yaml", "--out", unlinked.toString(),
                customers.toString(), contacts.toString(), addresses.toString())).isZero();
        Map<String, String> alone = new HashMap<>();
        Files.readAllLines(unlinked).stream().skip(1).map(line -> line.split(","))
                .forEach(f -> alone.put(f[1] + "/" + f[2], f[3]));
        assertThat(alone.get("tabAddress/Luis Pérez-Personal")).isNotEqualTo(alone.get("tabCustomer/CUST-2026-00002"));
    }

    @Test
    void everyExampleMappingLoads() throws Exception {
        try (var files = Files.list(Path.of("../examples/mappings"))) {
            List<Path> mappings = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(mappings).hasSizeGreaterThanOrEqualTo(4);
            for (Path mapping : mappings) {
                var catalog = io.tessera.ingestion.source.SourceCatalogLoader.withVariables(Map.of()).load(mapping);
                assertThat(catalog.captured()).as(mapping.toString()).isEmpty();
            }
        }
    }

    @Test
    void missingArgumentsShowTheUsage() {
        assertThat(run("resolve", "--mapping", "m.yaml")).isEqualTo(2);
        assertThat(errors()).contains("bin/tessera resolve --mapping M.yaml --out predicted.csv");
    }
}
