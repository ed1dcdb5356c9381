package io.tessera.projections.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A search typed by an analyst: free words, and {@code field:value} terms for the fields below; quotes group words
 * ({@code name:"ana garcia"}). Terms are combined with AND.
 */
public record ProfileQuery(List<Term> terms) {

    public static final Set<String> FIELDS = Set.of("name", "email", "phone", "city", "country", "source", "kind");
    private static final int MAX_LENGTH = 500;

    /** One condition; {@code field} is null for free text. */
    public record Term(String field, String value) {
    }

    /**
     * Parses the query text.
     *
     * @throws InvalidQueryException naming what is wrong and how to write it instead
     */
    public static ProfileQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidQueryException("The search text q is empty: give words to look for, e.g. q=garcia "
                    + "or q=email:ana@example.com");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidQueryException("The search text q has " + text.length() + " characters; at most "
                    + MAX_LENGTH + " are allowed");
        }
        List<Term> terms = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int start = i;
            String field = null;
            int colon = -1;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') {
                if (text.charAt(i) == ':' && colon < 0) {
                    colon = i;
                }
                i++;
            }
            String value;
            if (colon >= 0) {
                field = text.substring(start, colon).toLowerCase(Locale.ROOT);
                if (!FIELDS.contains(field)) {
                    throw new InvalidQueryException("Unknown search field '" + field + "'; use one of "
                            + FIELDS.stream().sorted().toList() + " as field:value, or plain words");
                }
                value = text.substring(colon + 1, i);
            } else {
                value = text.substring(start, i);
            }
            if (i < text.length() && text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw new InvalidQueryException("The search text q has an opening quote at position " + (i + 1)
                            + " with no closing quote; close it, e.g. name:\"ana garcia\"");
                }
                value = value + text.substring(i + 1, close);
                i = close + 1;
            }
            if (value.isBlank()) {
                throw new InvalidQueryException("The search term '" + text.substring(start, i)
                        + "' has no value; write field:value, e.g. city:madrid");
            }
            terms.add(new Term(field, value.trim()));
        }
        return new ProfileQuery(List.copyOf(terms));
    }
}
