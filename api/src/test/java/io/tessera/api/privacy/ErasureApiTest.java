package io.tessera.api.privacy;

import static io.tessera.api.RunningTessera.awaitProfile;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static io.tessera.api.RunningTessera.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.TopicTail;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.projections.privacy.KeyEncryptionKey;
import io.tessera.projections.privacy.RecordKeyStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure on real servers, end to end: a person in the CRM and the ERP is erased by her email, and afterwards her
 * email and name are in none of the bytes Tessera keeps in PostgreSQL (event store, token store, read models and
 * every other table), in the search index, in Kafka's log files (Tessera's topics and resolution's changelogs) nor in
 * resolution's state on disk; on the topics her record is still there, sealed, and no longer opens; asking again changes nothing; an unknown person is 404, audited; only
 * privacy officers and admins may erase.
 */
class ErasureApiTest {

    private static final String NAME = "Zoraida Borrablez Quintanar";
    private static final String EMAIL = "zoraida.borrablez@erasure-example.es";
    private static final String ERP_PK = "CUST-ERA-00001";

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    private static HttpResponse<String> erase(String body, String user, String password) {
        return RunningTessera.post("/api/v1/privacy/erasure", body, user, password);
    }

    private static HttpResponse<String> eraseAsPrivacyOfficer(String body) {
        return erase(body, RunningTessera.PRIVACY_OFFICER, RunningTessera.PRIVACY_OFFICER_PASSWORD);
    }

