package io.tessera.projections.profile.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileReadModelCsvTest {

    @Test
    void valuesWithSeparatorsOrQuotesAreQuoted() {
        assertThat(ProfileReadModel.csv("CUST-2026-00001")).isEqualTo("CUST-2026-00001");
        assertThat(ProfileReadModel.csv("García, Ana")).isEqualTo("\"García, Ana\"");
        assertThat(ProfileReadModel.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ProfileReadModel.csv(null)).isEmpty();
    }
}
