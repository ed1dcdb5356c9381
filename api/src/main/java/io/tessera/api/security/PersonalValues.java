package io.tessera.api.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Knows which fields of Tessera's JSON answers hold personal values, by name, wherever they are nested: a record's
 * attributes, a profile's display name, a search hit's emails, and the same names in answers added later (a golden
 * record, a history). Names are compared without case, {@code _} or {@code -}, so {@code tax_id} is {@code taxId}.
 *
 * <p>Everything under a personal field is personal (a list of emails, an object with a value and its source) except
 * the fields that name where a value came from ({@code source}, {@code key}, {@code profileId} …). Record keys,
 * profile ids, kinds, counts, times, rules and weights stay in clear, and so do the coarse parts of an address
 * (postcode, city, region, country) that analysts count by; the street is personal. An object that names a personal
 * attribute ({@code {"attribute": "email", "value": …}}, {@code {"attribute": "full-name", "before": …, "after": …}})
 * has those values treated as personal; one that names the address has its street treated as personal.
 */
public final class PersonalValues {

    private static final Set<String> PERSONAL = Set.of(
            "fullname", "givenname", "familyname", "companyname", "displayname", "name", "names",
            "email", "emails", "phone", "phones", "mobile", "street", "addressline", "addressline1",
            "addressline2", "line1", "line2", "taxid", "vat", "dateofbirth", "birthdate", "dob",
            "identifier", "identifiers");
    /** A whole address written as one string is personal; as an object, only its street is. */
    private static final String ADDRESS = "address";
    /** Inside a personal field: where the value came from and when, not the value. */
    private static final Set<String> PROVENANCE = Set.of(
            "source", "sources", "sourcetable", "sourcepk", "table", "pk", "key", "keys", "recordkey", "recordkeys",
            "record", "records", "profileid", "profileids", "kind", "type", "rule", "weight", "count", "at", "since",
            "changedat", "updatedat", "linkedat", "observedat");
    private static final Set<String> ATTRIBUTE_NAMES = Set.of("attribute", "field");
    /** The fields that carry the value of an attribute that a sibling field names (a change: before and after). */
    private static final Set<String> VALUES = Set.of("value", "values", "before", "after");
    private static final Set<String> PROFILE_ID_FIELDS = Set.of("profileid", "profileofa", "profileofb");

    private final Pseudonymiser pseudonymiser;

    public PersonalValues(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    /** Replaces every personal value in the tree by its pseudonym, in place; returns the tree. */
    public JsonNode pseudonymise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            String namedAttribute = null;
            for (String field : ATTRIBUTE_NAMES) {
                JsonNode named = object.get(field);
                if (named != null && named.isString()) {
                    namedAttribute = normalise(named.asString());
                }
            }
            for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
                String name = normalise(field.getKey());
                JsonNode value = field.getValue();
                boolean valueOfNamed = namedAttribute != null && VALUES.contains(name);
                if (PERSONAL.contains(name) || valueOfNamed && PERSONAL.contains(namedAttribute)) {
                    object.set(field.getKey(), replaceAll(value));
                } else if (name.equals(ADDRESS) || valueOfNamed && namedAttribute.equals(ADDRESS)) {
                    object.set(field.getKey(), address(value));
                } else {
                    pseudonymise(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::pseudonymise);
        }
        return node;
    }

    /** The profile ids an answer names ({@code profileId}, {@code profileOfA} …), at most {@code limit}. */
    public static List<String> profileIds(JsonNode node, int limit) {
        Set<String> ids = new LinkedHashSet<>();
        collectProfileIds(node, ids, limit);
        return List.copyOf(ids);
    }

    private static void collectProfileIds(JsonNode node, Set<String> ids, int limit) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (ids.size() >= limit) {
                    return;
                }
                if (PROFILE_ID_FIELDS.contains(normalise(field.getKey())) && field.getValue().isString()) {
                    ids.add(field.getValue().asString());
                } else {
                    collectProfileIds(field.getValue(), ids, limit);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                collectProfileIds(element, ids, limit);
            }
        }
    }

    private JsonNode replaceAll(JsonNode node) {
        if (node.isString() || node.isNumber()) {
            return StringNode.valueOf(pseudonymiser.pseudonym(node.asString()));
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
                if (!PROVENANCE.contains(normalise(field.getKey()))) {
                    object.set(field.getKey(), replaceAll(field.getValue()));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replaceAll(array.get(i)));
            }
        }
        return node;
    }

    /** An address: as text it is personal as a whole; as an object, its street is. */
    private JsonNode address(JsonNode node) {
        if (node.isString() || node.isNumber()) {
            return StringNode.valueOf(pseudonymiser.pseudonym(node.asString()));
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, address(array.get(i)));
            }
            return array;
        }
        return pseudonymise(node);
    }

    private static String normalise(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