    @Test
    void anErasedPersonIsInNoneOfTheStoredBytesAndASecondErasureChangesNothing() throws Exception {
        long crmId = RunningTessera.insertCrmPerson(NAME, EMAIL, "+34 655 44 33 21", "Calle Olvido 9", "28013");
        RunningTessera.insertErpIndividual(ERP_PK, NAME.toUpperCase(Locale.ROOT), EMAIL.toUpperCase(Locale.ROOT));
        JsonNode profile = awaitProfile("/api/v1/records/crm/res_partner/" + crmId + "/profile",
                p -> recordKeys(p).size() == 2);
        String id = profile.get("profileId").asText();
        assertThat(recordKeys(profile)).containsExactly("crm/res_partner/" + crmId, "erp/tabCustomer/" + ERP_PK);
        assertThat(tablesHolding(EMAIL)).as("the scan finds the person while she is held")
                .contains("profile_record").doesNotContain("domainevententry");
        assertThat(searchIndexText()).contains("borrablez");
        String crmKey = "crm/res_partner/" + crmId;
        assertThat(filesHolding(RunningTessera.workDir().resolve("kafka"), crmKey))
                .as("the scan reads the topics' log files: it finds the record's key, which is kept in clear")
                .anyMatch(file -> file.contains("tessera.records-0"));
        assertThat(filesHolding(RunningTessera.workDir(), "borrablez"))
                .as("Kafka's logs and resolution's state hold her data only encrypted, even while she is held")
                .isEmpty();
        assertThat(recordsOnTopic(crmKey)).as("her record on tessera.records opens with her key")
                .isNotEmpty().allSatisfy(record -> assertThat(record.attributes().emails()).contains(EMAIL));

        HttpResponse<String> erased = eraseAsPrivacyOfficer("{\"email\": \" Zoraida.Borrablez@Erasure-Example.es\"}");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode result = json(erased);
        String erasureId = result.get("erasureId").asText();
        assertThat(result.get("recordsErased").asInt()).isEqualTo(2);
        assertThat(result.get("profiles")).hasSize(1);
        assertThat(result.get("profiles").get(0).get("profileId").asText()).isEqualTo(id);
        assertThat(erased.body()).doesNotContainIgnoringCase(EMAIL);

        // At once, without waiting for the pipeline.
        assertThat(getAsAdmin("/api/v1/profiles/" + id).statusCode()).isEqualTo(404);
        assertThat(getAsAdmin("/api/v1/records/crm/res_partner/" + crmId + "/profile").statusCode()).isEqualTo(404);
        HttpResponse<String> access = getAsAdmin("/api/v1/privacy/export?email=" + EMAIL);
        assertThat(access.statusCode()).as(access.body()).isEqualTo(404);
        assertThat(getAsAdmin("/api/v1/privacy/export?profileId=" + id).statusCode()).isEqualTo(404);

        // The tombstones reach resolution, which takes the records out of the profile: it retires.
        await().atMost(RunningTessera.PIPELINE).pollInterval(Duration.ofMillis(200))
                .until(() -> events(id).contains("ProfileRetired"));
        assertThat(events(id)).contains("ProfileErased");
        JsonNode history = json(getAsAdmin("/api/v1/profiles/" + id + "/history?size=200"));
        JsonNode erasure = null;
        for (JsonNode event : history.get("events")) {
            if (event.get("type").asText().equals("profile-erased")) {
                erasure = event;
            }
        }
        assertThat(erasure).as(history.toString()).isNotNull();
        assertThat(erasure.get("decisionId").asText()).isEqualTo(erasureId);
        assertThat(erasure.get("erasedRecords")).hasSize(2);
        assertThat(history.toString()).doesNotContainIgnoringCase("borrablez");

        for (String value : List.of(EMAIL, NAME, "borrablez", "calle olvido")) {
            assertThat(tablesHolding(value)).as("tables of Tessera's PostgreSQL holding '%s'", value).isEmpty();
        }
        assertThat(searchIndexText()).doesNotContain("borrablez").doesNotContain("zoraida.borrablez");
        for (String value : List.of(EMAIL, NAME, "borrablez", "calle olvido", "655 44 33")) {
            assertThat(filesHolding(RunningTessera.workDir(), value))
                    .as("files of Kafka's logs and resolution's state holding '%s'", value).isEmpty();
        }
        assertThat(recordsOnTopic(crmKey)).as("her record is still on tessera.records until compaction, unreadable")
                .isNotEmpty().allSatisfy(record -> {
                    assertThat(record.erased()).isTrue();
                    assertThat(record.attributes()).isEqualTo(Attributes.NONE);
                });
        HttpResponse<String> search = getAsAdmin("/api/v1/profiles?q=borrablez");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(json(search).get("total").asLong()).as(search.body()).isZero();

        // Twice: nothing is left, nothing new is recorded, and the answer names the earlier erasure.
        HttpResponse<String> again = eraseAsPrivacyOfficer("{\"email\": \"" + EMAIL + "\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode repeated = json(again);
        assertThat(repeated.get("erasureId").isNull()).as(again.body()).isTrue();
        assertThat(repeated.get("recordsErased").asInt()).isZero();
        assertThat(repeated.get("earlierErasures").findValuesAsText("erasureId")).containsExactly(erasureId);
        HttpResponse<String> byProfile = erase("{\"profileId\": \"" + id + "\"}", RunningTessera.ADMIN,
                RunningTessera.ADMIN_PASSWORD);
        assertThat(byProfile.statusCode()).as(byProfile.body()).isEqualTo(200);
        assertThat(json(byProfile).get("recordsErased").asInt()).isZero();
        assertThat(count(id, "ProfileErased")).as("one erasure event").isEqualTo(1);
    }

    @Test
    void anUnknownPersonIsNotFoundAndAuditedAndOnlyPrivacyWorkMayErase() {
        HttpResponse<String> unknown = eraseAsPrivacyOfficer("{\"email\": \"nobody.here@erasure-example.es\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No profile holds a record with this email").doesNotContain("nobody.here");
        assertThat(eraseAsPrivacyOfficer("{\"profileId\": \"no-such-profile\"}").statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode entries = json(RunningTessera.get("/api/v1/audit?caller=" + RunningTessera.PRIVACY_OFFICER
                    + "&size=50", RunningTessera.PRIVACY_OFFICER, RunningTessera.PRIVACY_OFFICER_PASSWORD))
                    .get("entries");
            List<Integer> statuses = new ArrayList<>();
            entries.forEach(entry -> {
                if (entry.get("path").asText().equals("/api/v1/privacy/erasure")) {
                    statuses.add(entry.get("status").asInt());
                }
            });
            assertThat(statuses).contains(404);
        });

        assertThat(eraseAsPrivacyOfficer("{\"email\": \"a@b.es\", \"profileId\": \"x\"}").statusCode())
                .isEqualTo(400);
        assertThat(eraseAsPrivacyOfficer("{}").statusCode()).isEqualTo(400);
        assertThat(erase("{\"email\": \"a@b.es\"}", RunningTessera.MARKETER, RunningTessera.MARKETER_PASSWORD)
                .statusCode()).isEqualTo(403);
        assertThat(erase("{\"email\": \"a@b.es\"}", RunningTessera.ANALYST, RunningTessera.ANALYST_PASSWORD)
                .statusCode()).isEqualTo(403);
        assertThat(erase("{\"email\": \"a@b.es\"}", null, null).statusCode()).isEqualTo(401);
    }

