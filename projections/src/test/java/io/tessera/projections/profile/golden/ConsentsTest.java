package io.tessera.projections.profile.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void theLatestStatementWinsWhetherASourceOrTheApiMadeIt() {
        SourceRecord crm = record("crm", "1", day(5), new ConsentStatement(ConsentChannel.EMAIL, null, true, day(2)));
        var apiWithdrawal = new Consents.ApiStatement(ConsentChannel.EMAIL, "marketing", false, day(3), "privacy",
                "called in");

        Consents.Consent email = Consents.effective(List.of(crm), List.of(apiWithdrawal)).getFirst();

        assertThat(email.granted()).isFalse();
        assertThat(email.source()).isEqualTo(new Consents.Origin("api", null, "privacy", "called in"));

        SourceRecord regranted = record("crm", "1", day(9),
                new ConsentStatement(ConsentChannel.EMAIL, null, true, day(8)));
        Consents.Consent later = Consents.effective(List.of(regranted), List.of(apiWithdrawal)).getFirst();
        assertThat(later.granted()).isTrue();
        assertThat(later.statedAt()).isEqualTo(day(8));
        assertThat(later.source().record()).isEqualTo(new RecordKey("crm", "t", "1"));
        assertThat(later.source().system()).isEqualTo("crm");
    }

    @Test
    void aSourceStatementWithoutATimeCountsAtItsRecordsChange() {
        SourceRecord shop = record("webshop", "7", day(6), new ConsentStatement(ConsentChannel.SMS, null, true, null));
        var older = new Consents.ApiStatement(ConsentChannel.SMS, "marketing", false, day(4), "mark", null);

        Consents.Consent sms = Consents.effective(List.of(shop), List.of(older)).getFirst();

        assertThat(sms.granted()).isTrue();
        assertThat(sms.statedAt()).isEqualTo(day(6));
    }

    @Test
    void aStatementWithoutATimeCountsFromTheChangeThatFirstShowedItNotFromLaterUnrelatedChanges() {
        // The CRM row said "yes" on day 1, the person withdrew through the API on day 3, the row's phone changed on
        // day 6: the CRM's "yes" still dates from day 1, so the withdrawal stands.
        SourceRecord crm = record("crm", "1", day(6), new ConsentStatement(ConsentChannel.EMAIL, null, true, null));
        var withdrawal = new Consents.ApiStatement(ConsentChannel.EMAIL, "marketing", false, day(3), "privacy", null);
        var since = Map.of(crm.key(), Map.of("email/marketing", day(1)));

        Consents.Consent email = Consents.effective(List.of(crm), since, List.of(withdrawal)).getFirst();

        assertThat(email.granted()).isFalse();
        assertThat(Consents.effective(List.of(crm), List.of(withdrawal)).getFirst().granted())
                .as("without the since time the row's last change would restate the yes").isTrue();
    }

    @Test
    void onATieTheWithdrawalWins() {
        SourceRecord granted = record("crm", "1", day(1), new ConsentStatement(ConsentChannel.PHONE, null, true, day(1)));
        SourceRecord refused = record("erp", "2", day(1), new ConsentStatement(ConsentChannel.PHONE, null, false,
                day(1)));

        assertThat(Consents.effective(List.of(granted, refused), List.of()).getFirst().granted()).isFalse();
        assertThat(Consents.effective(List.of(refused, granted), List.of()).getFirst().granted()).isFalse();
    }

    @Test
    void eachChannelAndPurposeStandsAlone() {
        SourceRecord crm = record("crm", "1", day(1),
                new ConsentStatement(ConsentChannel.EMAIL, "marketing", false, day(1)),
                new ConsentStatement(ConsentChannel.EMAIL, "Service", true, day(1)));
        var whatsapp = new Consents.ApiStatement(ConsentChannel.WHATSAPP, "marketing", true, day(2), "mark", null);

        List<Consents.Consent> consents = Consents.effective(List.of(crm), List.of(whatsapp));

        assertThat(consents).extracting(c -> c.channel().configName() + "/" + c.purpose() + "=" + c.granted())
                .containsExactly("email/marketing=false", "email/service=true", "whatsapp/marketing=true");
    }

    private static Instant day(int days) {
        return T0.plusSeconds(86_400L * days);
    }

    private static SourceRecord record(String source, String pk, Instant changedAt, ConsentStatement... consents) {
        return new SourceRecord(new RecordKey(source, "t", pk), EntityKind.PERSON,
                new Attributes("Ana", null, null, null, List.of(), List.of(), Address.EMPTY, null), changedAt, "p",
                List.of(), Map.of(), List.of(consents));
    }
}
