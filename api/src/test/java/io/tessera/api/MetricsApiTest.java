package io.tessera.api;

import static io.tessera.api.RunningTessera.PIPELINE;
import static io.tessera.api.RunningTessera.get;
import static io.tessera.api.RunningTessera.getAsAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipeline's figures in Prometheus form, as an operator's scraper reads them from the running product. */
class MetricsApiTest {

    @BeforeAll
    static void start() {
        RunningTessera.get();
    }

    @Test
    void sourcesResolutionAndProfilesAreScrapedPerSourceAndOutcome() {
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String scrape = getAsAdmin("/actuator/prometheus").body();
            assertThat(value(scrape, "tessera_source_changes_total{outcome=\"mapped\",source=\"crm\"}"))
                    .isGreaterThan(0);
            assertThat(value(scrape, "tessera_source_changes_total{outcome=\"mapped\",source=\"erp\"}"))
                    .isGreaterThan(0);
            assertThat(value(scrape, "tessera_source_state{source=\"crm\",state=\"running\"}")).isEqualTo(1);
            assertThat(value(scrape, "tessera_source_state{source=\"crm\",state=\"failed\"}")).isZero();
            assertThat(value(scrape, "tessera_source_snapshot_rows_total{source=\"crm\"}")).isGreaterThan(0);
            assertThat(value(scrape, "tessera_source_lag_seconds{source=\"crm\"}")).as("NaN before any change")
                    .isNotNaN();
            assertThat(value(scrape, "tessera_profiles_decisions_total{outcome=\"applied\"}")).isGreaterThan(0);
            assertThat(scrape).contains("tessera_resolution_records_unusable_total");
        });
        assertThat(get("/actuator/prometheus", null, null).statusCode()).as("a scrape needs a caller").isEqualTo(401);
    }

    /** The value of one sample line, e.g. {@code name{tags} 12.0}; fails when the sample is missing. */
    private static double value(String scrape, String sample) {
        Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(line.find()).as("sample %s in the scrape", sample).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
