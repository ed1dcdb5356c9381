package io.tessera.ingestion.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.ingestion.mapping.ChangeMapper.KeyRead;
import io.tessera.ingestion.mapping.ChangeMapper.RowRead;
import io.tessera.ingestion.source.SourceDefinition;
import io.tessera.ingestion.source.TableMapping;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads a CSV file of a {@code kind: csv} source and maps its rows with the same mapping code as change events: each
 * row becomes a JSON object of column values (the representation the mapper reads), so a table entry means the
 * same for a file as for a database table.
 *
 * <p>RFC 4180: comma-separated, fields in double quotes may hold commas, line breaks and doubled quotes; the first
 * record is the header. Header names and unquoted values are stripped of surrounding blanks, since files such as
 * FEBRL's separate fields with {@code ", "}. An empty field is no value. Rows whose field count differs from the
 * header's, rows without a key and rows repeating an earlier key are dead letters with the reason.
 */
public final class CsvRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One row of a CSV file.
     *
     * @param line   the line the row starts on (the header is line 1)
     * @param values column name to value; an empty field is absent
     * @param fields how many fields the row had
     */
    public record Row(long line, Map<String, String> values, int fields) {
    }

    /**
     * The header and rows of a file.
     *
     * @param header the column names, stripped
     * @param rows   the data rows in file order
     */
    public record Table(List<String> header, List<Row> rows) {
    }

    /**
     * What a file became.
     *
     * @param table    the table name: the file name without extension
     * @param rows     data rows read
     * @param records  the mapped records, in file order
     * @param rejected the rows that could not be mapped, with the reason
     * @param reasons  how many rows each reason rejected (reasons name columns, never values)
     * @param ignored  how many rows each reason left without a record although they have no problem: rows of a link
     *                 table that relate nothing the mapping maps (an ERPNext link to a supplier)
     */
    public record Mapped(String table, int rows, List<SourceRecord> records, List<DeadLetter> rejected,
            Map<String, Integer> reasons, Map<String, Integer> ignored) {

        /** How many rows were ignored. */
        public int ignoredRows() {
            return ignored.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private CsvRows() {
    }

    /** The table name of a CSV file: its file name without the last extension ({@code dataset3} for {@code dataset3.csv}). */
    public static String tableName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Reads a whole file (UTF-8, optional byte-order mark). */
    public static Table read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    /** Reads CSV text. */
    public static Table read(Reader reader) throws IOException {
        Parser parser = new Parser(reader);
        List<String> header = parser.next();
        if (header == null) {
            return new Table(List.of(), List.of());
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1).strip());
        }
        List<Row> rows = new ArrayList<>();
        for (List<String> fields = parser.next(); fields != null; fields = parser.next()) {
            long line = parser.recordLine;
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(fields.size(), header.size()); i++) {
                if (!fields.get(i).isEmpty()) {
                    values.put(header.get(i), fields.get(i));
                }
            }
            rows.add(new Row(line, values, fields.size()));
        }
        return new Table(List.copyOf(header), rows);
    }

    /** Reads a file of {@code source} and maps it with {@code table}. */
    public static Mapped map(SourceDefinition source, TableMapping table, Path file) throws IOException {
        return map(source, table, tableName(file), read(file), Clock.systemUTC());
    }

    /**
     * Maps rows read from a file with table name {@code tableName}.
     *
     * @param clock the time of dead letters
     */
    public static Mapped map(SourceDefinition source, TableMapping table, String tableName, Table rows, Clock clock) {
        Objects.requireNonNull(source, "source");
        String origin = source.name() + "/" + tableName;
        List<SourceRecord> records = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> ignored = new TreeMap<>();
        Map<String, Long> seen = new HashMap<>();
        for (Row row : rows.rows()) {
            ObjectNode node = JSON.createObjectNode();
            // Every header column is present (null when empty), so that a misspelt column is reported as missing
            // from the row, exactly as for a database table.
            rows.header().forEach(column -> node.put(column, row.values().get(column)));
            String where = origin + " line " + row.line();
            String reason;
            String key = null;
            if (row.fields() != rows.header().size()) {
                reason = origin + ": a row has " + row.fields() + " fields, the header " + rows.header().size()
                        + "; quote values that contain commas";
            } else {
                KeyRead keyRead = ChangeMapper.primaryKey(table.key(), node, () -> null, origin);
                if (keyRead.problem() != null) {
                    reason = keyRead.problem();
                } else {
                    RecordKey recordKey = new RecordKey(source.name(), tableName, keyRead.pk());
                    key = recordKey.asString();
                    Long previous = seen.putIfAbsent(keyRead.pk(), row.line());
                    if (previous != null) {
                        reason = origin + ": the key of a row repeats the key of line " + previous
                                + "; key columns must identify one row";
                    } else {
                        RowRead read = ChangeMapper.readRow(table, recordKey, node, null,
                                String.format("csv:%010d", row.line()));
                        if (read.record() != null) {
                            records.add(read.record());
                            continue;
                        }
                        if (read.ignored() != null) {
                            ignored.merge(origin + ": " + read.ignored(), 1, Integer::sum);
                            continue;
                        }
                        reason = origin + ": " + String.join("; ", read.problems());
                    }
                }
            }
            reasons.merge(reason, 1, Integer::sum);
            rejected.add(new DeadLetter(ChangeMapper.STAGE, where, key, reason, node.toString(), clock.instant()));
        }
        return new Mapped(tableName, rows.rows().size(), List.copyOf(records), List.copyOf(rejected),
                java.util.Collections.unmodifiableMap(reasons), java.util.Collections.unmodifiableMap(ignored));
    }

    /** RFC 4180 records, one at a time; tracks the line each record starts on. */
    private static final class Parser {
        private final Reader in;
        private int peeked = -2;
        private long line = 1;
        long recordLine;

        Parser(Reader in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (peeked != -2) {
                int c = peeked;
                peeked = -2;
                return c;
            }
            return in.read();
        }

        private int peek() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked;
        }

        /** The next record's fields, or {@code null} at the end. */
        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quotedField = false;
            while (true) {
                if (c == -1) {
                    fields.add(finish(field, quotedField));
                    return fields;
                }
                if (c == '"' && field.toString().isBlank() && !quotedField) {
                    // A quoted field: everything up to the closing quote is literal.
                    field.setLength(0);
                    quotedField = true;
                    while (true) {
                        int q = read();
                        if (q == -1) {
                            break;
                        }
                        if (q == '"') {
                            if (peek() == '"') {
                                read();
                                field.append('"');
                                continue;
                            }
                            break;
                        }
                        if (q == '\n') {
                            line++;
                        }
                        field.append((char) q);
                    }
                } else if (c == ',') {
                    fields.add(finish(field, quotedField));
                    field.setLength(0);
                    quotedField = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    line++;
                    fields.add(finish(field, quotedField));
                    return fields;
                } else if (!quotedField) {
                    field.append((char) c);
                }
                // Characters between a closing quote and the next comma are blanks (FEBRL's ", ") or noise; dropped.
                c = read();
            }
        }

        private static String finish(StringBuilder field, boolean quoted) {
            return quoted ? field.toString() : field.toString().strip();
        }
    }
}
