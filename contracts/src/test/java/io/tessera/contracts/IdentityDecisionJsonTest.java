package io.tessera.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityDecisionJsonTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final RecordKey A = new RecordKey("crm", "res_partner", "1");
    private static final RecordKey B = new RecordKey("erp", "tabCustomer", "CUST-1");

    private static ProfileMember member(RecordKey key, RecordKey other) {
        SourceRecord record = new SourceRecord(key, EntityKind.PERSON,
                new Attributes("Ana", null, null, null, List.of("ana@example.com"), List.of(), null, null), T, "p1");
        return new ProfileMember(record, List.of(new Evidence(other, "same-email", "a***@example.com", 1.0)));
    }

    private static IdentityDecision roundTrip(IdentityDecision decision) {
        var serde = Topics.IDENTITY.valueSerde();
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", decision));
    }

    @Test
    void aMergeDecisionRoundTripsWithTheProfilesItAbsorbed() {
        IdentityDecision merge = new IdentityDecision("d-1", "p-1", List.of(member(A, B), member(B, A)), B, T,
                List.of("p-2"), null, null);

        assertThat(roundTrip(merge)).isEqualTo(merge);
    }

    @Test
    void splitAndRetiringDecisionsRoundTripWithTheProfileTheyRelateTo() {
        IdentityDecision split =
                new IdentityDecision("d-2", "p-3", List.of(member(A, B)), A, T, List.of(), "p-1", null);
        IdentityDecision retired = new IdentityDecision("d-3", "p-2", List.of(), B, T, List.of(), null, "p-1");

        assertThat(roundTrip(split)).isEqualTo(split);
        assertThat(roundTrip(retired)).isEqualTo(retired);
    }

    @Test
    void aDecisionWrittenBeforeMergesWereExplicitReadsAsNeitherMergeNorSplit() {
        String json = """
                {"decisionId":"d-1","profileId":"p-1","members":[],
                 "cause":{"source":"crm","table":"res_partner","pk":"1"},"decidedAt":"2026-11-22T10:00:00Z"}
                """;

        IdentityDecision decision = Topics.IDENTITY.valueSerde().deserializer()
                .deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(decision).isEqualTo(new IdentityDecision("d-1", "p-1", List.of(), A, T));
        assertThat(decision.mergedFrom()).isEmpty();
        assertThat(decision.splitFrom()).isNull();
        assertThat(decision.mergedInto()).isNull();
    }
}