    /** The payload types of the profile's stored events, in order. */
    private static List<String> events(String profileId) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection db = RunningTessera.tessera(); var select = db.prepareStatement(
                "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")) {
            select.setString(1, profileId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1).substring(rs.getString(1).lastIndexOf('.') + 1));
                }
            }
        }
        return types;
    }

    private static long count(String profileId, String type) throws SQLException {
        return events(profileId).stream().filter(type::equals).count();
    }

    /**
     * Every table of Tessera's PostgreSQL with a row holding the value, compared without case: each column read as
     * stored, binary columns (the event store's payload and metadata, tokens) as UTF-8 text.
     */
    private static List<String> tablesHolding(String value) throws SQLException {
        String wanted = value.toLowerCase(Locale.ROOT);
        List<String> holding = new ArrayList<>();
        try (Connection db = RunningTessera.tessera(); Statement sql = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("domainevententry", "tokenentry", "profile_record", "profile_view",
                    "record_relation", "profile_consent", "record_key");
            for (String table : tables) {
                try (ResultSet rows = sql.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    scan:
                    while (rows.next()) {
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            Object stored = rows.getObject(column);
                            String text = stored instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : rows.getString(column);
                            if (text != null && text.toLowerCase(Locale.ROOT).contains(wanted)) {
                                holding.add(table);
                                break scan;
                            }
                        }
                    }
                }
            }
        }
        return holding;
    }

    /**
     * The files under {@code root} in Kafka's logs ({@code kafka/}) and resolution's and capture's state
     * ({@code state/}) whose bytes hold the value, compared without case; Kafka's segments and RocksDB's files are
     * not compressed by Tessera's settings, so a value written in clear shows in them.
     */
    private static List<String> filesHolding(Path root, String value) throws IOException {
        String wanted = value.toLowerCase(Locale.ROOT);
        List<String> holding = new ArrayList<>();
        for (String part : List.of("kafka", "state")) {
            Path dir = root.endsWith(part) ? root : root.resolve(part);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(file);
                    } catch (NoSuchFileException e) {
                        continue; // a segment or SST file removed while we walked
                    }
                    if (new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(wanted)) {
                        holding.add(root.relativize(file).toString());
                    }
                }
            }
        }
        return holding;
    }

    /** The upserts of the record on {@code tessera.records}, read with the keys in Tessera's key table. */
    static List<SourceRecord> recordsOnTopic(String recordKey) {
        var context = RunningTessera.get().context();
        RecordKeyStore keys = new RecordKeyStore(context.getBean(DataSource.class), 10,
                context.getBean(KeyEncryptionKey.class));
        Deserializer<SourceRecord> reader = SealedRecords.serde(SourceRecord.class, keys).deserializer();
        String bootstrap = context.getEnvironment().getRequiredProperty("tessera.kafka.bootstrap-servers");
        List<SourceRecord> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicTail.read(bootstrap, Topics.RECORDS.name(),
                Integer.MAX_VALUE, Duration.ofSeconds(30))) {
            if (recordKey.equals(record.key()) && record.value() != null) {
                found.add(reader.deserialize(record.topic(), record.value()));
            }
        }
        return found;
    }

    /** Every document of the profile index, as Elasticsearch returns them, lower case. */
    private static String searchIndexText() throws Exception {
        var environment = RunningTessera.get().context().getEnvironment();
        String index = environment.getProperty("tessera.elasticsearch.url") + "/"
                + environment.getProperty("tessera.elasticsearch.profile-index", "tessera-profiles");
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(index + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(index + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"size\": 10000, \"query\": {\"match_all\": {}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(all.body()).contains("\"hits\"");
        return all.body().toLowerCase(Locale.ROOT);
    }
}
