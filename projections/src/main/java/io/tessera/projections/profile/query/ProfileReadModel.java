package io.tessera.projections.profile.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.Json;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.contracts.SourceRecord;
import io.tessera.projections.profile.golden.Consents;
import io.tessera.projections.profile.golden.GoldenAttribute;
import io.tessera.projections.profile.golden.GoldenRecord;
import io.tessera.projections.profile.golden.GoldenValue;
import io.tessera.projections.profile.golden.Survivorship;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/** The PostgreSQL read model of profiles: writes from the projection, reads for the API. */
public class ProfileReadModel {

    private static final TypeReference<List<Evidence>> EVIDENCE_LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Instant>> INSTANT_MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Survivorship survivorship;
    private final ObjectMapper json = Json.mapper();

    public ProfileReadModel(JdbcTemplate jdbc, Survivorship survivorship) {
        this.jdbc = jdbc;
        this.survivorship = survivorship;
    }

    /** Empties every read-model table, for a rebuild from the event store. */
    public void clear() {
        jdbc.execute("TRUNCATE record_relation, profile_record, profile_view, profile_consent");
    }

    /** Puts the record in the profile, moving it if another profile held it. */
    public void upsertRecord(String profileId, SourceRecord record, List<Evidence> evidence, Instant at) {
        upsertRecords(List.of(new RecordWrite(profileId, record, evidence, at)));
    }

    /** A record to put in a profile, as {@link #upsertRecord} takes it. */
    public record RecordWrite(String profileId, SourceRecord record, List<Evidence> evidence, Instant at) {
    }

