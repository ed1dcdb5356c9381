package io.tessera.ingestion.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.ConsentStatement;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.Relation;
import io.tessera.ingestion.source.AddressMapping;
import io.tessera.ingestion.source.AttributeMapping;
import io.tessera.ingestion.source.ConsentMapping;
import io.tessera.ingestion.source.EntityRule;
import io.tessera.ingestion.source.LinkMapping;
import io.tessera.ingestion.source.RelationMapping;
import io.tessera.ingestion.source.ValueSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads mapped values from one row (a Debezium {@code before}/{@code after} object). Problems are collected, not
 * thrown, so that one dead letter names every column that is wrong. Problems never quote a value: reasons end up
 * in logs, and values are personal data.
 */
final class RowReader {

    /** What Debezium writes for an unchanged TOASTed PostgreSQL column when the table's replica identity is not FULL. */
    private static final String UNAVAILABLE = "__debezium_unavailable_value";
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** The yes/no values a consent column may hold, as reasons list them. */
    private static final String CONSENT_VALUES = "true/false, t/f, yes/no, y/n, 1/0 (any case) or a boolean; null or blank "
            + "for no statement";
    private static final Set<String> YES = Set.of("true", "t", "yes", "y", "1");
    private static final Set<String> NO = Set.of("false", "f", "no", "n", "0");
    /** ISO-8601 dates and timestamps, with 'T' (a space is read as 'T'), with or without an offset (+01:00, +01, Z). */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .parseLenient()
            .appendOffset("+HH:MM:ss", "Z")
            .parseStrict()
            .optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    /*
     * Without the schema, Debezium's date and time numbers are told apart by size: days since the epoch (date
     * columns) below 10^6 (up to the year 4707), milliseconds (timestamp/datetime with up to 3 decimals) below 10^14
     * (from 1970-01-12 to the year 5138), microseconds (up to 6 decimals, the default) below 10^17 (from 1973-03-03),
     * nanoseconds above. Consent statements are younger than 1973.
     */
    private static final long DAYS_BELOW = 1_000_000L;
    private static final long MILLIS_BELOW = 100_000_000_000_000L;
    private static final long MICROS_BELOW = 100_000_000_000_000_000L;

    private final JsonNode row;
    private final List<String> problems = new ArrayList<>();

    RowReader(JsonNode row) {
        this.row = row;
    }

    List<String> problems() {
        return problems;
    }

    EntityKind entity(EntityRule rule) {
        return switch (rule) {
            case EntityRule.Fixed fixed -> fixed.kind();
            case EntityRule.ByColumn byColumn -> {
                int before = problems.size();
                String value = value(byColumn.value(), null, "entity");
                if (problems.size() > before) {
                    yield EntityKind.PERSON;
                }
                if (value != null && byColumn.companyWhen().contains(value)) {
                    yield EntityKind.COMPANY;
                }
                if (value != null && byColumn.personWhen().contains(value)) {
                    yield EntityKind.PERSON;
                }
                if (byColumn.otherwise() == null) {
                    String column = byColumn.value().columns().get(0);
                    problems.add("column '" + column + "' (entity) holds " + (value == null ? "no value" : "a value")
                            + " that is in neither company-when nor person-when; add it to one of them, or set otherwise: "
                            + "person or company");
                    yield EntityKind.PERSON;
                }
                yield byColumn.otherwise();
            }
        };
    }

    Attributes attributes(AttributeMapping mapping, EntityKind kind) {
        AddressMapping a = mapping.address();
        Address address = new Address(
                value(a.street(), kind, "address.street"),
                value(a.postcode(), kind, "address.postcode"),
                value(a.city(), kind, "address.city"),
                value(a.region(), kind, "address.region"),
                value(a.country(), kind, "address.country"));
        return new Attributes(
                value(mapping.fullName(), kind, "full-name"),
                value(mapping.givenName(), kind, "given-name"),
                value(mapping.familyName(), kind, "family-name"),
                value(mapping.companyName(), kind, "company-name"),
                values(mapping.emails(), kind, "emails"),
                values(mapping.phones(), kind, "phones"),
                address.isEmpty() ? Address.EMPTY : address,
                value(mapping.taxId(), kind, "tax-id"),
                value(mapping.dateOfBirth(), kind, "date-of-birth"),
                identifiers(mapping.identifiers(), kind));
    }

