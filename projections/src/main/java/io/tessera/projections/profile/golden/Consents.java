package io.tessera.projections.profile.golden;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A profile's consent per channel and purpose: the latest statement wins, whether a source's record made it or a
 * caller of the API. A source statement without a time of its own counts from the change of its record that first
 * showed its current value (an unrelated change of the row does not restate it). On a tie a withdrawal wins:
 * contacting someone who said no is the worse mistake.
 */
public final class Consents {

    private Consents() {
    }

    /**
     * A statement recorded through the API, as the read model keeps it.
     *
     * @param statedBy the API caller who recorded it
     */
    public record ApiStatement(ConsentChannel channel, String purpose, boolean granted, Instant statedAt,
                               String statedBy, String note) {
    }

    /**
     * The consent in force for one channel and purpose, with the statement it comes from.
     *
     * @param channel  the channel
     * @param purpose  the purpose
     * @param granted  whether the person may be contacted on the channel for the purpose
     * @param statedAt when the winning statement was made (a source statement without a time: its record's change)
     * @param source   where the winning statement came from
     */
    public record Consent(ConsentChannel channel, String purpose, boolean granted, Instant statedAt, Origin source) {
    }

    /**
     * Where a statement came from: a source record ({@code record}, {@code system} its source), or the API
     * ({@code system} {@code api}, {@code statedBy} the caller, {@code note}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Origin(String system, RecordKey record, String statedBy, String note) {
    }

    private record Candidate(Consent consent, int apiFirst) {
    }

    private static final Comparator<Candidate> WINNER_FIRST = Comparator
            .comparing((Candidate c) -> c.consent().statedAt() == null ? Instant.MIN : c.consent().statedAt(),
                    Comparator.reverseOrder())
            .thenComparing(c -> c.consent().granted())
            .thenComparingInt(Candidate::apiFirst)
            .thenComparing(c -> c.consent().source().record() == null ? "" : c.consent().source().record().asString());

    /** The consent in force per channel and purpose, sorted by channel then purpose. */
    public static List<Consent> effective(List<SourceRecord> records, List<ApiStatement> api) {
        return effective(records, Map.of(), api);
    }

    /**
     * The consent in force per channel and purpose, sorted by channel then purpose.
     *
     * @param since per record, since when each of its statements without a time of its own has said what it says
     *              now (by {@link #topic}); a statement missing there counts at its record's change time
     */
    public static List<Consent> effective(List<SourceRecord> records, Map<RecordKey, Map<String, Instant>> since,
            List<ApiStatement> api) {
        Map<String, List<Candidate>> byTopic = new TreeMap<>();
        for (SourceRecord record : records) {
            Map<String, Instant> recordSince = since.getOrDefault(record.key(), Map.of());
            for (ConsentStatement statement : record.consents()) {
                Instant at = statement.statedAt() != null ? statement.statedAt()
                        : recordSince.getOrDefault(topic(statement.channel(), statement.purpose()), record.changedAt());
                Consent consent = new Consent(statement.channel(), statement.purpose(), statement.granted(), at,
                        new Origin(record.key().source(), record.key(), null, null));
                byTopic.computeIfAbsent(topic(consent), t -> new ArrayList<>()).add(new Candidate(consent, 1));
            }
        }
        for (ApiStatement statement : api) {
            Consent consent = new Consent(statement.channel(), statement.purpose(), statement.granted(),
                    statement.statedAt(), new Origin("api", null, statement.statedBy(), statement.note()));
            byTopic.computeIfAbsent(topic(consent), t -> new ArrayList<>()).add(new Candidate(consent, 0));
        }
        return byTopic.values().stream()
                .map(candidates -> candidates.stream().min(WINNER_FIRST).orElseThrow().consent())
                .toList();
    }

    private static String topic(Consent consent) {
        return String.format("%02d/%s", consent.channel().ordinal(), consent.purpose());
    }

    /** How a channel and purpose are named together: {@code email/marketing}. */
    public static String topic(ConsentChannel channel, String purpose) {
        return channel.configName() + "/" + purpose;
    }
}
