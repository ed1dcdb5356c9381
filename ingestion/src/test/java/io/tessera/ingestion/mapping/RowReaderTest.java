package io.tessera.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.ingestion.source.ConsentMapping;
import io.tessera.ingestion.source.ConsentMapping.Meaning;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Facts and consent statements read from one row, as change events and CSV files deliver it. */
class RowReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ORDER_FACTS = facts("order-total", "total", "currency", "currency");
    private static final ConsentMapping EMAIL_OPT_OUT =
            new ConsentMapping(ConsentChannel.EMAIL, null, "opt_out", Meaning.OPT_OUT, null);
    private static final ConsentMapping SMS_OPT_IN =
            new ConsentMapping(ConsentChannel.SMS, "service-updates", "sms_ok", Meaning.OPT_IN, "sms_ok_at");

    @Test
    void factsAreTheColumnsAsWrittenWithNumbersInPlainNotation() {
        RowReader decimalAsText = reader(row().put("total", "412.50").put("currency", " EUR "));
        RowReader decimalAsNumber = reader(row().put("total", new BigDecimal("4.1250E+2")).put("currency", "EUR"));
        RowReader whole = reader(row().put("total", 1240).put("currency", "EUR"));

        assertThat(decimalAsText.facts(ORDER_FACTS)).as("Debezium's decimal.handling.mode=string")
                .containsExactly(Map.entry("order-total", "412.50"), Map.entry("currency", "EUR"));
        assertThat(decimalAsNumber.facts(ORDER_FACTS)).containsEntry("order-total", "412.50");
        assertThat(whole.facts(ORDER_FACTS)).containsEntry("order-total", "1240");
        assertThat(reader(row().put("total", true).put("currency", "EUR")).facts(ORDER_FACTS))
                .containsEntry("order-total", "true");
        assertThat(List.of(decimalAsText, decimalAsNumber, whole)).allSatisfy(r -> assertThat(r.problems()).isEmpty());
    }

    @Test
    void aNullOrBlankFactIsAbsentAndAMissingOrObjectColumnIsAProblemNamingColumnAndFact() {
        RowReader empty = reader(row().putNull("total").put("currency", "  "));
        RowReader missing = reader(row().put("currency", "EUR"));
        ObjectNode object = row().put("currency", "EUR");
        object.putObject("total").put("amount", "412.50");
        RowReader nested = reader(object);

        assertThat(empty.facts(ORDER_FACTS)).isEmpty();
        assertThat(empty.problems()).isEmpty();
        assertThat(missing.facts(ORDER_FACTS)).containsExactly(Map.entry("currency", "EUR"));
        assertThat(missing.problems()).containsExactly("column 'total' (fact order-total) is not in the row; check "
                + "the column name in the mapping against the table");
        nested.facts(ORDER_FACTS);
        assertThat(nested.problems()).singleElement().asString()
                .contains("column 'total' (fact order-total) holds an object").doesNotContain("412");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "t", "T", "yes", "Yes", "y", "Y", "1", " true "})
    void aYesValueInTextIsConsentGivenForOptInAndWithdrawnForOptOut(String yes) {
        assertThat(statement(flag(Meaning.OPT_OUT), row().put("flag", yes)).granted()).isFalse();
        assertThat(statement(flag(Meaning.OPT_IN), row().put("flag", yes)).granted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "f", "F", "no", "NO", "n", "N", "0"})
    void aNoValueInTextIsConsentWithdrawnForOptInAndNoStatementForOptOut(String no) {
        // Not having opted out is not consent given: an opt-out column's "no" states nothing.
        assertThat(statements(flag(Meaning.OPT_OUT), row().put("flag", no))).isEmpty();
        assertThat(statement(flag(Meaning.OPT_IN), row().put("flag", no)).granted()).isFalse();
    }

    @Test
    void booleansAndOneOrZeroReadLikeTheirText() {
        // PostgreSQL boolean and MariaDB tinyint(1), as Debezium writes them.
        assertThat(statement(flag(Meaning.OPT_OUT), row().put("flag", true)).granted()).isFalse();
        assertThat(statements(flag(Meaning.OPT_OUT), row().put("flag", false))).isEmpty();
        assertThat(statement(flag(Meaning.OPT_OUT), row().put("flag", 1)).granted()).isFalse();
        assertThat(statements(flag(Meaning.OPT_OUT), row().put("flag", 0))).isEmpty();
        assertThat(statement(flag(Meaning.OPT_IN), row().put("flag", 1)).granted()).isTrue();
        assertThat(statement(flag(Meaning.OPT_IN), row().put("flag", true)).granted()).isTrue();
        assertThat(statement(flag(Meaning.OPT_IN), row().put("flag", 0)).granted()).isFalse();
        assertThat(statement(flag(Meaning.OPT_IN), row().put("flag", false)).granted()).isFalse();
        assertThat(statement(EMAIL_OPT_OUT, row().put("opt_out", true)))
                .isEqualTo(new ConsentStatement(ConsentChannel.EMAIL, "marketing", false, null));
    }

    @Test
    void nullOrBlankIsNoStatement() {
        for (ObjectNode row : List.of(row().putNull("opt_out"), row().put("opt_out", ""), row().put("opt_out", "  "))) {
            RowReader reader = reader(row);
            assertThat(reader.consents(List.of(EMAIL_OPT_OUT))).isEmpty();
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void anyOtherValueIsAProblemNamingTheColumnAndTheAcceptedValuesWithoutQuotingIt() {
        RowReader text = reader(row().put("opt_out", "ana@example.org"));
        RowReader number = reader(row().put("opt_out", 2));
        ObjectNode list = row();
        list.putArray("opt_out").add("yes");
        RowReader nested = reader(list);

        assertThat(text.consents(List.of(EMAIL_OPT_OUT))).isEmpty();
        assertThat(text.problems()).singleElement().asString()
                .startsWith("column 'opt_out' (consent email/marketing) holds text that is not a yes/no value")
                .contains("true/false, t/f, yes/no, y/n, 1/0 (any case)", "null or blank for no statement")
                .doesNotContain("ana@");
        number.consents(List.of(EMAIL_OPT_OUT));
        assertThat(number.problems()).singleElement().asString()
                .contains("column 'opt_out' (consent email/marketing) holds a number other than 1 and 0");
        nested.consents(List.of(EMAIL_OPT_OUT));
        assertThat(nested.problems()).singleElement().asString()
                .contains("column 'opt_out' (consent email/marketing) holds a list");
    }

    @Test
    void aMissingConsentOrAtColumnIsAProblemNamingIt() {
        RowReader reader = reader(row().put("other", 1));

        assertThat(reader.consents(List.of(EMAIL_OPT_OUT, SMS_OPT_IN))).isEmpty();
        assertThat(reader.problems()).containsExactly(
                "column 'opt_out' (consent email/marketing) is not in the row; check the column name in the mapping "
                        + "against the table",
                "column 'sms_ok' (consent sms/service-updates) is not in the row; check the column name in the mapping "
                        + "against the table",
                "column 'sms_ok_at' (consent sms/service-updates, at) is not in the row; check the column name in the "
                        + "mapping against the table");
    }

    @Test
    void theAtColumnSaysWhenInEveryFormDebeziumOrAnExportWritesIt() {
        Instant tenAm = Instant.parse("2026-03-01T10:00:00Z");
        Instant midnight = Instant.parse("2026-03-01T00:00:00Z");
        // Debezium without schema: timestamp(6)/datetime(6) in microseconds, timestamp(3) in milliseconds, date in days.
        assertThat(statedAt(row().put("sms_ok_at", tenAm.toEpochMilli() * 1000 + 123))).isEqualTo(tenAm.plusNanos(123_000));
        assertThat(statedAt(row().put("sms_ok_at", tenAm.toEpochMilli()))).isEqualTo(tenAm);
        assertThat(statedAt(row().put("sms_ok_at", 20_513))).isEqualTo(midnight);
        // timestamptz (Debezium's ZonedTimestamp) and exports (psql, CSV) as text.
        assertThat(statedAt(row().put("sms_ok_at", "2026-03-01T10:00:00.000000Z"))).isEqualTo(tenAm);
        assertThat(statedAt(row().put("sms_ok_at", "2026-03-01T11:00:00+01:00"))).isEqualTo(tenAm);
        assertThat(statedAt(row().put("sms_ok_at", "2026-03-01 11:00:00+01"))).isEqualTo(tenAm);
        assertThat(statedAt(row().put("sms_ok_at", "2026-03-01 10:00:00"))).as("no offset: UTC").isEqualTo(tenAm);
        assertThat(statedAt(row().put("sms_ok_at", "2026-03-01"))).isEqualTo(midnight);
        assertThat(statedAt(row().putNull("sms_ok_at"))).isNull();
        assertThat(statedAt(row().put("sms_ok_at", " "))).isNull();
    }

    @Test
    void anAtValueThatIsNoDateIsAProblemAndIsOnlyReadWhenThereIsAStatement() {
        RowReader bad = reader(row().put("sms_ok", "yes").put("sms_ok_at", "last spring"));
        RowReader noStatement = reader(row().putNull("sms_ok").put("sms_ok_at", "last spring"));

        assertThat(bad.consents(List.of(SMS_OPT_IN))).isEmpty();
        assertThat(bad.problems()).singleElement().asString()
                .startsWith("column 'sms_ok_at' (consent sms/service-updates, at) holds text that is not a date or "
                        + "timestamp")
                .contains("2026-03-01T10:00:00Z").doesNotContain("spring");
        assertThat(noStatement.consents(List.of(SMS_OPT_IN))).isEmpty();
        assertThat(noStatement.problems()).isEmpty();
    }

    private static Instant statedAt(ObjectNode row) {
        RowReader reader = reader(row.put("sms_ok", "y"));
        List<ConsentStatement> statements = reader.consents(List.of(SMS_OPT_IN));
        assertThat(reader.problems()).isEmpty();
        assertThat(statements).singleElement().satisfies(s -> {
            assertThat(s.channel()).isEqualTo(ConsentChannel.SMS);
            assertThat(s.purpose()).isEqualTo("service-updates");
            assertThat(s.granted()).isTrue();
        });
        return statements.get(0).statedAt();
    }

    private static ConsentStatement statement(ConsentMapping mapping, ObjectNode row) {
        List<ConsentStatement> statements = statements(mapping, row);
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    private static List<ConsentStatement> statements(ConsentMapping mapping, ObjectNode row) {
        RowReader reader = reader(row);
        List<ConsentStatement> statements = reader.consents(List.of(mapping));
        assertThat(reader.problems()).isEmpty();
        return statements;
    }

    /** An e-mail marketing statement in column {@code flag}. */
    private static ConsentMapping flag(Meaning meaning) {
        return new ConsentMapping(ConsentChannel.EMAIL, "marketing", "flag", meaning, null);
    }

    private static ObjectNode row() {
        return JSON.createObjectNode();
    }

    private static RowReader reader(JsonNode row) {
        return new RowReader(row);
    }

    private static Map<String, String> facts(String... nameThenColumn) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < nameThenColumn.length; i += 2) {
            facts.put(nameThenColumn[i], nameThenColumn[i + 1]);
        }
        return facts;
    }
}