    /**
     * {@link #upsertRecord} for many records, in two batches of statements (the records, then their relations)
     * instead of a round trip per record. Each record may appear only once: a second write of the same record must
     * come after the first is written, since it is compared with the stored row.
     */
    public void upsertRecords(List<RecordWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(writes.size());
        List<Object[]> relations = new ArrayList<>();
        for (RecordWrite change : writes) {
            SourceRecord record = change.record();
            RecordKey key = record.key();
            Map<String, Instant> since = consentSince(record, change.at());
            rows.add(new Object[] {key.source(), key.table(), key.pk(),
                    key.source(), key.table(), key.pk(), change.profileId(), record.kind().name(), write(record),
                    write(change.evidence()), timestamp(record.changedAt()), timestamp(change.at()),
                    timestamp(record.changedAt() == null ? change.at() : record.changedAt()),
                    since.isEmpty() ? null : write(since)});
            for (Relation relation : record.relations()) {
                RecordKey target = relation.target();
                relations.add(new Object[] {key.source(), key.table(), key.pk(), relation.type(), target.source(),
                        target.table(), target.pk()});
            }
        }
        // The record's relations are replaced: dropped in the same statement (one round trip), then inserted.
        jdbc.batchUpdate("""
                WITH dropped AS (
                    DELETE FROM record_relation WHERE source = ? AND source_table = ? AND source_pk = ?)
                INSERT INTO profile_record (source, source_table, source_pk, profile_id, entity_kind, record, evidence,
                                            changed_at, linked_at, first_seen, consent_since)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb)
                ON CONFLICT (source, source_table, source_pk) DO UPDATE SET
                    profile_id = EXCLUDED.profile_id, entity_kind = EXCLUDED.entity_kind, record = EXCLUDED.record,
                    evidence = EXCLUDED.evidence, changed_at = EXCLUDED.changed_at,
                    linked_at = CASE WHEN profile_record.profile_id = EXCLUDED.profile_id
                                     THEN profile_record.linked_at ELSE EXCLUDED.linked_at END,
                    first_seen = LEAST(profile_record.first_seen, EXCLUDED.first_seen),
                    consent_since = EXCLUDED.consent_since
                """, rows);
        if (!relations.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO record_relation (source, source_table, source_pk, relation_type, target_source,
                                                 target_table, target_pk)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, relations);
        }
    }

    /**
     * Since when the record has said what it now says in each consent statement without a time of its own: kept from
     * the stored row while the statement is unchanged, else this version's change time. So a row changed for another
     * reason (a new phone number) does not restate an old "yes" over a later withdrawal made elsewhere.
     */
    private Map<String, Instant> consentSince(SourceRecord record, Instant at) {
        List<ConsentStatement> untimed = record.consents().stream().filter(c -> c.statedAt() == null).toList();
        if (untimed.isEmpty()) {
            return Map.of();
        }
        Map<String, Instant> previousSince = new HashMap<>();
        Map<String, Boolean> previousGranted = new HashMap<>();
        RecordKey key = record.key();
        // The stored version and its since-times, in one read.
        jdbc.query("""
                SELECT record::text, consent_since::text FROM profile_record
                WHERE source = ? AND source_table = ? AND source_pk = ?
                """, rs -> {
            read(rs.getString(1), SourceRecord.class).consents()
                    .forEach(c -> previousGranted.put(Consents.topic(c.channel(), c.purpose()), c.granted()));
            if (rs.getString(2) != null) {
                previousSince.putAll(read(rs.getString(2), INSTANT_MAP));
            }
        }, key.source(), key.table(), key.pk());
        Instant now = record.changedAt() == null ? at : record.changedAt();
        Map<String, Instant> since = new TreeMap<>();
        for (ConsentStatement statement : untimed) {
            String topic = Consents.topic(statement.channel(), statement.purpose());
            Instant kept = previousSince.get(topic);
            boolean unchanged = Boolean.valueOf(statement.granted()).equals(previousGranted.get(topic));
            since.put(topic, unchanged && kept != null ? kept : now);
        }
        return since;
    }

    /** Removes the record from this profile only: if it has already moved on, the newer owner keeps it. */
    public void removeRecord(String profileId, RecordKey key) {
        jdbc.update("DELETE FROM profile_record WHERE source = ? AND source_table = ? AND source_pk = ? AND profile_id = ?",
                key.source(), key.table(), key.pk(), profileId);
        // Its relations go with the record, unless another profile holds it by now.
        jdbc.update("""
                DELETE FROM record_relation r WHERE source = ? AND source_table = ? AND source_pk = ?
                AND NOT EXISTS (SELECT 1 FROM profile_record p
                                WHERE p.source = r.source AND p.source_table = r.source_table AND p.source_pk = r.source_pk)
                """, key.source(), key.table(), key.pk());
    }

    /**
     * Deletes erased records from the read model, wherever they are, with their relations. The caller refreshes the
     * profiles that held them.
     *
     * @return the profiles that held any of them
     */
    public SortedSet<String> forgetRecords(List<RecordKey> keys) {
        SortedSet<String> held = new TreeSet<>();
        for (RecordKey key : keys) {
            held.addAll(jdbc.queryForList("""
                    DELETE FROM profile_record WHERE source = ? AND source_table = ? AND source_pk = ?
                    RETURNING profile_id""", String.class, key.source(), key.table(), key.pk()));
            jdbc.update("DELETE FROM record_relation WHERE source = ? AND source_table = ? AND source_pk = ?",
                    key.source(), key.table(), key.pk());
        }
        return held;
    }

    /** Deletes the API consent statements of an erased profile, once it holds no record any more. */
    public void forgetConsentsOfEmptyProfile(String profileId) {
        jdbc.update("""
                DELETE FROM profile_consent WHERE profile_id = ?
                AND NOT EXISTS (SELECT 1 FROM profile_record WHERE profile_id = ?)""", profileId, profileId);
    }

    /**
     * Recomputes the profile's summary row from its records; removes it when none is left. The details it returns,
     * for the search index, leave the relations out.
     */
    public Optional<ProfileDetails> refreshSummary(String profileId, Instant at) {
        return Optional.ofNullable(refreshSummaries(Map.of(profileId, at)).get(profileId));
    }

    /**
     * {@link #refreshSummary} for many profiles, each with the time of its latest change, in a fixed number of
     * statements: their records in one query, their API statements in another, the summary rows written in one batch
     * and those of profiles without records deleted in one statement. A projection batch refreshes every profile it
     * touched; one at a time, three statements each, that was about a third of the projection's time in a profile of
     * a bulk load.
     *
     * @return the details of the profiles that hold records, by id; a profile left without any is absent
     */
    public Map<String, ProfileDetails> refreshSummaries(Map<String, Instant> profiles) {
        if (profiles.isEmpty()) {
            return Map.of();
        }
        String[] ids = profiles.keySet().toArray(String[]::new);
        Map<String, List<RecordView>> records = new HashMap<>();
        jdbc.query("""
                SELECT profile_id, record::text, evidence::text, linked_at, first_seen, consent_since::text
                FROM profile_record WHERE profile_id = ANY (?)
                ORDER BY profile_id, source, source_table, source_pk
                """, (ResultSet rs) -> {
            records.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(recordView(rs, 2));
        }, (Object) ids);
        Map<String, List<Consents.ApiStatement>> api = new HashMap<>();
        jdbc.query("""
                SELECT profile_id, channel, purpose, granted, stated_at, stated_by, note FROM profile_consent
                WHERE profile_id = ANY (?) ORDER BY profile_id, channel, purpose
                """, (ResultSet rs) -> {
            api.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new Consents.ApiStatement(
                    ConsentChannel.fromConfig(rs.getString(2)), rs.getString(3), rs.getBoolean(4),
                    rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)));
        }, (Object) ids);
        Map<String, ProfileDetails> present = new LinkedHashMap<>();
        List<String> gone = new ArrayList<>();
        profiles.forEach((profileId, at) -> {
            List<RecordView> held = records.get(profileId);
            if (held == null) {
                gone.add(profileId);
                return;
            }
            GoldenRecord golden = golden(held);
            // Without relations: they cost two queries and the search document does not hold them; find() reads them.
            present.put(profileId, new ProfileDetails(profileId, displayName(golden), held.getFirst().record().kind(),
                    held.size(), at, golden, consents(held, api.getOrDefault(profileId, List.of())), held, List.of()));
        });
        if (!gone.isEmpty()) {
            jdbc.update("DELETE FROM profile_view WHERE profile_id = ANY (?)", (Object) gone.toArray(String[]::new));
        }
        List<Object[]> rows = present.values().stream()
                .map(p -> new Object[] {p.profileId(), p.displayName(), p.kind().name(), p.recordCount(),
                        timestamp(p.updatedAt())})
                .toList();
        jdbc.batchUpdate("""
                INSERT INTO profile_view (profile_id, display_name, entity_kind, record_count, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (profile_id) DO UPDATE SET display_name = EXCLUDED.display_name,
                    entity_kind = EXCLUDED.entity_kind, record_count = EXCLUDED.record_count,
                    updated_at = EXCLUDED.updated_at
                """, rows);
        return present;
    }

    public Optional<ProfileDetails> find(String profileId) {
        List<ProfileDetails> rows = jdbc.query(
                "SELECT profile_id, display_name, entity_kind, record_count, updated_at FROM profile_view WHERE profile_id = ?",
                (rs, i) -> new ProfileDetails(rs.getString(1), rs.getString(2), EntityKind.valueOf(rs.getString(3)),
                        rs.getInt(4), rs.getTimestamp(5).toInstant(), null, List.of(), List.of(), List.of()),
                profileId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ProfileDetails summary = rows.getFirst();
        List<RecordView> records = records(profileId);
        if (records.isEmpty()) {
            // The profile lost its last record between the two reads.
            return Optional.empty();
        }
        // Name and count from the records read here, not from the summary row read a moment before: the projection
        // may have committed in between, and the answer must agree with itself.
        GoldenRecord golden = golden(records);
        return Optional.of(new ProfileDetails(summary.profileId(), displayName(golden), summary.kind(),
                records.size(), summary.updatedAt(), golden, consents(profileId, records), records,
                relations(profileId)));
    }

    /** The consent in force per channel and purpose: the latest statement of the records and the API. */
    public List<Consents.Consent> consents(String profileId, List<RecordView> records) {
        return consents(records, apiConsents(profileId));
    }

    /** The consent in force given the records and the profile's API statements. */
    private static List<Consents.Consent> consents(List<RecordView> records, List<Consents.ApiStatement> api) {
        Map<RecordKey, Map<String, Instant>> since = new HashMap<>();
        records.forEach(r -> since.put(r.record().key(), r.consentSince()));
        return Consents.effective(records.stream().map(RecordView::record).toList(), since, api);
    }

    /** The latest statement made through the API per channel and purpose. */
    public List<Consents.ApiStatement> apiConsents(String profileId) {
        return jdbc.query("""
                SELECT channel, purpose, granted, stated_at, stated_by, note FROM profile_consent
                WHERE profile_id = ? ORDER BY channel, purpose
                """, (rs, i) -> new Consents.ApiStatement(ConsentChannel.fromConfig(rs.getString(1)), rs.getString(2),
                rs.getBoolean(3), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6)), profileId);
    }

    /**
     * Whether the read model has taken an API statement: it is the one the profile keeps for its channel and purpose,
     * or a later statement already is.
     */
    public boolean consentStatementSettled(String profileId, ConsentChannel channel, String purpose,
            String statementId, Instant statedAt) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM profile_consent WHERE profile_id = ? AND channel = ? AND purpose = ?
                AND (statement_id = ? OR stated_at > ?)
                """, Integer.class, profileId, channel.configName(), purpose, statementId, timestamp(statedAt));
        return count != null && count > 0;
    }

    /** Keeps an API statement unless the profile holds a later one for the same channel and purpose. */
    public void stateConsent(String profileId, String statementId, ConsentChannel channel, String purpose,
            boolean granted, Instant statedAt, String statedBy, String note) {
        jdbc.update("""
                INSERT INTO profile_consent (profile_id, channel, purpose, granted, stated_at, stated_by, note,
                                             statement_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (profile_id, channel, purpose) DO UPDATE SET granted = EXCLUDED.granted,
                    stated_at = EXCLUDED.stated_at, stated_by = EXCLUDED.stated_by, note = EXCLUDED.note,
                    statement_id = EXCLUDED.statement_id
                WHERE EXCLUDED.stated_at >= profile_consent.stated_at
                """, profileId, channel.configName(), purpose, granted, timestamp(statedAt), statedBy, note,
                statementId);
    }

    /**
     * Gives one profile's API statements to another, the later statement winning where both hold one: the
     * survivor of a merge takes the absorbed profile's (and they leave it, {@code move}); a profile split off keeps
     * a copy of its parent's.
     */
    public void inheritConsents(String fromProfile, String toProfile, boolean move) {
        jdbc.update("""
                INSERT INTO profile_consent (profile_id, channel, purpose, granted, stated_at, stated_by, note,
                                             statement_id)
                SELECT ?, channel, purpose, granted, stated_at, stated_by, note, statement_id
                FROM profile_consent WHERE profile_id = ?
                ON CONFLICT (profile_id, channel, purpose) DO UPDATE SET granted = EXCLUDED.granted,
                    stated_at = EXCLUDED.stated_at, stated_by = EXCLUDED.stated_by, note = EXCLUDED.note,
                    statement_id = EXCLUDED.statement_id
                WHERE EXCLUDED.stated_at > profile_consent.stated_at
                """, toProfile, fromProfile);
        if (move) {
            jdbc.update("DELETE FROM profile_consent WHERE profile_id = ?", fromProfile);
        }
    }

    /**
     * The profile's relations to other profiles: those its records hold (outgoing) and those other profiles' records
     * hold towards its records (incoming), each with the record pairs it comes from. Read through the records'
     * current profiles, so a merge or split of either side shows at once. Sorted by type, direction, then the other
     * profile's name and id; a relation whose target record is not known yet comes last, without a profile. A
     * relation between two records of the profile itself (an individual customer and her primary address) is not a
     * relation to another profile and is left out.
     */
    public List<RelationView> relations(String profileId) {
        record Row(String type, RelationView.Direction direction, String profileId, String displayName, String kind,
                   RecordKey from, RecordKey to) {
        }
        List<Row> rows = new ArrayList<>(jdbc.query("""
                SELECT r.relation_type, t.profile_id, v.display_name, v.entity_kind,
                       r.source, r.source_table, r.source_pk, r.target_source, r.target_table, r.target_pk
                FROM profile_record p
                JOIN record_relation r
                  ON r.source = p.source AND r.source_table = p.source_table AND r.source_pk = p.source_pk
                LEFT JOIN profile_record t
                  ON t.source = r.target_source AND t.source_table = r.target_table AND t.source_pk = r.target_pk
                LEFT JOIN profile_view v ON v.profile_id = t.profile_id
                WHERE p.profile_id = ? AND (t.profile_id IS NULL OR t.profile_id <> p.profile_id)
                """, (rs, i) -> new Row(rs.getString(1), RelationView.Direction.OUTGOING, rs.getString(2),
                rs.getString(3), rs.getString(4), key(rs, 5), key(rs, 8)), profileId));
        rows.addAll(jdbc.query("""
                SELECT r.relation_type, p.profile_id, v.display_name, v.entity_kind,
                       r.source, r.source_table, r.source_pk, r.target_source, r.target_table, r.target_pk
                FROM profile_record t
                JOIN record_relation r
                  ON r.target_source = t.source AND r.target_table = t.source_table AND r.target_pk = t.source_pk
                JOIN profile_record p
                  ON p.source = r.source AND p.source_table = r.source_table AND p.source_pk = r.source_pk
                LEFT JOIN profile_view v ON v.profile_id = p.profile_id
                WHERE t.profile_id = ? AND p.profile_id <> t.profile_id
                """, (rs, i) -> new Row(rs.getString(1), RelationView.Direction.INCOMING, rs.getString(2),
                rs.getString(3), rs.getString(4), key(rs, 5), key(rs, 8)), profileId));
        Map<List<Object>, List<Row>> grouped = new LinkedHashMap<>();
        rows.stream()
                .sorted(Comparator.comparing(Row::type).thenComparing(Row::direction)
                        .thenComparing(Row::profileId, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Row::from).thenComparing(Row::to))
                .forEach(row -> grouped.computeIfAbsent(Arrays.asList(row.type(), row.direction(), row.profileId()),
                        any -> new ArrayList<>()).add(row));
        return grouped.values().stream()
                .map(group -> {
                    Row first = group.getFirst();
                    return new RelationView(first.type(), first.direction(), first.profileId(), first.displayName(),
                            first.kind() == null ? null : EntityKind.valueOf(first.kind()),
                            group.stream().map(r -> new RelationView.Via(r.from(), r.to())).toList());
                })
                .sorted(Comparator.comparing(RelationView::type).thenComparing(RelationView::direction)
                        .thenComparing(r -> r.profileId() == null)
                        .thenComparing(RelationView::displayName, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(RelationView::profileId, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private static RecordKey key(ResultSet rs, int first) throws SQLException {
        return new RecordKey(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2));
    }

    /**
     * The profiles holding a record with this email address, compared without case and surrounding spaces. A scan
     * of the records: meant for the occasional subject access request, not for search.
     */
    public List<String> profilesWithEmail(String email) {
        return jdbc.queryForList("""
                SELECT DISTINCT profile_id FROM profile_record
                WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(record -> 'attributes' -> 'emails') AS e(address)
                              WHERE lower(btrim(e.address)) = lower(btrim(?)))
                ORDER BY profile_id
                """, String.class, email);
    }

    /** The keys of the profile's records, in key order. */
    public List<RecordKey> recordKeysOf(String profileId) {
        return jdbc.query("""
                SELECT source, source_table, source_pk FROM profile_record WHERE profile_id = ?
                ORDER BY source, source_table, source_pk""", (rs, i) -> key(rs, 1), profileId);
    }

    public Optional<String> profileOf(RecordKey key) {
        return jdbc.query("SELECT profile_id FROM profile_record WHERE source = ? AND source_table = ? AND source_pk = ?",
                (rs, i) -> rs.getString(1), key.source(), key.table(), key.pk()).stream().findFirst();
    }

    public long profileCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM profile_view", Long.class);
        return count == null ? 0 : count;
    }

    public long recordCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM profile_record", Long.class);
        return count == null ? 0 : count;
    }

    /** Streams {@code source,source_table,source_pk,profile_id} for every record, in key order, as RFC 4180 CSV. */
    public void exportCsv(Writer out) throws IOException {
        out.write("source,source_table,source_pk,profile_id\r\n");
        try {
            jdbc.query(connection -> {
                var statement = connection.prepareStatement(
                        "SELECT source, source_table, source_pk, profile_id FROM profile_record "
                                + "ORDER BY source, source_table, source_pk");
                statement.setFetchSize(5_000);
                return statement;
            }, (ResultSet rs) -> {
                try {
                    out.write(csv(rs.getString(1)) + "," + csv(rs.getString(2)) + "," + csv(rs.getString(3)) + ","
                            + csv(rs.getString(4)) + "\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Streams the profiles that may be contacted on {@code channel} for {@code purpose} now, as RFC 4180 CSV
     * {@code profile_id,name,contact,consent_since}: those whose consent in force (the latest statement of their
     * records and of the API) grants it, with their golden contact for the channel (the first golden email for
     * {@code email}, the first golden phone for {@code sms}, {@code whatsapp} and {@code phone}, the golden address
     * for {@code post}). A profile without such a statement, or without a contact for the channel, is left out: consent
     * is opt-in. Read at the moment of the call, so a withdrawal recorded before it is in force in it.
     *
     * @return how many profiles were written
     */
    public long exportContactsCsv(Writer out, ConsentChannel channel, String purpose) throws IOException {
        String wanted = purpose.strip().toLowerCase(java.util.Locale.ROOT);
        Map<String, List<Consents.ApiStatement>> api = new HashMap<>();
        jdbc.query("""
                SELECT profile_id, channel, purpose, granted, stated_at, stated_by, note FROM profile_consent
                WHERE channel = ? AND purpose = ?
                """, (ResultSet rs) -> {
            api.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new Consents.ApiStatement(
                    ConsentChannel.fromConfig(rs.getString(2)), rs.getString(3), rs.getBoolean(4),
                    rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)));
        }, channel.configName(), wanted);
        out.write("profile_id,name,contact,consent_since\r\n");
        long[] written = new long[1];
        List<RecordView> members = new ArrayList<>();
        String[] current = new String[1];
        IoConsumer flush = () -> {
            if (current[0] != null && !members.isEmpty()) {
                written[0] += writeContact(out, current[0], List.copyOf(members),
                        api.getOrDefault(current[0], List.of()), channel, wanted);
            }
            members.clear();
        };
        try {
            jdbc.query(connection -> {
                var statement = connection.prepareStatement("""
                        SELECT profile_id, record::text, evidence::text, linked_at, first_seen, consent_since::text
                        FROM profile_record ORDER BY profile_id, source, source_table, source_pk""");
                statement.setFetchSize(2_000);
                return statement;
            }, (ResultSet rs) -> {
                String profileId = rs.getString(1);
                try {
                    if (!profileId.equals(current[0])) {
                        flush.run();
                        current[0] = profileId;
                    }
                    members.add(recordView(rs, 2));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            flush.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return written[0];
    }

    /** A step that may fail writing. */
    private interface IoConsumer {
        void run() throws IOException;
    }

    private long writeContact(Writer out, String profileId, List<RecordView> records,
                              List<Consents.ApiStatement> api, ConsentChannel channel, String purpose)
            throws IOException {
        Optional<Consents.Consent> consent = consents(records, api).stream()
                .filter(c -> c.channel() == channel && c.purpose().equals(purpose))
                .findFirst();
        if (consent.isEmpty() || !consent.get().granted()) {
            return 0;
        }
        GoldenRecord golden = golden(records);
        String contact = contact(golden, channel);
        if (contact == null) {
            return 0;
        }
        out.write(csv(profileId) + "," + csv(displayName(golden)) + "," + csv(contact) + ","
                + csv(consent.get().statedAt().toString()) + "\r\n");
        return 1;
    }

    /** The golden contact for a channel: the first kept value of a list, or the chosen value; an address as one line. */
    @SuppressWarnings("unchecked")
    private static String contact(GoldenRecord golden, ConsentChannel channel) {
        GoldenAttribute attribute = switch (channel) {
            case EMAIL -> GoldenAttribute.EMAILS;
            case SMS, WHATSAPP, PHONE -> GoldenAttribute.PHONES;
            case POST -> GoldenAttribute.ADDRESS;
        };
        GoldenValue value = golden.attributes().get(attribute.configName());
        if (value == null) {
            return null;
        }
        Object chosen = value.values() != null
                ? (value.values().isEmpty() ? null : value.values().getFirst().value())
                : value.value();
        if (chosen instanceof Map<?, ?> parts) {
            List<String> lines = new ArrayList<>();
            for (Object part : ((Map<String, Object>) parts).values()) {
                if (part != null && !part.toString().isBlank()) {
                    lines.add(part.toString());
                }
            }
            return lines.isEmpty() ? null : String.join(", ", lines);
        }
        return chosen == null || chosen.toString().isBlank() ? null : chosen.toString();
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private List<RecordView> records(String profileId) {
        return jdbc.query("""
                SELECT record::text, evidence::text, linked_at, first_seen, consent_since::text FROM profile_record
                WHERE profile_id = ?
                ORDER BY source, source_table, source_pk
                """, (rs, i) -> recordView(rs), profileId);
    }

    private RecordView recordView(ResultSet rs) throws SQLException {
        return recordView(rs, 1);
    }

    /** A record view from the row's columns record, evidence, linked_at, first_seen and consent_since, from {@code first}. */
    private RecordView recordView(ResultSet rs, int first) throws SQLException {
        try {
            return new RecordView(json.readValue(rs.getString(first), SourceRecord.class),
                    json.readValue(rs.getString(first + 1), EVIDENCE_LIST), rs.getTimestamp(first + 2).toInstant(),
                    rs.getTimestamp(first + 3) == null ? null : rs.getTimestamp(first + 3).toInstant(),
                    rs.getString(first + 4) == null ? Map.of() : json.readValue(rs.getString(first + 4), INSTANT_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A profile_record row holds unreadable JSON; rebuild the read models", e);
        }
    }

    private GoldenRecord golden(List<RecordView> records) {
        return survivorship.build(records.stream()
                .map(r -> new Survivorship.Member(r.record(), r.firstSeen() == null ? r.linkedAt() : r.firstSeen()))
                .toList());
    }

    /** The golden name, as survivorship chose it: the full name, else given and family name, else the company. */
    @SuppressWarnings("unchecked")
    private static String displayName(GoldenRecord golden) {
        GoldenValue name = golden.attributes().get(GoldenAttribute.NAME.configName());
        if (name != null && name.value() instanceof Map<?, ?> parts) {
            Map<String, String> byPart = (Map<String, String>) parts;
            if (byPart.containsKey("full")) {
                return byPart.get("full");
            }
            return String.join(" ", byPart.values());
        }
        GoldenValue company = golden.attributes().get(GoldenAttribute.COMPANY_NAME.configName());
        return company == null ? null : String.valueOf(company.value());
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A profile_record row holds unreadable JSON; rebuild the read models", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A profile_record row holds unreadable JSON; rebuild the read models", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
