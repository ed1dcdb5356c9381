package io.tessera.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.EntityKind;
import io.tessera.ingestion.source.InvalidMappingException.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceCatalogLoaderTest {

    private static final SourceCatalogLoader LOADER = SourceCatalogLoader.withVariables(Map.of());

    private static final String VALID = """
            sources:
              - name: crm
                kind: postgres
                connection: {host: localhost, port: 5432, database: crm, user: tessera}
                tables:
                  - table: public.res_partner
                    key: [id]
                    entity: person
                    attributes:
                      full-name: name
            """;

    @Test
    void theDemoMappingLoadsWithDefaultsAndEnvironmentOverrides() {
        SourceCatalog demo = SourceCatalogLoader.withVariables(Map.of("CRM_DB_PORT", "25432", "ERP_DB_PASSWORD", "s3cret"))
                .loadResource("mappings/demo.yaml");

        assertThat(demo.names()).containsExactly("crm", "erp");
        SourceDefinition crm = demo.require("crm");
        assertThat(crm.kind()).isEqualTo(SourceKind.POSTGRES);
        assertThat(crm.connection().port()).isEqualTo(25432);
        assertThat(crm.connection().passwordVariable()).isEqualTo("CRM_DB_PASSWORD");
        assertThat(crm.capture().slot()).isEqualTo("tessera_crm");
        assertThat(crm.tables()).extracting(TableMapping::qualifiedName).containsExactly("public.res_partner");
        assertThat(crm.tables().get(0).relations())
                .containsExactly(new RelationMapping("employee-of", "parent_id", "crm", "res_partner"));
        assertThat(crm.tables().get(0).consents()).as("Odoo's opt_out")
                .containsExactly(new ConsentMapping(ConsentChannel.EMAIL, "marketing", "opt_out",
                        ConsentMapping.Meaning.OPT_OUT, null));
        assertThat(crm.tables().get(0).entity()).isInstanceOfSatisfying(EntityRule.ByColumn.class, rule -> {
            assertThat(rule.companyWhen()).containsExactly("true");
            assertThat(rule.otherwise()).isEqualTo(EntityKind.PERSON);
        });
        SourceDefinition erp = demo.require("erp");
        assertThat(erp.kind()).isEqualTo(SourceKind.MARIADB);
        assertThat(erp.connection().port()).isEqualTo(13306);
        assertThat(erp.connection().password()).isEqualTo("s3cret");
        assertThat(erp.capture().serverId()).isEqualTo(5401);
        assertThat(erp.tables()).extracting(TableMapping::qualifiedName)
                .containsExactly("erp.tabCustomer", "erp.tabContact", "erp.tabDynamic Link");
        assertThat(erp.tables().get(1).entity()).isEqualTo(new EntityRule.Fixed(EntityKind.PERSON));
        assertThat(erp.tables().get(0).relations()).as("contacts belong to customers through tabDynamic Link")
                .isEmpty();
        assertThat(erp.tables().get(1).relations()).isEmpty();
        assertThat(erp.tables().get(2).link()).as("a contact's link to its customer").isNotNull();
    }

    /** VALID with facts (lines 11-13) and consents (items at lines 15 and 18). */
    private static final String CONSENTING = VALID + """
                    facts:
                      order-total: total
                      currency: currency
                    consents:
                      - channel: email
                        column: opt_out
                        meaning: opt-out
                      - channel: sms
                        purpose: service-updates
                        column: sms_ok
                        at: sms_ok_at
            """;

    @Test
    void factsAndConsentsAreReadWithTheirDefaults() {
        TableMapping table = LOADER.parse("crm.yaml", CONSENTING).require("crm").tables().get(0);

        assertThat(table.facts()).containsExactly(Map.entry("order-total", "total"), Map.entry("currency", "currency"));
        assertThat(table.consents()).containsExactly(
                new ConsentMapping(ConsentChannel.EMAIL, "marketing", "opt_out", ConsentMapping.Meaning.OPT_OUT, null),
                new ConsentMapping(ConsentChannel.SMS, "service-updates", "sms_ok", ConsentMapping.Meaning.OPT_IN,
                        "sms_ok_at"));
        TableMapping plain = LOADER.parse("crm.yaml", VALID).require("crm").tables().get(0);
        assertThat(plain.facts()).isEmpty();
        assertThat(plain.consents()).isEmpty();
    }

    @Test
    void anUnknownChannelIsReportedWithFileLineKeyAndTheChannels() {
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("channel: email", "channel: mail")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("crm.yaml:15:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].consents[0].channel")
                .hasMessageContaining("unknown channel 'mail'; use one of: email, sms, whatsapp, phone, post")
                .hasMessageContaining("did you mean 'email'?")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(15));
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("          - channel: email\n", "          -\n")))
                .hasMessageContaining("crm.yaml:")
                .hasMessageContaining("consents[0].channel")
                .hasMessageContaining("missing required key 'channel'");
    }

    @Test
    void aChannelAndPurposeMappedTwiceInATableIsReportedWithBothLines() {
        String twice = CONSENTING.replace("channel: sms\n            purpose: service-updates",
                "channel: email\n            purpose: marketing");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", twice))
                .hasMessageContaining("crm.yaml:18:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].consents[1]")
                .hasMessageContaining("the email consent for purpose marketing is mapped twice in this table (also at "
                        + "line 15)")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(18));
        assertThat(LOADER.parse("crm.yaml", CONSENTING.replace("channel: sms", "channel: email"))
                .require("crm").tables().get(0).consents()).as("another purpose of the same channel")
                .extracting(ConsentMapping::purpose).containsExactly("marketing", "service-updates");
    }

    @Test
    void anUnknownMeaningABadPurposeAndAnUnknownKeyAreReported() {
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("meaning: opt-out", "meaning: optout")))
                .hasMessageContaining("crm.yaml:17:")
                .hasMessageContaining("consents[0].meaning: unknown meaning 'optout'; use opt-in (true means consent "
                        + "given) or opt-out (true means consent withdrawn) (did you mean 'opt-out'?)");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("purpose: service-updates",
                "purpose: Service Updates")))
                .hasMessageContaining("crm.yaml:19:")
                .hasMessageContaining("consents[1].purpose: 'Service Updates' is not a valid purpose; use lower-case "
                        + "words joined by hyphens");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("at: sms_ok_at", "when: sms_ok_at")))
                .hasMessageContaining("crm.yaml:21:")
                .hasMessageContaining("consents[1].when: unknown key 'when'; allowed here: at, channel, column, "
                        + "meaning, purpose");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("            column: sms_ok\n", "")))
                .hasMessageContaining("consents[1].column: missing required key 'column'");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("column: opt_out", "column: [opt_out]")))
                .hasMessageContaining("crm.yaml:16:")
                .hasMessageContaining("consents[0].column: expected one column name, found a list");
    }

    @Test
    void aBadFactNameOrAFactThatIsNotOneColumnIsReportedWithLineAndTheRule() {
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("order-total: total", "Order_Total: total")))
                .hasMessageContaining("crm.yaml:12:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].facts.Order_Total: 'Order_Total' is not "
                        + "a valid fact name; use lower-case words joined by hyphens")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(12));
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("order-total: total",
                "order-total: {column: total, type: number}")))
                .hasMessageContaining("crm.yaml:12:")
                .hasMessageContaining("facts.order-total: expected one column name, found a mapping");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", CONSENTING.replace("currency: currency", "currency: \"\"")))
                .hasMessageContaining("facts.currency: the column name is empty");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", VALID + "        facts: total\n"))
                .hasMessageContaining("crm.yaml:11:")
                .hasMessageContaining("facts: expected a mapping (key: value lines) for fact name: column pairs");
    }

    /** VALID with a relation; line 13 is the relation item, 14 its column, 15 its table, 16 its source. */
    private static final String RELATED = VALID + """
                    relations:
                      # An Odoo contact of a company points at it with parent_id.
                      - type: employee-of
                        column: parent_id
                        table: res_partner     # the target table as in record keys (no schema)
                        source: crm
            """;

    @Test
    void aRelationNamesItsTypeColumnTargetTableAndSource() {
        SourceCatalog catalog = LOADER.parse("crm.yaml", RELATED);

        assertThat(catalog.require("crm").tables().get(0).relations())
                .containsExactly(new RelationMapping("employee-of", "parent_id", "crm", "res_partner"));
    }

    @Test
    void aRelationDefaultsToTheSameTableAndSourceAndATableMayHaveSeveral() {
        SourceCatalog catalog = LOADER.parse("crm.yaml", VALID + """
                        relations:
                          - {type: employee-of, column: parent_id}
                          - {type: customer-of, column: customer_id, table: tabCustomer, source: erp}
                  - name: erp
                    kind: mariadb
                    connection: {host: localhost, port: 3306, database: erp, user: tessera}
                    tables:
                      - {table: tabCustomer, key: name, entity: company, attributes: {full-name: customer_name}}
                """);

        assertThat(catalog.require("crm").tables().get(0).relations()).containsExactly(
                new RelationMapping("employee-of", "parent_id", "crm", "res_partner"),
                new RelationMapping("customer-of", "customer_id", "erp", "tabCustomer"));
    }

    @Test
    void aRelationMarkedSameEntityKeepsTheMarkAndOthersAreNotSameEntity() {
        SourceCatalog catalog = LOADER.parse("erp.yaml", """
                sources:
                  - name: erp
                    kind: mariadb
                    connection: {host: localhost, port: 3306, database: erp, user: tessera}
                    tables:
                      - table: tabCustomer
                        key: [name]
                        entity: {column: customer_type, company-when: [Company], person-when: [Individual]}
                        attributes: {full-name: customer_name}
                        relations:
                          - {type: primary-address, column: customer_primary_address, table: tabAddress, same-entity: true}
                          - {type: primary-contact, column: customer_primary_contact, table: tabContact, same-entity: false}
                          - {type: converted-from, column: lead_name, table: tabLead}
                      - {table: tabAddress, key: [name], entity: person, attributes: {full-name: address_title}}
                      - {table: tabContact, key: [name], entity: person, attributes: {full-name: full_name}}
                      - {table: tabLead, key: [name], entity: person, attributes: {full-name: lead_name}}
                """);

        assertThat(catalog.require("erp").tables().get(0).relations()).containsExactly(
                new RelationMapping("primary-address", "customer_primary_address", "erp", "tabAddress", true),
                new RelationMapping("primary-contact", "customer_primary_contact", "erp", "tabContact", false),
                new RelationMapping("converted-from", "lead_name", "erp", "tabLead", false));
    }

    @Test
    void sameEntityTakesTrueOrFalseOnlyAndAnythingElseIsReportedWithPathAndLine() {
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", RELATED.replace("source: crm", "source: crm\n            same-entity: yes")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("crm.yaml:17:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].relations[0].same-entity")
                .hasMessageContaining("'yes' is not a boolean; use true or false")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(17));
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", RELATED.replace("source: crm", "source: crm\n            same-entity: [true]")))
                .hasMessageContaining("crm.yaml:17:")
                .hasMessageContaining("relations[0].same-entity: expected a single value, found a list");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", RELATED.replace("source: crm", "source: crm\n            same-entity:")))
                .hasMessageContaining("relations[0].same-entity: the value is empty (null)");
        assertThat(LOADER.parse("crm.yaml", RELATED.replace("source: crm", "source: crm\n            same-entity: \"${SAME:true}\""))
                .require("crm").tables().get(0).relations().get(0).sameEntity())
                .as("variables resolve as in every value").isTrue();
    }

    @Test
    void aBadRelationTypeIsReportedWithPathLineAndTheRule() {
        String yaml = RELATED.replace("type: employee-of", "type: Employee_Of");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("crm.yaml:13:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].relations[0].type")
                .hasMessageContaining("'Employee_Of' is not a valid relation type")
                .hasMessageContaining("lower-case words joined by hyphens, such as employee-of")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(13));
    }

    @Test
    void aRelationToASourceThatTheFileDoesNotDefineIsReported() {
        String yaml = RELATED.replace("source: crm", "source: crn");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .hasMessageContaining("crm.yaml:16:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].relations[0].source")
                .hasMessageContaining("no source 'crn' in this file")
                .hasMessageContaining("did you mean 'crm'?")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(16));
    }

    @Test
    void aRelationToATableThatTheSourceDoesNotMapIsReportedWithTheMappedTables() {
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", RELATED.replace("table: res_partner ", "table: res_country ")))
                .hasMessageContaining("crm.yaml:15:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].relations[0].table")
                .hasMessageContaining("source 'crm' maps no table 'res_country'")
                .hasMessageContaining("without schema or database: res_partner");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", RELATED.replace("table: res_partner ", "table: public.res_partner ")))
                .hasMessageContaining("crm.yaml:15:")
                .hasMessageContaining("maps no table 'public.res_partner'")
                .hasMessageContaining("did you mean 'res_partner'?");
    }

    @Test
    void aRelationToATableWithASeveralColumnKeyIsReportedNamingTheTableAndItsKey() {
        String yaml = RELATED.replace("table: res_partner ", "table: res_partner_bank ") + """
                      - table: public.res_partner_bank
                        key: [partner_id, acc_number]
                        entity: person
                        attributes: {full-name: acc_holder_name}
                """;

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .hasMessageContaining("crm.yaml:15:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].relations[0].table")
                .hasMessageContaining("table public.res_partner_bank of source 'crm' has the key [partner_id, acc_number]")
                .hasMessageContaining("a relation column holds a one-column key")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(15));
    }

    @Test
    void anUnknownKeyOrAMissingColumnInARelationIsReported() {
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", RELATED.replace("source: crm", "target: crm")))
                .hasMessageContaining("crm.yaml:16:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].relations[0].target")
                .hasMessageContaining("unknown key 'target'; allowed here: column, same-entity, source, table, type");
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", RELATED.replace("            column: parent_id\n", "")))
                .hasMessageContaining("crm.yaml:13:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].relations[0].column")
                .hasMessageContaining("missing required key 'column'")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(13));
        assertThatThrownBy(() -> LOADER.parse("crm.yaml", VALID.replace("  full-name: name", "  full-name: name\n        relations: parent_id")))
                .hasMessageContaining("crm.yaml:11:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].relations")
                .hasMessageContaining("expected a list");
    }

    @Test
    void aCsvPatternEntryRelatesRowsOfTheSameFileAndMustNameATableElsewhere() {
        String files = """
                sources:
                  - name: files
                    kind: csv
                    tables:
                      - table: "*"
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                        relations:
                          - {type: employee-of, column: parent_id}
                """;
        SourceCatalog catalog = LOADER.parse("files.yaml", files);

        assertThat(catalog.require("files").tables().get(0).relations())
                .containsExactly(new RelationMapping("employee-of", "parent_id", "files", null));
        assertThat(LOADER.parse("files.yaml", files.replace("column: parent_id}", "column: parent_id, table: people}"))
                .require("files").tables().get(0).relations().get(0).targetTable())
                .as("a file name that the pattern matches").isEqualTo("people");
        assertThatThrownBy(() -> LOADER.parse("files.yaml", files.replace("column: parent_id}", "column: parent_id, table: \"p*\"}")))
                .hasMessageContaining("files.yaml:10:")
                .hasMessageContaining("sources[files].tables[*].relations[0].table")
                .hasMessageContaining("'p*' is a pattern; a relation points at one table");
    }

    @Test
    void anUnknownAttributeNameIsReportedWithFileLineKeyAndTheFix() {
        String yaml = VALID.replace("full-name: name", "fullname: name");

        assertThatThrownBy(() -> LOADER.parse("mappings/crm.yaml", yaml))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("mappings/crm.yaml:10:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].attributes.fullname")
                .hasMessageContaining("unknown attribute 'fullname'")
                .hasMessageContaining("did you mean 'full-name'?")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line, Problem::column).containsExactly(10, 11));
    }

    @Test
    void aMissingKeyIsReportedAtTheTableWithAnExample() {
        String yaml = VALID.replace("        key: [id]\n", "");

        assertThatThrownBy(() -> LOADER.parse("mappings/crm.yaml", yaml))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("mappings/crm.yaml:6:")
                .hasMessageContaining("sources[crm].tables[public.res_partner].key")
                .hasMessageContaining("missing required key 'key'")
                .hasMessageContaining("key: [id]");
    }

    @Test
    void aBadKindNamesTheValueTheKnownKindsAndTheNearestOne() {
        String yaml = VALID.replace("kind: postgres", "kind: postgresql");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("crm.yaml:3:11")
                .hasMessageContaining("sources[crm].kind")
                .hasMessageContaining("unknown kind 'postgresql'; use one of: postgres, mariadb")
                .hasMessageContaining("did you mean 'postgres'?");
    }

    @Test
    void aBadEntityKindIsReported() {
        String yaml = VALID.replace("entity: person", "entity: customer");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .hasMessageContaining("crm.yaml:8:")
                .hasMessageContaining("tables[public.res_partner].entity")
                .hasMessageContaining("unknown entity 'customer'; use person, company");
    }

    @Test
    void unknownKeysAnywhereAreReportedTogetherWithTheirLines() {
        String yaml = VALID
                .replace("{host: localhost,", "{hostname: localhost,")
                .replace("    key: [id]", "    key: [id]\n        primary: true")
                .replace("full-name: name", "full-name: {column: name, trimm: false}");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining("crm.yaml:4:")
                .hasMessageContaining("unknown key 'hostname'")
                .hasMessageContaining("did you mean 'host'?")
                .hasMessageContaining("missing required key 'host'")
                .hasMessageContaining("crm.yaml:8:")
                .hasMessageContaining("unknown key 'primary'")
                .hasMessageContaining("unknown key 'trimm'");
    }

    @Test
    void environmentVariablesResolveWithDefaultsAndAnUnsetOneWithoutDefaultIsReported() {
        // Inside {flow mappings} YAML needs the quotes; block style does not.
        String yaml = VALID.replace("port: 5432", "port: \"${CRM_PORT:5432}\"").replace("host: localhost", "host: \"${CRM_HOST}\"");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .hasMessageContaining("connection.host")
                .hasMessageContaining("environment variable CRM_HOST is not set and has no default");
        SourceCatalog resolved = SourceCatalogLoader.withVariables(Map.of("CRM_HOST", "db.internal")).parse("crm.yaml", yaml);
        assertThat(resolved.require("crm").connection().host()).isEqualTo("db.internal");
        assertThat(resolved.require("crm").connection().port()).isEqualTo(5432);
        assertThat(LOADER.parse("crm.yaml", VALID.replace("user: tessera", "user: \"a$${b}\"")).require("crm")
                .connection().user()).isEqualTo("a${b}");
    }

    @Test
    void valuesOfTheWrongShapeOrRangeAreReported() {
        String yaml = VALID
                .replace("port: 5432", "port: fifty")
                .replace("full-name: name", "full-name: {column: name, type: decimal, unmapped: drop}");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .hasMessageContaining("'fifty' is not a port number")
                .hasMessageContaining("unknown value 'decimal'; use any, text, number, integer or boolean")
                .hasMessageContaining("'unmapped' applies with 'map' only");
    }

    @Test
    void kindSpecificCaptureOptionsAndDuplicatesAreReported() {
        String yaml = VALID.replace("    tables:", "    capture: {server-id: 7}\n    tables:")
                + VALID.substring("sources:\n".length());

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .hasMessageContaining("'server-id' applies to mariadb sources only")
                .hasMessageContaining("source 'crm' is defined twice");
    }

    @Test
    void aPostgresSourceNamesItsHeartbeatTableAsSchemaDotTable() {
        String yaml = VALID.replace("    tables:", "    capture: {heartbeat-table: public.tessera_heartbeat}\n    tables:");

        assertThat(LOADER.parse("crm.yaml", yaml).require("crm").capture().heartbeatTable())
                .isEqualTo("public.tessera_heartbeat");
        assertThat(LOADER.parse("crm.yaml", VALID).require("crm").capture().heartbeatTable()).isNull();
        assertThatThrownBy(() -> LOADER.parse("crm.yaml",
                VALID.replace("    tables:", "    capture: {heartbeat-table: Heartbeat}\n    tables:")))
                .hasMessageContaining("sources[crm].capture.heartbeat-table")
                .hasMessageContaining("'Heartbeat' is not a table as schema.table in lower case");
        String mariadb = VALID.replace("kind: postgres", "kind: mariadb")
                .replace("    tables:", "    capture: {heartbeat-table: erp.heartbeat}\n    tables:");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", mariadb))
                .hasMessageContaining("'heartbeat-table' applies to postgres sources only");
    }

    @Test
    void anEntityRuleByColumnNeedsAValueList() {
        String yaml = VALID.replace("entity: person", "entity: {column: is_company}");

        assertThatThrownBy(() -> LOADER.parse("crm.yaml", yaml))
                .hasMessageContaining("tables[public.res_partner].entity")
                .hasMessageContaining("missing required key 'company-when' or 'person-when'");
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysNameTheLine() {
        assertThatThrownBy(() -> LOADER.parse("broken.yaml", "sources:\n  - name: crm\n   kind: [postgres\n"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("broken.yaml:")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> LOADER.parse("dup.yaml", VALID.replace("full-name: name", "full-name: name\n          full-name: x")))
                .hasMessageContaining("dup.yaml:11:")
                .hasMessageContaining("duplicate key 'full-name' (first at line 10)");
        assertThatThrownBy(() -> LOADER.parse("empty.yaml", ""))
                .hasMessageContaining("the file is empty");
    }

    @Test
    void unqualifiedTablesTakeTheDefaultSchemaOrTheConnectionDatabase() {
        SourceCatalog catalog = LOADER.parse("t.yaml", VALID.replace("public.res_partner", "res_partner")
                + """
                  - name: erp
                    kind: mariadb
                    connection: {host: localhost, port: 3306, database: erp, user: tessera, password: x}
                    tables:
                      - {table: tabContact, key: name, entity: person, attributes: {emails: email_id}}
                """);

        assertThat(catalog.require("crm").tables().get(0).qualifiedName()).isEqualTo("public.res_partner");
        assertThat(catalog.require("erp").tables().get(0).qualifiedName()).isEqualTo("erp.tabContact");
        assertThat(catalog.require("erp").tables().get(0).key()).isEqualTo(List.of("name"));
    }

    @Test
    void connectionsCanBeOverriddenAndNeverPrintTheirPassword() {
        SourceCatalog catalog = LOADER.parse("t.yaml", VALID.replace("user: tessera", "user: tessera, password: hunter2"))
                .withConnection("crm", c -> c.withAddress("127.0.0.1", 40001));

        Connection connection = catalog.require("crm").connection();
        assertThat(connection.host()).isEqualTo("127.0.0.1");
        assertThat(connection.port()).isEqualTo(40001);
        assertThat(connection.password()).isEqualTo("hunter2");
        assertThat(connection.toString()).doesNotContain("hunter2");
        assertThat(catalog.require("crm").toString()).doesNotContain("hunter2");
    }
    @Test
    void aCsvSourceHasNoConnectionAndItsTablesAreFileNamesOrPatterns() {
        SourceCatalog catalog = LOADER.parse("files.yaml", """
                sources:
                  - name: files
                    kind: csv
                    tables:
                      - table: dataset_*
                        key: [rec_id]
                        entity: person
                        attributes:
                          full-name: name
                          date-of-birth: dob
                          identifiers: {passport: passport_no, soc_sec_id: {column: ssn, type: integer}}
                      - table: "*"
                        key: [rec_id]
                        entity: person
                        attributes: {full-name: name}
                """);

        SourceDefinition files = catalog.require("files");
        assertThat(files.kind()).isEqualTo(SourceKind.CSV);
        assertThat(files.connection()).isNull();
        assertThat(catalog.captured()).isEmpty();
        assertThat(files.csvTable("dataset_A_1000").orElseThrow().attributes().identifiers())
                .containsOnlyKeys("passport", "soc_sec_id");
        assertThat(files.csvTable("dataset3").orElseThrow().table()).isEqualTo("*");
    }

    @Test
    void aConnectionOnACsvSourceAndNoneOnADatabaseSourceAreReported() {
        String yaml = """
                sources:
                  - name: files
                    kind: csv
                    connection: {host: localhost, port: 5432, database: crm, user: tessera}
                    tables:
                      - table: people
                        key: [id]
                        entity: person
                        attributes: {full-name: name}
                  - name: crm
                    kind: postgres
                    tables:
                      - table: public.res_partner
                        key: [id]
                        entity: person
                        attributes:
                          full-name: name
                          identifiers: {"Bad Type": x}
                """;

        assertThatThrownBy(() -> LOADER.parse("m.yaml", yaml))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("m.yaml:4:")
                .hasMessageContaining("sources[files].connection: 'connection' applies to postgres and mariadb sources only")
                .hasMessageContaining("sources[crm].connection: missing required key 'connection'")
                .hasMessageContaining("'Bad Type' is not a valid identifier type");
    }
}