    /**
     * The relations of the record {@code key}: one per mapping whose column holds a key value (null, blank or no
     * value is no relation). The value is the target's key as {@link ChangeMapper#primaryKey} writes keys, so that
     * it matches the key of the target record.
     */
    List<Relation> relations(List<RelationMapping> mappings, RecordKey key) {
        List<Relation> relations = new ArrayList<>(mappings.size());
        for (RelationMapping mapping : mappings) {
            String target = relationKey(mapping);
            if (target != null) {
                relations.add(mapping.relation(key, target));
            }
        }
        return relations;
    }

    /**
     * The relations of a link row ({@link LinkMapping}): a same-entity {@link LinkMapping#LINK_OF} relation to its
     * from row and the mapped relation to its to row; or, when the row relates nothing Tessera maps (an end's table
     * column names a table the map does not list, or an end has no key), no relations and the reason in
     * {@code ignored}. A listed-as-reject table value, a missing column or a column holding an object is a problem.
     */
    LinkRead link(LinkMapping link) {
        int before = problems.size();
        String fromTable = linkTable(link.from(), "link.from");
        String fromKey = linkKey(link.from(), "link.from");
        String toTable = linkTable(link.to(), "link.to");
        String toKey = linkKey(link.to(), "link.to");
        if (problems.size() > before) {
            return new LinkRead(List.of(), null);
        }
        List<String> missing = new ArrayList<>();
        if (fromTable == null) {
            missing.add("column '" + link.from().tableColumn() + "' (link.from) names no table the map lists");
        }
        if (fromKey == null) {
            missing.add("column '" + link.from().keyColumn() + "' (link.from) holds no key");
        }
        if (toTable == null) {
            missing.add("column '" + link.to().tableColumn() + "' (link.to) names no table the map lists");
        }
        if (toKey == null) {
            missing.add("column '" + link.to().keyColumn() + "' (link.to) holds no key");
        }
        if (!missing.isEmpty()) {
            return new LinkRead(List.of(), "no relation: " + String.join("; ", missing));
        }
        return new LinkRead(List.of(
                new Relation(LinkMapping.LINK_OF, new RecordKey(link.from().source(), fromTable, fromKey), true),
                new Relation(link.type(fromTable), new RecordKey(link.to().source(), toTable, toKey),
                        link.sameEntity())), null);
    }

    /**
     * What a link row relates.
     *
     * @param relations the link record's relations; empty when the row has problems or relates nothing mapped
     * @param ignored   why the row relates nothing mapped, or {@code null}
     */
    record LinkRead(List<Relation> relations, String ignored) {
    }

    /** The table of a link end's row, or {@code null} when its column holds no value or one the map does not list. */
    private String linkTable(LinkMapping.End end, String what) {
        if (end.table() != null) {
            return end.table();
        }
        String value = key(end.tableColumn(), "column '" + end.tableColumn() + "' (" + what + ".table)",
                "a link's table column must hold text naming the table");
        if (value == null) {
            return null;
        }
        String table = end.byValue().get(value);
        if (table == null && end.reject()) {
            problems.add("column '" + end.tableColumn() + "' (" + what + ".table) holds a value that the map does not "
                    + "list; add it to the map, or set unmapped: drop to make such rows no relation");
        }
        return table;
    }

    private String linkKey(LinkMapping.End end, String what) {
        return key(end.keyColumn(), "column '" + end.keyColumn() + "' (" + what + ".key)",
                "a link's key column must hold the linked row's key, text or a number: map another column");
    }

    private String relationKey(RelationMapping mapping) {
        return key(mapping.column(), "column '" + mapping.column() + "' (relation " + mapping.type() + ")",
                "a relation column must hold the related row's key, text or a number: map another column");
    }

