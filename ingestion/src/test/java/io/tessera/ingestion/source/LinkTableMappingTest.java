package io.tessera.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.EntityKind;
import io.tessera.ingestion.source.InvalidMappingException.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loading link tables ({@code link:}): what a valid one becomes, and every mistake named with its key and line. */
class LinkTableMappingTest {

    private static final SourceCatalogLoader LOADER = SourceCatalogLoader.withVariables(Map.of());

    /** ERPNext's tabDynamic Link as the example ships it; line 18 is {@code link:}, 20 {@code from.table}. */
    private static final String ERP = """
            sources:
              - name: erp
                kind: csv
                tables:
                  - table: tabCustomer
                    key: [name]
                    entity: {column: customer_type, company-when: [Company], person-when: [Individual]}
                    attributes: {full-name: customer_name}
                  - {table: tabContact, key: [name], entity: person, attributes: {full-name: full_name}}
                  - {table: tabAddress, key: [name], entity: person, attributes: {full-name: address_title}}
                  - {table: tabLead, key: [name], entity: person, attributes: {full-name: lead_name}}
                  - table: tabDynamic Link
                    key: [name]
                    # parent is a contact or an address, link_name a customer or a lead
                    #
                    #
                    #
                    link:
                      from:
                        table: {column: parenttype, map: {Contact: tabContact, Address: tabAddress}}
                        key: parent
                      to:
                        table: {column: link_doctype, map: {Customer: tabCustomer, Lead: tabLead}}
                        key: link_name
                      type: {tabContact: contact-of, tabAddress: address-of}
                      same-entity: true
            """;

    @Test
    void aLinkTableNamesBothEndsByColumnATypePerFromTableAndTakesTheKindOfItsFromRows() {
        TableMapping links = LOADER.parse("erp.yaml", ERP).require("erp").tables().get(4);

        assertThat(links.table()).isEqualTo("tabDynamic Link");
        assertThat(links.entity()).as("contacts and addresses are persons").isEqualTo(new EntityRule.Fixed(EntityKind.PERSON));
        assertThat(links.link()).isEqualTo(new LinkMapping(
                LinkMapping.End.byColumn("erp", "parenttype", Map.of("Contact", "tabContact", "Address", "tabAddress"),
                        false, "parent"),
                LinkMapping.End.byColumn("erp", "link_doctype", Map.of("Customer", "tabCustomer", "Lead", "tabLead"),
                        false, "link_name"),
                Map.of("tabContact", "contact-of", "tabAddress", "address-of"), true));
        assertThat(links.relations()).isEmpty();
    }

    @Test
    void fixedTablesOneTypeForAllAnExplicitEntityAndRejectingUnlistedValuesAreAccepted() {
        String yaml = ERP.replace("table: {column: parenttype, map: {Contact: tabContact, Address: tabAddress}}",
                        "table: tabContact")
                .replace("type: {tabContact: contact-of, tabAddress: address-of}", "type: contact-of")
                .replace("{Customer: tabCustomer, Lead: tabLead}}", "{Customer: tabCustomer}, unmapped: reject}")
                .replace("same-entity: true", "same-entity: false")
                .replace("    key: [name]\n        # parent", "    key: [name]\n        entity: company\n        # parent");

        TableMapping links = LOADER.parse("erp.yaml", yaml).require("erp").tables().get(4);
        LinkMapping link = links.link();

        assertThat(links.entity()).isEqualTo(new EntityRule.Fixed(EntityKind.COMPANY));
        assertThat(link.from()).isEqualTo(LinkMapping.End.fixed("erp", "tabContact", "parent"));
        assertThat(link.to().reject()).isTrue();
        assertThat(link.types()).isEqualTo(Map.of("tabContact", "contact-of"));
        assertThat(link.sameEntity()).isFalse();
    }

