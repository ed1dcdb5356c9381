package io.tessera.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.tessera.ingestion.source.SourceDefinition;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    private static final SourceCatalog CATALOG = SourceCatalogLoader.withVariables(Map.of()).parse("people.yaml", """
            sources:
              - name: people
                kind: csv
                tables:
                  - table: "*"
                    key: [rec_id]
                    entity: person
                    attributes:
                      given-name: given_name
                      family-name: surname
                      date-of-birth: date_of_birth
                      identifiers: {soc_sec_id: soc_sec_id}
                      address:
                        street: {columns: [street_number, address_1]}
                        city: suburb
            """);
    private static final SourceDefinition SOURCE = CATALOG.require("people");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static CsvRows.Mapped map(String csv) throws Exception {
        CsvRows.Table table = CsvRows.read(new StringReader(csv));
        return CsvRows.map(SOURCE, SOURCE.csvTable("dataset3").orElseThrow(), "dataset3", table, CLOCK);
    }

    @Test
    void febrlStyleHeaderAndValuesAreTrimmedAndMapped() throws Exception {
        CsvRows.Mapped mapped = map("""
                rec_id, given_name, surname, street_number, address_1, suburb, date_of_birth, soc_sec_id
                rec-1-org, mitchell, green, 7, wallaby place, cleveland, 19560409, 1804974
                rec-1-dup-0, , green, 7, wallaby place, , 19560409, 1804974
                """);

        assertThat(mapped.rows()).isEqualTo(2);
        assertThat(mapped.rejected()).isEmpty();
        SourceRecord first = mapped.records().get(0);
        assertThat(first.key()).isEqualTo(new RecordKey("people", "dataset3", "rec-1-org"));
        Attributes a = first.attributes();
        assertThat(a.givenName()).isEqualTo("mitchell");
        assertThat(a.dateOfBirth()).isEqualTo("19560409");
        assertThat(a.identifiers()).containsExactly(Map.entry("soc_sec_id", "1804974"));
        assertThat(a.address().street()).isEqualTo("7 wallaby place");
        assertThat(mapped.records().get(1).attributes().givenName()).as("an empty field is no value").isNull();
        assertThat(mapped.records().get(1).attributes().address().city()).isNull();
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
        CsvRows.Table table = CsvRows.read(new StringReader(
                "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n4,5,6\r\n"));

        assertThat(table.header()).containsExactly("a", "b", "c");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0).values()).containsExactly(Map.entry("a", "x, y"), Map.entry("b", "say \"hi\""),
                Map.entry("c", "two\nlines"));
        assertThat(table.rows().get(1).line()).as("the line a row starts on, after a quoted line break").isEqualTo(4);
    }

    @Test
    void badRowsAreDeadLettersCountedByReasonWithoutValues() throws Exception {
        CsvRows.Mapped mapped = map("""
                rec_id, given_name, surname, street_number, address_1, suburb, date_of_birth, soc_sec_id
                rec-1-org, mitchell, green, 7, wallaby place, cleveland, 19560409, 1804974
                , anna, smith, 1, main road, sydney, 19700101, 1111111
                rec-1-org, mitchell, green, 7, wallaby place, cleveland, 19560409, 1804974
                rec-2-org, too, many, fields, here, 1, 2, 3, 4
                rec-3-org, anna, smith, 1, main road, sydney, 19700101, 2222222
                """);

        assertThat(mapped.records()).extracting(r -> r.key().pk()).containsExactly("rec-1-org", "rec-3-org");
        assertThat(mapped.rejected()).hasSize(3);
        assertThat(mapped.reasons().values()).containsOnly(1);
        assertThat(String.join("\n", mapped.reasons().keySet()))
                .contains("key column 'rec_id' is null")
                .contains("repeats the key of line 2")
                .contains("a row has 9 fields, the header 8")
                .doesNotContain("mitchell").doesNotContain("anna");
        assertThat(mapped.rejected().get(1).origin()).isEqualTo("people/dataset3 line 4");
    }

    @Test
    void aMisspeltColumnRejectsTheRowNamingTheColumn() throws Exception {
        CsvRows.Mapped mapped = map("""
                rec_id, given, surname, street_number, address_1, suburb, date_of_birth, soc_sec_id
                rec-1-org, mitchell, green, 7, wallaby place, cleveland, 19560409, 1804974
                """);

        assertThat(mapped.records()).isEmpty();
        assertThat(mapped.reasons().keySet()).singleElement().asString()
                .contains("column 'given_name' (given-name) is not in the row");
    }

    @Test
    void aRowOfTheDemoExportGetsTheRelationOfItsParentId() throws Exception {
        // The shipped example mapping of the demo CRM exported as CSV (examples/mappings/demo-crm-erp.yaml).
        SourceDefinition crm = SourceCatalogLoader.withVariables(Map.of())
                .load(java.nio.file.Path.of("../examples/mappings/demo-crm-erp.yaml")).require("crm");
        CsvRows.Table table = CsvRows.read(new StringReader("""
                id,name,parent_id,is_company,commercial_company_name,company_name,email,phone,mobile,vat,street,street2,zip,city,country_id,opt_out
                1,Acme Ibérica SL,,t,Acme Ibérica SL,,info@acme.example,+34 911 000 001,,ESB12345678,Calle Mayor 1,,28013,Madrid,1,f
                2,Ana García,1,f,Acme Ibérica SL,,ana@acme.example,,+351 912 000 002,,,,,,2,f
                """));

        CsvRows.Mapped mapped = CsvRows.map(crm, crm.csvTable("res_partner").orElseThrow(), "res_partner", table, CLOCK);

        assertThat(mapped.rejected()).isEmpty();
        assertThat(mapped.records()).extracting(SourceRecord::relations).containsExactly(List.of(),
                List.of(new Relation("employee-of", new RecordKey("crm", "res_partner", "1"))));
    }

    @Test
    void aPatternEntryRelatesRowsToRowsOfTheSameFile() throws Exception {
        SourceDefinition files = SourceCatalogLoader.withVariables(Map.of()).parse("files.yaml", """
                sources:
                  - name: files
                    kind: csv
                    tables:
                      - table: "*"
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                        relations:
                          - {type: employee-of, column: employer}
                """).require("files");
        CsvRows.Table table = CsvRows.read(new StringReader("id,name,employer\nc-1,Acme,\np-2,Ana, c-1 \n"));

        CsvRows.Mapped mapped = CsvRows.map(files, files.csvTable("contacts").orElseThrow(), "contacts", table, CLOCK);

        assertThat(mapped.records()).extracting(SourceRecord::relations).containsExactly(List.of(),
                List.of(new Relation("employee-of", new RecordKey("files", "contacts", "c-1"))));
    }

    @Test
    void aSameEntityRelationOfACsvRowIsMarkedSameEntity() throws Exception {
        SourceDefinition erp = SourceCatalogLoader.withVariables(Map.of()).parse("erp.yaml", """
                sources:
                  - name: erp
                    kind: csv
                    tables:
                      - table: tabCustomer
                        key: [name]
                        entity: {column: customer_type, company-when: [Company], person-when: [Individual]}
                        attributes: {full-name: customer_name}
                        relations:
                          - {type: primary-contact, column: customer_primary_contact, table: tabContact, same-entity: true}
                          - {type: primary-address, column: customer_primary_address, table: tabAddress}
                      - {table: tabContact, key: [name], entity: person, attributes: {full-name: full_name}}
                      - {table: tabAddress, key: [name], entity: person, attributes: {full-name: address_title}}
                """).require("erp");
        CsvRows.Table table = CsvRows.read(new StringReader("""
                name,customer_name,customer_type,customer_primary_contact,customer_primary_address
                CUST-2026-00002,Luis Pérez,Individual,Luis Pérez,Luis Pérez-Billing
                CUST-2026-00003,Marta Ruiz,Individual,,
                """));

        CsvRows.Mapped mapped = CsvRows.map(erp, erp.csvTable("tabCustomer").orElseThrow(), "tabCustomer", table, CLOCK);

        assertThat(mapped.rejected()).isEmpty();
        assertThat(mapped.records()).extracting(SourceRecord::relations).containsExactly(List.of(
                        new Relation("primary-address", new RecordKey("erp", "tabAddress", "Luis Pérez-Billing"), false),
                        new Relation("primary-contact", new RecordKey("erp", "tabContact", "Luis Pérez"), true)),
                List.of());
    }

    @Test
    void tableNameIsTheFileNameWithoutExtension() {
        assertThat(CsvRows.tableName(java.nio.file.Path.of("/data/febrl/dataset3.csv"))).isEqualTo("dataset3");
        assertThat(CsvRows.tableName(java.nio.file.Path.of("tabCustomer"))).isEqualTo("tabCustomer");
    }
}