    /** The key value a column holds, trimmed; {@code null} for none (a problem when the column is unusable). */
    private String key(String column, String what, String container) {
        JsonNode node = row.get(column);
        if (node == null) {
            problems.add(what + " is not in the row; check the column name in the mapping against the table");
            return null;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isContainerNode() || node.isBinary() || node.isPojo()) {
            problems.add(what + " holds " + describe(node) + "; " + container);
            return null;
        }
        String text = keyText(node).strip();
        if (UNAVAILABLE.equals(text)) {
            problems.add(what + " was not sent by PostgreSQL (unchanged TOAST value); set REPLICA IDENTITY FULL on "
                    + "the table");
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    /**
     * The facts of the row: each mapped column's value as text, trimmed, numbers in plain notation ({@code 412.50},
     * never {@code 4.125E+2}); a column without a value (null, blank) gives no fact.
     */
    Map<String, String> facts(Map<String, String> mappings) {
        Map<String, String> facts = new LinkedHashMap<>();
        mappings.forEach((name, column) -> {
            JsonNode node = present(column, "fact " + name);
            if (node == null || node.isNull()) {
                return;
            }
            String what = "column '" + column + "' (fact " + name + ")";
            if (node.isContainerNode() || node.isBinary() || node.isPojo()) {
                problems.add(what + " holds " + describe(node) + "; a fact reads text, numbers and booleans only, "
                        + "map another column");
                return;
            }
            String text = node.isNumber() ? plain(node) : node.asText().strip();
            if (UNAVAILABLE.equals(text)) {
                problems.add(unavailable(what));
                return;
            }
            if (!text.isEmpty()) {
                facts.put(name, text);
            }
        });
        return facts;
    }

    /**
     * The consent statements of the row: one per mapping whose column holds a yes/no value, granted or withdrawn
     * as the mapping's meaning says, stated when its {@code at} column says (or at no known time). Null or blank is
     * no statement; any other value is a problem naming the column, never quoting the value.
     */
    List<ConsentStatement> consents(List<ConsentMapping> mappings) {
        List<ConsentStatement> statements = new ArrayList<>(mappings.size());
        for (ConsentMapping mapping : mappings) {
            JsonNode node = present(mapping.column(), mapping.describe());
            JsonNode atNode = mapping.atColumn() == null ? null : present(mapping.atColumn(), mapping.describe() + ", at");
            Boolean value = node == null ? null : yesNo(node, "column '" + mapping.column() + "' (" + mapping.describe() + ")");
            if (value == null) {
                continue;
            }
            int before = problems.size();
            Instant statedAt = atNode == null ? null
                    : instant(atNode, "column '" + mapping.atColumn() + "' (" + mapping.describe() + ", at)");
            if (problems.size() > before) {
                continue;
            }
            Boolean granted = mapping.meaning().granted(value);
            if (granted != null) {
                statements.add(new ConsentStatement(mapping.channel(), mapping.purpose(), granted, statedAt));
            }
        }
        return statements;
    }

    /** The column's node, or {@code null} with a problem when the row lacks the column. */
    private JsonNode present(String column, String what) {
        JsonNode node = row.get(column);
        if (node == null) {
            problems.add("column '" + column + "' (" + what + ") is not in the row; check the column name in the "
                    + "mapping against the table");
        }
        return node;
    }

    /** A yes/no value; {@code null} for no statement (null, blank) and, with a problem, for anything else. */
    private Boolean yesNo(JsonNode node, String what) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            BigInteger number = node.bigIntegerValue();
            if (number.equals(BigInteger.ONE) || number.signum() == 0) {
                return number.signum() != 0;
            }
            problems.add(what + " holds a number other than 1 and 0; a consent column holds " + CONSENT_VALUES
                    + ": fix the data or map another column");
            return null;
        }
        if (node.isTextual()) {
            String text = node.textValue().strip().toLowerCase(Locale.ROOT);
            if (text.isEmpty()) {
                return null;
            }
            if (YES.contains(text) || NO.contains(text)) {
                return YES.contains(text);
            }
            if (UNAVAILABLE.equals(node.textValue())) {
                problems.add(unavailable(what));
                return null;
            }
            problems.add(what + " holds text that is not a yes/no value; a consent column holds " + CONSENT_VALUES
                    + ": fix the data or map another column");
            return null;
        }
        problems.add(what + " holds " + describe(node) + "; a consent column holds " + CONSENT_VALUES
                + ": map another column");
        return null;
    }