    @Test
    void aLinkToATableTheSourceDoesNotMapIsReportedWithItsLine() {
        String yaml = ERP.replace("Lead: tabLead}}", "Supplier: tabSupplier}}");

        assertThatThrownBy(() -> LOADER.parse("erp.yaml", yaml))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("erp.yaml:23:")
                .hasMessageContaining("sources[erp].tables[tabDynamic Link].link.to.table")
                .hasMessageContaining("source 'erp' maps no table 'tabSupplier'")
                .satisfies(e -> assertThat(((InvalidMappingException) e).problems()).singleElement()
                        .extracting(Problem::line).isEqualTo(23));
    }

    @Test
    void aMissingTypeForAFromTableAndATypeForAnotherTableAreReported() {
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace(", tabAddress: address-of}", "}")))
                .hasMessageContaining("erp.yaml:25:")
                .hasMessageContaining("link.type: no relation type for tabAddress");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("tabAddress: address-of", "tabAdress: address-of")))
                .hasMessageContaining("link.type.tabAdress: 'tabAdress' is not a table of link.from")
                .hasMessageContaining("did you mean 'tabAddress'?");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("contact-of", "Contact_Of")))
                .hasMessageContaining("link.type.tabContact: 'Contact_Of' is not a valid relation type");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("contact-of", "link-of")))
                .hasMessageContaining("'link-of' is the relation of a link record to its from row");
    }

    @Test
    void aLinkTableMapsNoAttributesAndItsKeysAreChecked() {
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("    key: [name]\n        # parent",
                "    key: [name]\n        attributes: {full-name: link_title}\n        # parent")))
                .hasMessageContaining("erp.yaml:14:")
                .hasMessageContaining("sources[erp].tables[tabDynamic Link].attributes: a link table's rows are "
                        + "relations between rows of other tables: it maps no attributes");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("key: link_name", "column: link_name")))
                .hasMessageContaining("erp.yaml:24:")
                .hasMessageContaining("link.to.column: unknown key 'column'; allowed here: key, source, table")
                .hasMessageContaining("link.to.key: missing required key 'key'");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("map: {Contact", "values: {Contact")))
                .hasMessageContaining("erp.yaml:20:")
                .hasMessageContaining("link.from.table.values: unknown key 'values'; allowed here: column, map, unmapped")
                .hasMessageContaining("link.from.table.map: missing required key 'map'");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("Lead: tabLead}}", "Lead: tabLead}, unmapped: keep}")))
                .hasMessageContaining("link.to.table.unmapped: unknown value 'keep'; use drop")
                .hasMessageContaining("or reject (dead letter)");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("same-entity: true", "same-entity: yes")))
                .hasMessageContaining("erp.yaml:26:")
                .hasMessageContaining("link.same-entity: 'yes' is not a boolean");
        assertThatThrownBy(() -> LOADER.parse("erp.yaml", ERP.replace("      to:\n", "      towards:\n")))
                .hasMessageContaining("link.towards: unknown key 'towards'; allowed here: from, same-entity, to, type")
                .hasMessageContaining("link.to: missing required key 'to'");
    }

    @Test
    void withoutEntityTheFromTablesMustShareAFixedKind() {
        String yaml = ERP.replace("Address: tabAddress}", "Customer: tabCustomer}")
                .replace("tabAddress: address-of", "tabCustomer: customer-of");

        assertThatThrownBy(() -> LOADER.parse("erp.yaml", yaml))
                .hasMessageContaining("erp.yaml:20:")
                .hasMessageContaining("sources[erp].tables[tabDynamic Link].entity: the entity of tabCustomer depends "
                        + "on a column; give the link table the kind of its from rows: entity: person or entity: company");
        assertThat(LOADER.parse("erp.yaml", yaml.replace("    key: [name]\n        # parent",
                "    key: [name]\n        entity: person\n        # parent")).require("erp").tables().get(4).entity())
                .isEqualTo(new EntityRule.Fixed(EntityKind.PERSON));
    }
}
