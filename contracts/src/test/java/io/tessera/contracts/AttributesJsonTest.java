package io.tessera.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesJsonTest {

    private final ObjectMapper json = Json.mapper();

    @Test
    void dateOfBirthAndIdentifiersSurviveARoundTrip() throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("soc_sec_id", "1804974");
        ids.put("passport", "X123");
        SourceRecord record = new SourceRecord(new RecordKey("febrl", "dataset3", "rec-1-org"), EntityKind.PERSON,
                new Attributes(null, "mitchell", "green", null, List.of(), List.of(),
                        new Address("wallaby place", "2119", "cleveland", null, "AU"), null, "19560409", ids),
                Instant.parse("2026-01-01T00:00:00Z"), null);

        String text = json.writeValueAsString(record);
        SourceRecord read = json.readValue(text, SourceRecord.class);

        assertThat(read).isEqualTo(record);
        assertThat(read.attributes().dateOfBirth()).isEqualTo("19560409");
        assertThat(read.attributes().identifiers().keySet()).containsExactly("passport", "soc_sec_id");
    }

    @Test
    void recordsWrittenBeforeTheNewFieldsStillRead() throws Exception {
        String old = """
                {"key":{"source":"crm","table":"res_partner","pk":"42"},"kind":"PERSON",
                 "attributes":{"fullName":"Ana García","givenName":null,"familyName":null,"companyName":null,
                   "emails":["ana@example.es"],"phones":[],"address":{"street":null,"postcode":null,"city":"Madrid",
                   "region":null,"country":"ES"},"taxId":null},
                 "changedAt":"2026-01-01T00:00:00Z","position":"lsn:1"}""";

        SourceRecord read = json.readValue(old, SourceRecord.class);

        assertThat(read.attributes().dateOfBirth()).isNull();
        assertThat(read.attributes().identifiers()).isEmpty();
        assertThat(read.attributes().emails()).containsExactly("ana@example.es");
    }

    @Test
    void theEightArgumentConstructorLeavesTheNewFieldsEmpty() {
        Attributes attributes = new Attributes("A B", null, null, null, null, null, null, null);

        assertThat(attributes.identifiers()).isEmpty();
        assertThat(attributes.dateOfBirth()).isNull();
    }
}
