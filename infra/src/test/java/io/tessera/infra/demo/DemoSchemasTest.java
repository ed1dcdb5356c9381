package io.tessera.infra.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSchemasTest {

    @Test
    void crmScriptCreatesItsTablesIdempotentlyAndInsertsTheCountriesOnce() {
        List<String> statements = DemoSchemas.statements(DemoSchemas.CRM_RESOURCE);

        assertThat(statements).filteredOn(s -> s.startsWith("CREATE TABLE"))
                .allMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS"))
                .hasSize(3)
                .anyMatch(s -> s.contains("tessera_heartbeat"));
        String countries = statements.stream().filter(s -> s.startsWith("INSERT INTO res_country")).findFirst()
                .orElseThrow();
        assertThat(countries).contains("ON CONFLICT DO NOTHING");
        // Fixed ids: country_id of a partner means the same country on every machine.
        for (DemoCountry country : DemoCountry.values()) {
            assertThat(countries)
                    .contains("(" + country.crmId() + ", '" + country.code() + "', '" + country.englishName() + "')");
        }
        assertThat(statements).noneMatch(s -> s.contains("--"));
    }

    @Test
    void erpScriptCreatesTheFourFrappeTables() {
        List<String> statements = DemoSchemas.statements(DemoSchemas.ERP_RESOURCE);

        assertThat(statements).hasSize(4).allMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS"));
        assertThat(statements).anyMatch(s -> s.contains("`tabDynamic Link`"));
        assertThat(statements).allMatch(s -> s.contains("utf8mb4"));
    }

    @Test
    void splitterKeepsSemicolonsAndDashesInsideQuotes() {
        List<String> statements = DemoSchemas.split("""
                -- a comment; with a semicolon
                INSERT INTO t VALUES ('a;b', 'c--d'); -- trailing
                SELECT `x;y` FROM t
                """);

        assertThat(statements).containsExactly("INSERT INTO t VALUES ('a;b', 'c--d')", "SELECT `x;y` FROM t");
    }
}
