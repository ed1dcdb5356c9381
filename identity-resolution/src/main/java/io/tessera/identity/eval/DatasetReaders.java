package io.tessera.identity.eval;

import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.core.scoring.TextFolding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers for the benchmark CSV files of {@code shared/datasets}: FEBRL 1–3, FEBRL dsgen and Splink's
 * fake_1000 and historical_50k. Values are trimmed and folded; dates become ISO strings; identifiers and phone
 * numbers keep their digits only.
 */
public final class DatasetReaders {

    private static final Pattern FEBRL_ID = Pattern.compile("rec-(\\d+)-(org|dup-\\d+)");
    private static final Set<String> DIGIT_ATTRIBUTES = Set.of("soc_sec_id", "phone_number", "postcode",
            "street_number");

    private DatasetReaders() {
    }

    /** FEBRL 1–3: {@code rec-N-org} / {@code rec-N-dup-k}, same N = same person. */
    public static LabelledDataset febrl(Path file) {
        return read(file, "rec_id", id -> {
            Matcher matcher = FEBRL_ID.matcher(id);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(file + ": record id '" + id + "' is not rec-N-org/rec-N-dup-k");
            }
            return matcher.group(1);
        }, Set.of());
    }

    /** FEBRL dsgen A/C: the person is {@code rec_id / 10}. */
    public static LabelledDataset febrlDsgen(Path file) {
        return read(file, "rec_id", id -> Long.toString(Long.parseLong(id) / 10),
                Set.of("blocking_number", "age"));
    }

    /** Splink datasets: ids in {@code unique_id}, truth in {@code cluster}. */
    public static LabelledDataset splink(Path file) {
        List<String[]> rows = csv(file);
        String[] header = rows.get(0);
        int cluster = column(header, "cluster", file);
        int id = column(header, "unique_id", file);
        List<Features> records = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        for (String[] row : rows.subList(1, rows.size())) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (c != cluster && c != id && c < row.length) {
                    values.put(header[c], normalise(header[c], row[c]));
                }
            }
            records.add(new Features(row[id], values));
            truth.put(row[id], row[cluster]);
        }
        return new LabelledDataset(file.getFileName().toString(), records, truth);
    }

    private static LabelledDataset read(Path file, String idColumn, Function<String, String> truthOf,
            Set<String> ignored) {
        List<String[]> rows = csv(file);
        String[] header = rows.get(0);
        int id = column(header, idColumn, file);
        List<Features> records = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        for (String[] row : rows.subList(1, rows.size())) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (c != id && c < row.length && !ignored.contains(header[c])) {
                    values.put(header[c], normalise(header[c], row[c]));
                }
            }
            records.add(new Features(row[id], values));
            truth.put(row[id], truthOf.apply(row[id]));
        }
        return new LabelledDataset(file.getFileName().toString(), records, truth);
    }

    /** Minimal per-attribute normalisation; the {@code core.normalise} normalisers will replace it. */
    static String normalise(String attribute, String raw) {
        String value = TextFolding.fold(raw);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (DIGIT_ATTRIBUTES.contains(attribute)) {
            value = value.replaceAll("\\s+", "");
        }
        if (attribute.equals("date_of_birth") || attribute.equals("dob")) {
            if (value.matches("\\d{8}")) {
                return value.substring(0, 4) + "-" + value.substring(4, 6) + "-" + value.substring(6, 8);
            }
        }
        return value;
    }

    private static int column(String[] header, String name, Path file) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(file + ": no column '" + name + "' in the header");
    }

    /** Rows of a CSV file with double-quoted fields (no line breaks inside fields), trimmed. */
    static List<String[]> csv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dataset " + file, e);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                rows.add(splitLine(line));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty file, expected a header");
        }
        return rows;
    }

    static String[] splitLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString().trim());
        return fields.toArray(String[]::new);
    }
}
