package io.tessera.projections.profile.golden;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.SourceRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An attribute of the golden record, with the values one source record offers for it and the rule it follows
 * unless configured otherwise. Compound values stay whole: a name's parts, or an address's lines, always come from
 * one record, so a golden address never puts one record's street in another record's city.
 */
public enum GoldenAttribute {
    NAME("name", SurvivorshipRule.MOST_RECENT, GoldenAttribute::name),
    COMPANY_NAME("company-name", SurvivorshipRule.MOST_RECENT, r -> text(r.attributes().companyName())),
    EMAILS("emails", SurvivorshipRule.KEEP_ALL, r -> texts(r.attributes().emails())),
    PHONES("phones", SurvivorshipRule.KEEP_ALL, r -> texts(r.attributes().phones())),
    ADDRESS("address", SurvivorshipRule.MOST_RECENT, GoldenAttribute::address),
    TAX_ID("tax-id", SurvivorshipRule.MOST_FREQUENT, r -> text(r.attributes().taxId())),
    DATE_OF_BIRTH("date-of-birth", SurvivorshipRule.MOST_FREQUENT, r -> text(r.attributes().dateOfBirth()));

    private final String configName;
    private final SurvivorshipRule defaultRule;
    private final Function<SourceRecord, List<Object>> values;

    GoldenAttribute(String configName, SurvivorshipRule defaultRule, Function<SourceRecord, List<Object>> values) {
        this.configName = configName;
        this.defaultRule = defaultRule;
        this.values = values;
    }

    /** The attribute's name in configuration and in the API. */
    public String configName() {
        return configName;
    }

    public SurvivorshipRule defaultRule() {
        return defaultRule;
    }

    /** The values a record offers, primary first; empty when it holds none. */
    List<Object> valuesOf(SourceRecord record) {
        return values.apply(record);
    }

    /** The attribute a configuration names, or an error that lists the attributes. */
    public static GoldenAttribute fromConfig(String key, String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(attribute -> attribute.configName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(key + ": unknown golden attribute '" + text
                        + "'; use one of " + Arrays.stream(values()).map(GoldenAttribute::configName)
                        .collect(Collectors.joining(", "))
                        + " (other identifiers follow the rule of 'identifiers')"));
    }

    private static List<Object> name(SourceRecord record) {
        Attributes a = record.attributes();
        Map<String, String> parts = new LinkedHashMap<>();
        putIfPresent(parts, "full", a.fullName());
        putIfPresent(parts, "given", a.givenName());
        putIfPresent(parts, "family", a.familyName());
        return parts.isEmpty() ? List.of() : List.of(parts);
    }

    private static List<Object> address(SourceRecord record) {
        Address address = record.attributes().address();
        Map<String, String> lines = new LinkedHashMap<>();
        putIfPresent(lines, "street", address.street());
        putIfPresent(lines, "postcode", address.postcode());
        putIfPresent(lines, "city", address.city());
        putIfPresent(lines, "region", address.region());
        putIfPresent(lines, "country", address.country());
        return lines.isEmpty() ? List.of() : List.of(lines);
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }

    static List<Object> text(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip());
    }

    private static List<Object> texts(List<String> values) {
        List<Object> present = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank() && !present.contains(value.strip())) {
                present.add(value.strip());
            }
        }
        return present;
    }
}