    /**
     * When a date or timestamp column says, or {@code null} for no value: ISO-8601 text (a date is its start in UTC,
     * a timestamp without offset is UTC, as Debezium writes timestamps without time zone) or Debezium's numbers
     * (days, milliseconds, microseconds or nanoseconds since the epoch, told apart by size).
     */
    private Instant instant(JsonNode node, String what) {
        if (node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long n = node.longValue();
            long size = Math.abs(n);
            if (size < DAYS_BELOW) {
                return LocalDate.ofEpochDay(n).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (size < MILLIS_BELOW) {
                return Instant.ofEpochMilli(n);
            }
            if (size < MICROS_BELOW) {
                return Instant.EPOCH.plus(n, ChronoUnit.MICROS);
            }
            return Instant.EPOCH.plusNanos(n);
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            if (text.isEmpty()) {
                return null;
            }
            if (text.length() > 10 && text.charAt(10) == ' ') {
                text = text.substring(0, 10) + "T" + text.substring(11);
            }
            try {
                TemporalAccessor parsed = TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from,
                        LocalDate::from);
                return switch (parsed) {
                    case OffsetDateTime offset -> offset.toInstant();
                    case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
                    case LocalDate date -> date.atStartOfDay(ZoneOffset.UTC).toInstant();
                    default -> throw new IllegalStateException("Unexpected " + parsed.getClass());
                };
            } catch (DateTimeParseException e) {
                // Reported below with the column: the value itself must not reach the reason.
            }
            if (UNAVAILABLE.equals(text)) {
                problems.add(unavailable(what));
                return null;
            }
        }
        problems.add(what + " holds " + (node.isTextual() ? "text" : describe(node)) + " that is not a date or "
                + "timestamp; use a date or timestamp column, or ISO-8601 text such as 2026-03-01 or "
                + "2026-03-01T10:00:00Z");
        return null;
    }

    private static String unavailable(String what) {
        return what + " was not sent by PostgreSQL (unchanged TOAST value); set REPLICA IDENTITY FULL on the table";
    }

    /** A number as written, in plain notation: {@code 412.50} stays, {@code 4.1250E+2} becomes {@code 412.50}. */
    private static String plain(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        try {
            return node.decimalValue().toPlainString();
        } catch (NumberFormatException e) {
            // NaN and infinities of floating-point columns have no decimal form.
            return node.asText();
        }
    }

    /** A key value as text: whole numbers in decimal digits (whatever their JSON form), anything else as written. */
    static String keyText(JsonNode node) {
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.asText();
    }

    private Map<String, String> identifiers(Map<String, ValueSpec> specs, EntityKind kind) {
        Map<String, String> identifiers = new TreeMap<>();
        specs.forEach((type, spec) -> {
            String value = value(spec, kind, "identifiers." + type);
            if (value != null) {
                identifiers.put(type, value);
            }
        });
        return identifiers;
    }

