package io.tessera.api.admin;

import static io.tessera.api.RunningTessera.getAsAdmin;
import static io.tessera.api.RunningTessera.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.api.RunningTessera;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read models rebuilt from the event store on real servers equal the live ones: a digest taken on a quiet
 * system, a read model damaged by hand (a profile row and a record row deleted), a rebuild, and the same digest.
 */
class ReadModelRebuildTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void aRebuildFromTheEventStoreRestoresTheLiveReadModelsExactly() throws Exception {
        JsonNode live = quietDigest();
        assertThat(live.get("rows").get("profile_record").asLong()).isPositive();

        try (Connection tessera = RunningTessera.tessera()) {
            tessera.createStatement().executeUpdate(
                    "DELETE FROM profile_view WHERE profile_id = (SELECT min(profile_id) FROM profile_view)");
            tessera.createStatement().executeUpdate("""
                    DELETE FROM profile_record WHERE (source, source_table, source_pk) =
                        (SELECT source, source_table, source_pk FROM profile_record
                         ORDER BY source, source_table, source_pk LIMIT 1)""");
        }
        JsonNode damaged = json(getAsAdmin("/api/v1/admin/read-models/digest"));
        assertThat(damaged.get("digest").asText()).isNotEqualTo(live.get("digest").asText());

        HttpResponse<String> rebuild = post("/api/v1/admin/read-models/rebuild?waitSeconds=300",
                RunningTessera.ADMIN, RunningTessera.ADMIN_PASSWORD);
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(200);
        JsonNode rebuilt = json(rebuild);
        assertThat(rebuilt.get("complete").asBoolean()).isTrue();
        assertThat(rebuilt.get("digest").get("perTable")).isEqualTo(live.get("perTable"));
        assertThat(rebuilt.get("digest").get("digest").asText()).isEqualTo(live.get("digest").asText());

        JsonNode search = json(getAsAdmin("/api/v1/profiles?q=kind:person&size=1"));
        assertThat(search.get("total").asLong()).as("the search index is rebuilt too").isPositive();
    }

    @Test
    void onlyAdminsRebuildOrReadTheDigest() throws Exception {
        assertThat(post("/api/v1/admin/read-models/rebuild", RunningTessera.ANALYST,
                RunningTessera.ANALYST_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(RunningTessera.get("/api/v1/admin/read-models/digest", RunningTessera.MARKETER,
                RunningTessera.MARKETER_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/admin/read-models/rebuild?waitSeconds=0", RunningTessera.ADMIN,
                RunningTessera.ADMIN_PASSWORD).statusCode()).isEqualTo(400);
    }

    /** The digest once two readings five seconds apart agree: the pipeline has applied what earlier tests did. */
    private static JsonNode quietDigest() {
        AtomicReference<JsonNode> previous = new AtomicReference<>();
        AtomicReference<JsonNode> settled = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            JsonNode now = json(getAsAdmin("/api/v1/admin/read-models/digest"));
            JsonNode before = previous.getAndSet(now);
            if (before != null && before.get("digest").equals(now.get("digest"))) {
                settled.set(now);
                return true;
            }
            return false;
        });
        return settled.get();
    }

    private static HttpResponse<String> post(String path, String user, String password) {
        return RunningTessera.post(path, null, user, password);
    }
}
