package io.tessera.projections.profile.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A SHA-256 digest of every read-model table, row by row in key order: two read models with equal digests hold the
 * same rows. Timestamps are read as UTC epoch microseconds and JSON as PostgreSQL's normalised {@code jsonb} text, so
 * the digest does not depend on the session's time zone or on how a document was written.
 */
public final class ReadModelDigest {

    private static final List<Table> TABLES = List.of(
            new Table("profile_record", """
                    SELECT source, source_table, source_pk, profile_id, entity_kind, record::text, evidence::text,
                           (extract(epoch FROM changed_at) * 1000000)::bigint,
                           (extract(epoch FROM linked_at) * 1000000)::bigint,
                           (extract(epoch FROM first_seen) * 1000000)::bigint, consent_since::text
                    FROM profile_record ORDER BY source, source_table, source_pk"""),
            new Table("profile_view", """
                    SELECT profile_id, display_name, entity_kind, record_count,
                           (extract(epoch FROM updated_at) * 1000000)::bigint
                    FROM profile_view ORDER BY profile_id"""),
            new Table("record_relation", """
                    SELECT source, source_table, source_pk, relation_type, target_source, target_table, target_pk
                    FROM record_relation
                    ORDER BY source, source_table, source_pk, relation_type, target_source, target_table, target_pk"""),
            new Table("profile_consent", """
                    SELECT profile_id, channel, purpose, granted, (extract(epoch FROM stated_at) * 1000000)::bigint,
                           stated_by, note, statement_id
                    FROM profile_consent ORDER BY profile_id, channel, purpose"""));

    private ReadModelDigest() {
    }

    private record Table(String name, String query) {
    }

    /**
     * The digest of the read models.
     *
     * @param digest    SHA-256 over every table, hex
     * @param rows      rows per table
     * @param perTable  SHA-256 per table, hex, to see which one differs
     */
    public record Digest(String digest, Map<String, Long> rows, Map<String, String> perTable) {
    }

    public static Digest of(JdbcTemplate jdbc) {
        MessageDigest all = sha256();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, String> perTable = new LinkedHashMap<>();
        for (Table table : TABLES) {
            MessageDigest one = sha256();
            long[] count = {0};
            jdbc.query(table.query(), rs -> {
                StringBuilder row = new StringBuilder();
                int columns = rs.getMetaData().getColumnCount();
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    // Length-prefixed, so that no two different rows give the same bytes.
                    row.append(value == null ? "-1:" : value.length() + ":" + value).append('|');
                }
                byte[] bytes = row.append('\n').toString().getBytes(StandardCharsets.UTF_8);
                one.update(bytes);
                count[0]++;
            });
            byte[] tableDigest = one.digest();
            all.update(table.name().getBytes(StandardCharsets.UTF_8));
            all.update(tableDigest);
            rows.put(table.name(), count[0]);
            perTable.put(table.name(), HexFormat.of().formatHex(tableDigest));
        }
        return new Digest(HexFormat.of().formatHex(all.digest()), rows, perTable);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
