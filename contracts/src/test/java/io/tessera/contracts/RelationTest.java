package io.tessera.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationTest {

    private static final RecordKey CONTACT = new RecordKey("crm", "res_partner", "12");
    private static final RecordKey COMPANY = new RecordKey("crm", "res_partner", "3");
    private static final RecordKey CUSTOMER = new RecordKey("erp", "tabCustomer", "CUST-0001");
    private static final Attributes ATTRIBUTES = new Attributes("Ana García", null, null, null, List.of(), List.of(),
            null, null);

    private final ObjectMapper json = Json.mapper();

    @Test
    void relationsSurviveAJsonRoundTrip() throws Exception {
        SourceRecord record = new SourceRecord(CONTACT, EntityKind.PERSON, ATTRIBUTES,
                Instant.parse("2026-01-01T00:00:00Z"), "lsn:1", List.of(new Relation("employee-of", COMPANY)));

        SourceRecord read = json.readValue(json.writeValueAsString(record), SourceRecord.class);

        assertThat(read).isEqualTo(record);
        assertThat(read.relations()).containsExactly(new Relation("employee-of", COMPANY));
    }

    @Test
    void aSameEntityRelationKeepsItsMeaningThroughJsonAndARelationWrittenBeforeItExistedIsNotOne() throws Exception {
        Relation primaryContact = new Relation("primary-contact", CONTACT, true);
        SourceRecord record = new SourceRecord(CUSTOMER, EntityKind.PERSON, ATTRIBUTES, null, null,
                List.of(primaryContact));

        assertThat(json.readValue(json.writeValueAsString(record), SourceRecord.class).relations())
                .containsExactly(primaryContact);
        assertThat(json.readValue("{\"type\":\"employee-of\",\"target\":{\"source\":\"crm\","
                + "\"table\":\"res_partner\",\"pk\":\"1\"}}", Relation.class).sameEntity()).isFalse();
    }

    @Test
    void aRecordWrittenBeforeRelationsExistedReadsWithoutRelations() throws Exception {
        String old = """
                {"key":{"source":"crm","table":"res_partner","pk":"12"},"kind":"PERSON",
                 "attributes":{"fullName":"Ana García","emails":[],"phones":[]},
                 "changedAt":"2026-01-01T00:00:00Z","position":"lsn:1"}""";

        assertThat(json.readValue(old, SourceRecord.class).relations()).isEmpty();
    }

    @Test
    void theOrderTheMappingListsRelationsInDoesNotMakeRecordsDiffer() {
        Relation employer = new Relation("employee-of", COMPANY);
        Relation customer = new Relation("contact-of", CUSTOMER);

        SourceRecord one = new SourceRecord(CONTACT, EntityKind.PERSON, ATTRIBUTES, null, null,
                List.of(employer, customer, employer));
        SourceRecord other = new SourceRecord(CONTACT, EntityKind.PERSON, ATTRIBUTES, null, null,
                List.of(customer, employer));

        assertThat(one).isEqualTo(other);
        assertThat(one.relations()).containsExactly(customer, employer);
    }

    @Test
    void aRelationTypeIsLowerCaseWordsJoinedByHyphens() {
        assertThat(Relation.isValidType("employee-of")).isTrue();
        assertThat(Relation.isValidType("Employee Of")).isFalse();
        assertThat(Relation.isValidType("employee-")).isFalse();
        assertThatThrownBy(() -> new Relation("works_for", COMPANY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("employee-of")
                .hasMessageContaining("works_for");
    }
}
