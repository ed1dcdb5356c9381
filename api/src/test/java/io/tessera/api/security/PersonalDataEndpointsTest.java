package io.tessera.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths answer personal data, and what their paths say about what they read. */
class PersonalDataEndpointsTest {

    private final PersonalDataEndpoints endpoints = new PersonalDataEndpoints();

    @Test
    void theExportIsNotTakenForAProfileAndEverythingUnderAProfileIsPersonal() {
        assertThat(endpoints.match("/api/v1/profiles/export")).hasValueSatisfying(match -> {
            assertThat(match.endpoint().personalValues()).isFalse();
            assertThat(match.profileId()).isNull();
        });
        for (String path : new String[] {"/api/v1/profiles/p-1", "/api/v1/profiles/p-1/explain",
                "/api/v1/profiles/p-1/history", "/api/v1/profiles/p-1/anything-added-later"}) {
            assertThat(endpoints.match(path)).as(path).hasValueSatisfying(match -> {
                assertThat(match.profileId()).isEqualTo("p-1");
                assertThat(match.endpoint().personalValues()).isTrue();
            });
        }
    }

    @Test
    void aRecordLookupNamesItsRecordEvenWithAnEncodedSlashInTheKey() {
        assertThat(endpoints.match("/api/v1/records/erp/tabCustomer/CUST%2F7/profile")).hasValueSatisfying(match ->
                assertThat(match.recordKey()).isEqualTo("erp/tabCustomer/CUST%2F7"));
        assertThat(endpoints.match("/api/v1/records/crm/res_partner/42/profile")).hasValueSatisfying(match ->
                assertThat(match.recordKey()).isEqualTo("crm/res_partner/42"));
    }

    @Test
    void searchExplainAndTheAuditLogArePersonalOperationsAreNot() {
        assertThat(endpoints.match("/api/v1/profiles")).isPresent();
        assertThat(endpoints.match("/api/v1/explain")).hasValueSatisfying(match ->
                assertThat(match.endpoint().recordKeyParameters()).containsExactlyInAnyOrder("a", "b"));
        assertThat(endpoints.match("/api/v1/audit")).hasValueSatisfying(match ->
                assertThat(match.endpoint().profileIdParameter()).isEqualTo("profileId"));
        assertThat(endpoints.match("/api/v1/privacy/export")).hasValueSatisfying(match ->
                assertThat(match.endpoint().parameters()).contains("email"));
        assertThat(endpoints.match("/api/v1/sources")).isEmpty();
        assertThat(endpoints.match("/actuator/health")).isEmpty();
        assertThat(endpoints.match("/v3/api-docs")).isEmpty();
    }
}
