package io.tessera.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.contracts.Address;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.DeadLetter;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mapper against Debezium events captured from the real demo databases (src/test/resources/debezium,
 * recorded by EmbeddedCaptureTest's servers) and the shipped demo mapping.
 */
class ChangeMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SourceCatalog DEMO = SourceCatalogLoader.withVariables(Map.of()).loadResource("mappings/demo.yaml");

    private final ChangeMapper mapper = new ChangeMapper(DEMO, CLOCK);

    @Test
    void postgresSnapshotRowOfACompanyBecomesAnUpsertWithAllAttributes() {
        Upsert upsert = upsert(mapper.map(RecordedChanges.sample("postgres-read")));

        SourceRecord record = upsert.record();
        assertThat(record.key()).isEqualTo(new RecordKey("crm", "res_partner", "1"));
        assertThat(record.kind()).isEqualTo(EntityKind.COMPANY);
        assertThat(record.attributes().fullName()).isEqualTo("Acme Ibérica SL");
        assertThat(record.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(record.attributes().emails()).containsExactly("info@acme.example");
        assertThat(record.attributes().phones()).containsExactly("+34 911 000 001");
        assertThat(record.attributes().taxId()).isEqualTo("ESB12345678");
        assertThat(record.attributes().address())
                .isEqualTo(new Address("Calle Mayor 1, Planta 2", "28013", "Madrid", null, "ES"));
        assertThat(record.changedAt()).isEqualTo(Instant.ofEpochMilli(1795323149840L));
        assertThat(record.position()).isEqualTo("lsn:00000000000028952808");
        assertThat(upsert.phase()).isEqualTo(ReadPhase.SNAPSHOT);
    }

    @Test
    void personKindComesFromTheColumnAndPhonesSkipNullColumns() {
        SourceRecord ana = upsert(mapper.map(RecordedChanges.sample("postgres-read-person"))).record();

        assertThat(ana.kind()).isEqualTo(EntityKind.PERSON);
        // phone is null, mobile is set: one phone, no gap.
        assertThat(ana.attributes().phones()).containsExactly("+351 912 000 002");
        assertThat(ana.attributes().address().country()).isEqualTo("PT");
        assertThat(ana.attributes().address().street()).isNull();
    }

    @Test
    void postgresInsertUpdateAndDeleteBecomeUpsertUpsertDelete() {
        Upsert created = upsert(mapper.map(RecordedChanges.sample("postgres-create")));
        Upsert updated = upsert(mapper.map(RecordedChanges.sample("postgres-update")));
        MappingResult deleted = mapper.map(RecordedChanges.sample("postgres-delete"));

        RecordKey key = new RecordKey("crm", "res_partner", "10");
        assertThat(created.phase()).isEqualTo(ReadPhase.STREAMING);
        assertThat(created.record().key()).isEqualTo(key);
        assertThat(created.record().attributes().fullName()).isEqualTo("Marta Ruiz");
        // No country_id: the mapping's default.
        assertThat(created.record().attributes().address()).isEqualTo(new Address(null, null, null, null, "ES"));
        assertThat(updated.record().attributes().fullName()).isEqualTo("Marta Ruiz Soler");
        assertThat(updated.record().attributes().address().country()).isEqualTo("FR");
        assertThat(updated.record().position()).isGreaterThan(created.record().position());
        assertThat(deleted).isInstanceOfSatisfying(Delete.class, d -> {
            assertThat(d.key()).isEqualTo(key);
            assertThat(d.position()).isGreaterThan(updated.record().position());
            assertThat(d.changedAt()).isNotNull();
        });
    }

    @Test
    void mariadbSnapshotLastRowMapsTheContactAndMarksTheEndOfTheSnapshot() {
        Upsert upsert = upsert(mapper.map(RecordedChanges.sample("mariadb-read-last")));

        SourceRecord contact = upsert.record();
        assertThat(upsert.phase()).isEqualTo(ReadPhase.SNAPSHOT_LAST);
        assertThat(contact.key()).isEqualTo(new RecordKey("erp", "tabContact", "Ana García-Acme Ibérica SL"));
        assertThat(contact.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(contact.attributes().fullName()).isEqualTo("Ana García");
        assertThat(contact.attributes().givenName()).isEqualTo("Ana");
        assertThat(contact.attributes().familyName()).isEqualTo("García");
        assertThat(contact.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(contact.attributes().phones()).containsExactly("+34 911 000 010", "+34 600 000 011");
        assertThat(contact.position()).isEqualTo("binlog:vm-bin.000001:00000000000000003643:0000000000");
    }

    @Test
    void mariadbCustomerKindAndCountryComeFromColumnsAndTheCountryNameMap() {
        SourceRecord customer = upsert(mapper.map(RecordedChanges.sample("mariadb-read-customer"))).record();

        assertThat(customer.kind()).isEqualTo(EntityKind.COMPANY);
        assertThat(customer.attributes().fullName()).isEqualTo("Acme Ibérica SL");
        assertThat(customer.attributes().companyName()).isEqualTo("Acme Ibérica SL");
        assertThat(customer.attributes().emails()).containsExactly("billing@acme.example");
        assertThat(customer.attributes().taxId()).isEqualTo("ESB12345678");
        assertThat(customer.attributes().address()).isEqualTo(new Address(null, null, null, null, "ES"));
    }

    @Test
    void mariadbChangesOfOneTransactionGetIncreasingPositionsAndDeleteUsesTheBeforeRow() {
        Upsert created = upsert(mapper.map(RecordedChanges.sample("mariadb-create")));
        Upsert updated = upsert(mapper.map(RecordedChanges.sample("mariadb-update")));
        MappingResult deleted = mapper.map(RecordedChanges.sample("mariadb-delete"));

        assertThat(created.record().position()).isEqualTo("binlog:vm-bin.000001:00000000000000004933:0000000001");
        assertThat(updated.record().position()).isEqualTo("binlog:vm-bin.000001:00000000000000004933:0000000002");
        assertThat(updated.record().attributes().emails()).containsExactly("kim@example.org");
        assertThat(deleted).isInstanceOfSatisfying(Delete.class,
                d -> assertThat(d.key()).isEqualTo(new RecordKey("erp", "tabContact", "CONT-00010")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres-read", "postgres-update", "postgres-delete", "mariadb-read-last", "mariadb-update",
            "mariadb-delete", "mariadb-create-bad-type"})
    void theSchemaAndPayloadWrapperOfConnectsJsonConverterGivesTheSameResult(String name) {
        RawChange plain = RecordedChanges.sample(name);
        RawChange wrapped = new RawChange(plain.topic(), wrap(plain.key()), wrap(plain.value()));

        MappingResult fromWrapped = mapper.map(wrapped);
        MappingResult fromPlain = mapper.map(plain);
        if (fromPlain instanceof Rejected rejected) {
            // The dead letter keeps the payload as received, so only that differs.
            assertThat(fromWrapped).isInstanceOfSatisfying(Rejected.class,
                    w -> assertThat(w.deadLetter().reason()).isEqualTo(rejected.deadLetter().reason()));
        } else {
            assertThat(fromWrapped).isEqualTo(fromPlain);
        }
        assertThat(mapper.map(plain)).as("deterministic").isEqualTo(fromPlain);
    }

    @Test
    void tombstonesHeartbeatsTransactionMarkersAndSchemaChangesAreIgnored() {
        assertThat(mapper.map(new RawChange("crm.public.res_partner", "{\"id\":1}", null)))
                .isEqualTo(new Ignored("tombstone"));
        assertThat(mapper.map(new RawChange("crm.public.res_partner", "{\"id\":1}", "{\"schema\":{},\"payload\":null}")))
                .isEqualTo(new Ignored("tombstone"));
        assertThat(mapper.map(new RawChange("__debezium-heartbeat.crm", "{\"serverName\":\"crm\"}",
                "{\"ts_ms\":1795323058743}"))).as("Debezium sends heartbeats once the snapshot is done")
                .isEqualTo(new Ignored("heartbeat", ReadPhase.STREAMING));
        assertThat(mapper.map(new RawChange("erp.transaction", "{\"id\":\"0-1-7\"}",
                "{\"status\":\"BEGIN\",\"id\":\"0-1-7\",\"event_count\":null,\"data_collections\":null,\"ts_ms\":1}")))
                .isEqualTo(new Ignored("transaction marker"));
        assertThat(mapper.map(new RawChange("erp", "{\"databaseName\":\"erp\"}",
                "{\"source\":{\"name\":\"erp\"},\"databaseName\":\"erp\",\"ddl\":\"ALTER TABLE tabContact ADD x int\","
                        + "\"tableChanges\":[]}"))).isEqualTo(new Ignored("schema change"));
    }

    @Test
    void tablesAndSourcesWithoutAMappingAreIgnored() {
        RawChange country = edit(RecordedChanges.sample("postgres-read"), v -> ((ObjectNode) v.get("source")).put("table", "res_country"));
        RawChange otherSource = edit(RecordedChanges.sample("postgres-read"), v -> ((ObjectNode) v.get("source")).put("name", "shop"));

        assertThat(mapper.map(country)).isInstanceOfSatisfying(Ignored.class,
                i -> assertThat(i.reason()).contains("public.res_country", "not mapped"));
        assertThat(mapper.map(otherSource)).isEqualTo(new Ignored("no source named 'shop' in the mapping"));
    }

    @Test
    void aRowOfATableWithoutAMappingStillTellsTheSnapshotPhase() {
        RawChange heartbeatRow = edit(RecordedChanges.sample("postgres-read"), v -> ((ObjectNode) v.get("source"))
                .put("table", "tessera_heartbeat"));
        RawChange lastHeartbeatRow = edit(heartbeatRow, v -> ((ObjectNode) v.get("source")).put("snapshot", "last"));
        RawChange beat = edit(RecordedChanges.sample("postgres-update"), v -> ((ObjectNode) v.get("source"))
                .put("table", "tessera_heartbeat"));

        assertThat(mapper.map(heartbeatRow)).isInstanceOfSatisfying(Ignored.class,
                i -> assertThat(i.phase()).isEqualTo(ReadPhase.SNAPSHOT));
        assertThat(mapper.map(lastHeartbeatRow)).isInstanceOfSatisfying(Ignored.class, i -> {
            assertThat(i.reason()).contains("public.tessera_heartbeat", "not mapped");
            assertThat(i.phase()).isEqualTo(ReadPhase.SNAPSHOT_LAST);
        });
        assertThat(mapper.map(beat)).isInstanceOfSatisfying(Ignored.class,
                i -> assertThat(i.phase()).isEqualTo(ReadPhase.STREAMING));
    }

    @Test
    void aColumnOfTheWrongTypeIsRejectedWithAReasonNamingSourceTableKeyAndColumnButNotTheValue() {
        ChangeMapper strict = mapperFor("""
                sources:
                  - name: crm
                    kind: postgres
                    connection: {host: localhost, port: 5432, database: crm, user: u}
                    tables:
                      - table: public.res_partner
                        key: [id]
                        entity: person
                        attributes:
                          full-name: name
                          tax-id: {column: vat, type: integer}
                """);

        DeadLetter letter = rejected(strict.map(RecordedChanges.sample("postgres-read")));

        assertThat(letter.stage()).isEqualTo("ingestion");
        assertThat(letter.origin()).isEqualTo("crm/res_partner");
        assertThat(letter.key()).isEqualTo("crm/res_partner/1");
        assertThat(letter.reason()).contains("crm/res_partner", "column 'vat'", "not an integer")
                .doesNotContain("ESB12345678");
        assertThat(letter.payload()).isEqualTo(RecordedChanges.sample("postgres-read").value());
        assertThat(letter.at()).isEqualTo(NOW);
    }

    @Test
    void aColumnHoldingAnObjectIsRejected() {
        RawChange change = edit(RecordedChanges.sample("postgres-read"),
                v -> ((ObjectNode) v.get("after")).putObject("name").put("first", "Acme"));

        assertThat(rejected(mapper.map(change)).reason()).contains("column 'name'", "an object");
    }

    @Test
    void aMissingOrNullKeyColumnIsRejectedWithTheColumnName() {
        ChangeMapper wrongKey = mapperFor("""
                sources:
                  - name: crm
                    kind: postgres
                    connection: {host: localhost, port: 5432, database: crm, user: u}
                    tables:
                      - table: public.res_partner
                        key: [partner_code]
                        entity: person
                        attributes: {full-name: name}
                """);
        RawChange nullKey = new RawChange("crm.public.res_partner", "{\"id\":null}",
                edit(RecordedChanges.sample("postgres-read"), v -> ((ObjectNode) v.get("after")).putNull("id")).value());

        assertThat(rejected(wrongKey.map(RecordedChanges.sample("postgres-read"))).reason())
                .contains("crm/res_partner", "key column 'partner_code'", "neither the row nor the event key");
        assertThat(rejected(mapper.map(nullKey)).reason()).contains("crm/res_partner", "key column 'id'", "is null");
    }

    @Test
    void aDeleteWhoseBeforeRowLacksTheKeyTakesItFromTheEventKey() {
        RawChange withoutId = edit(RecordedChanges.sample("postgres-delete"), v -> ((ObjectNode) v.get("before")).remove("id"));

        assertThat(mapper.map(withoutId)).isInstanceOfSatisfying(Delete.class,
                d -> assertThat(d.key()).isEqualTo(new RecordKey("crm", "res_partner", "10")));
    }

    @Test
    void anEntityValueInNeitherListIsRejectedWithoutQuotingIt() {
        DeadLetter letter = rejected(mapper.map(RecordedChanges.sample("mariadb-create-bad-type")));

        assertThat(letter.origin()).isEqualTo("erp/tabCustomer");
        assertThat(letter.key()).isEqualTo("erp/tabCustomer/CUST-2026-00003");
        assertThat(letter.reason()).contains("erp/tabCustomer", "column 'customer_type'", "company-when")
                .doesNotContain("Partnership", "Bad Type");
    }

    @Test
    void aMappedColumnThatTheRowLacksAndAnUnmappedValueMarkedRejectAreRejectedTogether() {
        ChangeMapper strict = mapperFor("""
                sources:
                  - name: erp
                    kind: mariadb
                    connection: {host: localhost, port: 3306, database: erp, user: u}
                    tables:
                      - table: tabContact
                        key: [name]
                        entity: person
                        attributes:
                          full-name: fullname
                          company-name: {column: status, map: {Active: x}, unmapped: reject}
                """);

        assertThat(rejected(strict.map(RecordedChanges.sample("mariadb-read-last"))).reason())
                .contains("column 'fullname' (full-name) is not in the row", "column 'status' (company-name)",
                        "the map does not list");
    }

    @Test
    void anUnreadableEventIsRejectedWithTheTopicAsOriginAndKeptAsPayload() {
        DeadLetter letter = rejected(mapper.map(new RawChange("crm.public.res_partner", "{\"id\":1}", "{\"op\":\"c\",")));

        assertThat(letter.origin()).isEqualTo("crm.public.res_partner");
        assertThat(letter.reason()).contains("crm.public.res_partner", "not valid JSON");
        assertThat(letter.payload()).isEqualTo("{\"op\":\"c\",");
        assertThat(letter.key()).isEqualTo("{\"id\":1}");
    }

    @Test
    void transformsJoinFirstOfTrimDefaultAndOnlyFor() {
        ChangeMapper custom = mapperFor("""
                sources:
                  - name: erp
                    kind: mariadb
                    connection: {host: localhost, port: 3306, database: erp, user: u}
                    tables:
                      - table: erp.tabContact
                        key: [name]
                        entity: person
                        attributes:
                          full-name: [first_name, middle_name, last_name]
                          given-name: {first-of: [middle_name, first_name]}
                          family-name: {columns: [last_name, first_name], join: ", "}
                          company-name: {column: company_name, only-for: company}
                          tax-id: {column: designation, default: none}
                          emails: [email_id, {column: email_id}]
                """);
        RawChange padded = edit(RecordedChanges.sample("mariadb-read-last"), v -> ((ObjectNode) v.get("after")).put("last_name", "  García "));

        SourceRecord record = upsert(custom.map(padded)).record();

        assertThat(record.attributes().fullName()).isEqualTo("Ana García");
        assertThat(record.attributes().givenName()).isEqualTo("Ana");
        assertThat(record.attributes().familyName()).isEqualTo("García, Ana");
        assertThat(record.attributes().companyName()).isNull();
        assertThat(record.attributes().taxId()).isEqualTo("none");
        assertThat(record.attributes().emails()).containsExactly("ana@acme.example");
    }

    @Test
    void aContactsParentIdBecomesARelationToItsCompanyAndNoParentIsNoRelation() {
        RawChange contact = edit(RecordedChanges.sample("postgres-read-person"), v -> ((ObjectNode) v.get("after")).put("parent_id", 3));

        SourceRecord ana = upsert(mapper.map(contact)).record();
        SourceRecord acme = upsert(mapper.map(RecordedChanges.sample("postgres-read"))).record();

        assertThat(ana.relations()).containsExactly(new Relation("employee-of", new RecordKey("crm", "res_partner", "3")));
        assertThat(acme.relations()).as("parent_id is null").isEmpty();
        assertThat(upsert(mapper.map(RecordedChanges.sample("postgres-read-person"))).record().relations())
                .containsExactly(new Relation("employee-of", new RecordKey("crm", "res_partner", "1")));
    }

    @Test
    void aTextForeignKeyBecomesARelationWithThatTextAndABlankOneIsNoRelation() {
        ChangeMapper related = mapperFor("""
                sources:
                  - name: erp
                    kind: mariadb
                    connection: {host: localhost, port: 3306, database: erp, user: u}
                    tables:
                      - table: tabCustomer
                        key: [name]
                        entity: company
                        attributes: {full-name: customer_name}
                        relations:
                          - {type: primary-contact, column: customer_primary_contact, table: tabContact}
                      - {table: tabContact, key: [name], entity: person, attributes: {full-name: full_name}}
                """);
        RawChange withContact = edit(RecordedChanges.sample("mariadb-read-customer"),
                v -> ((ObjectNode) v.get("after")).put("customer_primary_contact", " CONT-00010 "));
        RawChange blank = edit(RecordedChanges.sample("mariadb-read-customer"),
                v -> ((ObjectNode) v.get("after")).put("customer_primary_contact", "  "));

        assertThat(upsert(related.map(withContact)).record().relations())
                .containsExactly(new Relation("primary-contact", new RecordKey("erp", "tabContact", "CONT-00010")));
        assertThat(upsert(related.map(blank)).record().relations()).isEmpty();
        assertThat(upsert(related.map(RecordedChanges.sample("mariadb-read-customer"))).record().relations()).as("null").isEmpty();
    }

    @Test
    void relationsMarkedSameEntityCarryTheMarkAndAnEmptiedColumnDropsTheRelation() {
        ChangeMapper related = mapperFor("""
                sources:
                  - name: erp
                    kind: mariadb
                    connection: {host: localhost, port: 3306, database: erp, user: u}
                    tables:
                      - table: tabCustomer
                        key: [name]
                        entity: {column: customer_type, company-when: [Company], person-when: [Individual]}
                        attributes: {full-name: customer_name}
                        relations:
                          - {type: primary-address, column: customer_primary_address, table: tabAddress, same-entity: true}
                          - {type: primary-contact, column: customer_primary_contact, table: tabContact, same-entity: true}
                      - {table: tabAddress, key: [name], entity: person, attributes: {full-name: address_title}}
                      - {table: tabContact, key: [name], entity: person, attributes: {full-name: full_name}}
                """);
        RawChange linked = edit(RecordedChanges.sample("mariadb-read-customer"), v -> ((ObjectNode) v.get("after"))
                .put("customer_primary_address", "Acme Ibérica SL-Billing").put("customer_primary_contact", "CONT-00010"));
        RawChange addressCleared = edit(linked, v -> ((ObjectNode) v.get("after")).putNull("customer_primary_address"));

        assertThat(upsert(related.map(linked)).record().relations()).containsExactly(
                new Relation("primary-address", new RecordKey("erp", "tabAddress", "Acme Ibérica SL-Billing"), true),
                new Relation("primary-contact", new RecordKey("erp", "tabContact", "CONT-00010"), true));
        assertThat(upsert(related.map(addressCleared)).record().relations()).as("the primary address was unset")
                .containsExactly(new Relation("primary-contact", new RecordKey("erp", "tabContact", "CONT-00010"), true));
    }

    @Test
    void aRelationColumnHoldingAnObjectOrMissingFromTheRowIsRejectedWithoutQuotingTheValue() {
        RawChange object = edit(RecordedChanges.sample("postgres-read-person"),
                v -> ((ObjectNode) v.get("after")).putObject("parent_id").put("name", "Acme Ibérica SL"));
        RawChange missing = edit(RecordedChanges.sample("postgres-read-person"), v -> ((ObjectNode) v.get("after")).remove("parent_id"));

        assertThat(rejected(mapper.map(object)).reason())
                .contains("crm/res_partner", "column 'parent_id' (relation employee-of) holds an object")
                .doesNotContain("Acme");
        assertThat(rejected(mapper.map(missing)).reason())
                .contains("column 'parent_id' (relation employee-of) is not in the row");
    }

    @Test
    void theDemoCrmsOptOutBecomesAnEmailConsentStatementAndABadValueADeadLetterNamingTheColumn() {
        RawChange optedOut = edit(RecordedChanges.sample("postgres-read-person"),
                v -> ((ObjectNode) v.get("after")).put("opt_out", true));
        RawChange neverSet = edit(RecordedChanges.sample("postgres-read-person"),
                v -> ((ObjectNode) v.get("after")).putNull("opt_out"));
        RawChange garbled = edit(RecordedChanges.sample("postgres-read-person"),
                v -> ((ObjectNode) v.get("after")).put("opt_out", "Ana García"));

        assertThat(upsert(mapper.map(RecordedChanges.sample("postgres-read"))).record().consents())
                .as("opt_out false: not having opted out is no consent given, so no statement")
                .isEmpty();
        assertThat(upsert(mapper.map(optedOut)).record().consents())
                .containsExactly(new ConsentStatement(ConsentChannel.EMAIL, "marketing", false, null));
        assertThat(upsert(mapper.map(neverSet)).record().consents()).isEmpty();
        DeadLetter letter = rejected(mapper.map(garbled));
        assertThat(letter.key()).isEqualTo("crm/res_partner/2");
        assertThat(letter.reason()).contains("crm/res_partner", "column 'opt_out' (consent email/marketing)",
                "not a yes/no value", "yes/no").doesNotContain("Ana", "García");
    }

    private static Upsert upsert(MappingResult result) {
        assertThat(result).isInstanceOf(Upsert.class);
        return (Upsert) result;
    }

    private static DeadLetter rejected(MappingResult result) {
        assertThat(result).isInstanceOf(Rejected.class);
        return ((Rejected) result).deadLetter();
    }

    private static ChangeMapper mapperFor(String yaml) {
        return new ChangeMapper(SourceCatalogLoader.withVariables(Map.of()).parse("test.yaml", yaml), CLOCK);
    }

    /** A captured event: {"topic", "key", "value"} with key and value as JSON, as the engine hands them over. */

    private static RawChange edit(RawChange change, Consumer<JsonNode> edit) {
        try {
            JsonNode value = JSON.readTree(change.value());
            edit.accept(value);
            return new RawChange(change.topic(), change.key(), JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Kafka Connect's JsonConverter writes with schemas enabled (the schema is abridged: the mapper ignores it). */
    private static String wrap(String json) {
        return "{\"schema\":{\"type\":\"struct\",\"optional\":false,\"name\":\"envelope\",\"fields\":[]},\"payload\":"
                + json + "}";
    }
}