    private List<String> values(List<ValueSpec> specs, EntityKind kind, String attribute) {
        // Repeated values (phone = mobile) add no evidence; keep the first, in mapping order.
        Set<String> values = new LinkedHashSet<>();
        for (ValueSpec spec : specs) {
            String value = value(spec, kind, attribute);
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    /** The value of {@code spec} in the row, or {@code null}; {@code kind} {@code null} skips the only-for check. */
    String value(ValueSpec spec, EntityKind kind, String attribute) {
        if (spec == null || (kind != null && spec.onlyFor() != null && spec.onlyFor() != kind)) {
            return null;
        }
        List<String> parts = new ArrayList<>(spec.columns().size());
        for (String column : spec.columns()) {
            JsonNode node = row.get(column);
            if (node == null) {
                problems.add("column '" + column + "' (" + attribute + ") is not in the row; check the column name in "
                        + "the mapping against the table");
                continue;
            }
            if (node.isNull()) {
                continue;
            }
            String text = scalar(node, spec.type(), column, attribute);
            if (text == null) {
                continue;
            }
            if (UNAVAILABLE.equals(text)) {
                problems.add("column '" + column + "' (" + attribute + ") was not sent by PostgreSQL (unchanged TOAST "
                        + "value); set REPLICA IDENTITY FULL on the table");
                continue;
            }
            if (spec.trim()) {
                text = text.strip();
                if (text.isEmpty()) {
                    continue;
                }
            }
            parts.add(text);
            if (spec.combine() == ValueSpec.Combine.FIRST) {
                break;
            }
        }
        String value = parts.isEmpty() ? null
                : spec.combine() == ValueSpec.Combine.FIRST ? parts.get(0) : String.join(spec.separator(), parts);
        if (value != null && !spec.map().isEmpty()) {
            String mapped = spec.map().get(value);
            if (mapped != null) {
                value = mapped;
            } else {
                switch (spec.unmapped()) {
                    case KEEP -> { }
                    case DROP -> value = null;
                    case REJECT -> {
                        problems.add("column " + columnsText(spec) + " (" + attribute + ") holds a value that the map "
                                + "does not list; add it to the map, or set unmapped: keep or drop");
                        value = null;
                    }
                }
            }
        }
        return value == null ? spec.defaultValue() : value;
    }

    private String scalar(JsonNode node, ValueSpec.ValueType type, String column, String attribute) {
        String wrong = "column '" + column + "' (" + attribute + ") holds " + describe(node);
        if (node.isContainerNode() || node.isBinary() || node.isPojo()) {
            problems.add(wrong + "; the mapping reads text, numbers and booleans only, map another column");
            return null;
        }
        switch (type) {
            case ANY -> {
                return text(node);
            }
            case TEXT -> {
                if (node.isTextual()) {
                    return node.textValue();
                }
                problems.add(wrong + " where the mapping reads text (type: text); change the type in the mapping");
                return null;
            }
            case NUMBER -> {
                if (node.isNumber()) {
                    return text(node);
                }
                if (node.isTextual()) {
                    try {
                        new BigDecimal(node.textValue().strip());
                        return node.textValue();
                    } catch (NumberFormatException e) {
                        // Reported below with the column: the value itself must not reach the reason.
                    }
                }
                problems.add(wrong + " that is not a number (type: number); change the type in the mapping or fix the data");
                return null;
            }
            case INTEGER -> {
                if (node.isIntegralNumber()) {
                    return text(node);
                }
                if (node.isTextual() && INTEGER.matcher(node.textValue().strip()).matches()) {
                    return node.textValue();
                }
                problems.add(wrong + " that is not an integer (type: integer); change the type in the mapping or fix the data");
                return null;
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return Boolean.toString(node.booleanValue());
                }
                if (node.isIntegralNumber() && (node.intValue() == 0 || node.intValue() == 1)) {
                    return Boolean.toString(node.intValue() == 1);
                }
                if (node.isTextual()) {
                    String text = node.textValue().strip().toLowerCase(Locale.ROOT);
                    if (text.equals("true") || text.equals("false")) {
                        return text;
                    }
                }
                problems.add(wrong + " that is not a boolean (type: boolean); change the type in the mapping or fix the data");
                return null;
            }
        }
        throw new IllegalStateException("Unhandled value type " + type);
    }

    private static String text(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        return node.asText();
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            case NULL -> "null";
            case BINARY -> "binary data";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String columnsText(ValueSpec spec) {
        return spec.columns().size() == 1 ? "'" + spec.columns().get(0) + "'" : "'" + String.join("', '", spec.columns()) + "'";
    }
}
