package io.tessera.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Ignored;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Changes of ERPNext's {@code tabDynamic Link}, mapped with the shipped examples/sources/erpnext.yaml: each captured
 * insert, update and delete of a link row changes the link record that relates a contact or an address to its
 * customer; a row linking to a doctype the mapping does not list is no record.
 */
class LinkChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("../examples/sources/erpnext.yaml");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final SourceCatalog CATALOG = SourceCatalogLoader.withVariables(Map.of()).load(EXAMPLE);
    private static final RecordKey LINK = new RecordKey("erpnext", "tabDynamic Link", "8d1e0f2a3b");
    private static final RecordKey ACME = new RecordKey("erpnext", "tabCustomer", "CUST-2026-00001");
    private static final RecordKey ANA = new RecordKey("erpnext", "tabContact", "Ana García-Acme Ibérica SL");

    private final ChangeMapper mapper = new ChangeMapper(CATALOG, CLOCK);

    @Test
    void anInsertedLinkRowIsARecordOfTheContactRelatingItToItsCustomer() {
        MappingResult result = mapper.map(change("c", null, row("Contact", "Ana García-Acme Ibérica SL", "Customer",
                "CUST-2026-00001"), 1));

        assertThat(result).isInstanceOf(Upsert.class);
        SourceRecord link = ((Upsert) result).record();
        assertThat(link.key()).isEqualTo(LINK);
        assertThat(link.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(link.relations()).containsExactly(new Relation("contact-of", ACME, true),
                new Relation("link-of", ANA, true));
        assertThat(link.sameEntityTargets()).containsExactlyInAnyOrder(ACME, ANA);
        assertThat(link.position()).isEqualTo("binlog:mysql-bin.000003:00000000000000004711:0000000001");
        assertThat(((Upsert) result).phase()).isEqualTo(ReadPhase.STREAMING);
    }

    @Test
    void anAddressLinkIsAnAddressOfRelationAndALeadIsATargetToo() {
        SourceRecord link = ((Upsert) mapper.map(change("r", null, row("Address", "Luis Pérez-Personal", "Lead",
                "CRM-LEAD-2026-00001"), 0))).record();

        assertThat(link.relations()).containsExactly(
                new Relation("address-of", new RecordKey("erpnext", "tabLead", "CRM-LEAD-2026-00001"), true),
                new Relation("link-of", new RecordKey("erpnext", "tabAddress", "Luis Pérez-Personal"), true));
    }

    @Test
    void aDeletedLinkRowIsATombstoneOfTheLinkRecord() {
        ObjectNode before = row("Contact", "Ana García-Acme Ibérica SL", "Customer", "CUST-2026-00001");

        MappingResult result = mapper.map(change("d", before, null, 2));

        assertThat(result).isInstanceOf(Delete.class);
        assertThat(((Delete) result).key()).isEqualTo(LINK);
    }

    @Test
    void aLinkToADoctypeTheMappingDoesNotListIsNoRecordAndAnUpdateToOneRemovesTheEarlierRelation() {
        ObjectNode supplier = row("Contact", "Ana García-Acme Ibérica SL", "Supplier", "SUP-0001");

        MappingResult inserted = mapper.map(change("c", null, supplier, 1));
        MappingResult snapshot = mapper.map(change("r", null, supplier, 0));
        MappingResult updated = mapper.map(change("u",
                row("Contact", "Ana García-Acme Ibérica SL", "Customer", "CUST-2026-00001"), supplier, 3));

        assertThat(inserted).isInstanceOf(Ignored.class);
        assertThat(((Ignored) inserted).reason()).isEqualTo("erpnext/tabDynamic Link: no relation: column "
                + "'link_doctype' (link.to) names no table the map lists");
        assertThat(((Ignored) inserted).phase()).isEqualTo(ReadPhase.STREAMING);
        assertThat(((Ignored) inserted).linkRow()).as("counted as an ignored link row").isTrue();
        assertThat(((Ignored) snapshot).phase()).as("a snapshot row still tells the snapshot's progress")
                .isEqualTo(ReadPhase.SNAPSHOT);
        assertThat(updated).as("the link was to a customer before: its relation must go").isInstanceOf(Delete.class);
        assertThat(((Delete) updated).key()).isEqualTo(LINK);
    }

    @Test
    void withUnmappedRejectALinkToAnUnlistedDoctypeIsADeadLetterNamingTheColumn() throws Exception {
        String yaml = Files.readString(EXAMPLE).replace("{Customer: tabCustomer, Lead: tabLead}}",
                "{Customer: tabCustomer, Lead: tabLead}, unmapped: reject}");
        ChangeMapper strict = new ChangeMapper(SourceCatalogLoader.withVariables(Map.of()).parse("erpnext.yaml", yaml),
                CLOCK);

        MappingResult result = strict.map(change("c", null, row("Contact", "Ana García-Acme Ibérica SL", "Supplier",
                "SUP-0001"), 1));

        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).deadLetter().reason()).isEqualTo("erpnext/tabDynamic Link: column "
                + "'link_doctype' (link.to.table) holds a value that the map does not list; add it to the map, or set "
                + "unmapped: drop to make such rows no relation");
        assertThat(((Rejected) result).deadLetter().key()).isEqualTo(LINK.asString());
    }

    @Test
    void aLinkRowWithoutTheParentColumnIsADeadLetterNamingIt() {
        ObjectNode row = row("Contact", "Ana García-Acme Ibérica SL", "Customer", "CUST-2026-00001");
        row.remove("parent");

        MappingResult result = mapper.map(change("c", null, row, 1));

        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).deadLetter().reason()).isEqualTo("erpnext/tabDynamic Link: column 'parent' "
                + "(link.from.key) is not in the row; check the column name in the mapping against the table");
    }

    /** A tabDynamic Link row as the MariaDB connector sends it (datetime(6) as microseconds). */
    private static ObjectNode row(String parentType, String parent, String linkDoctype, String linkName) {
        ObjectNode row = JSON.createObjectNode();
        row.put("name", LINK.pk());
        row.put("creation", 1_795_323_149_840_123L);
        row.put("modified", 1_795_323_149_840_123L);
        row.put("modified_by", "Administrator");
        row.put("owner", "Administrator");
        row.put("docstatus", 0);
        row.put("idx", 1);
        row.put("parent", parent);
        row.put("parentfield", "links");
        row.put("parenttype", parentType);
        row.put("link_doctype", linkDoctype);
        row.put("link_name", linkName);
        row.put("link_title", "Acme Ibérica SL");
        return row;
    }

    private static RawChange change(String op, ObjectNode before, ObjectNode after, int order) {
        ObjectNode value = JSON.createObjectNode();
        value.set("before", before);
        value.set("after", after);
        ObjectNode source = value.putObject("source");
        source.put("name", "erpnext");
        source.put("db", "erpnext");
        source.put("table", "tabDynamic Link");
        source.put("file", "mysql-bin.000003");
        source.put("pos", 4711);
        source.put("ts_ms", 1_795_323_149_840L);
        source.put("snapshot", op.equals("r") ? "true" : "false");
        value.put("op", op);
        value.put("ts_ms", 1_795_323_149_900L);
        if (order > 0) {
            value.putObject("transaction").put("total_order", order);
        }
        return new RawChange("erpnext.erpnext.tabDynamic_Link", "{\"name\":\"" + LINK.pk() + "\"}", value.toString());
    }
}
