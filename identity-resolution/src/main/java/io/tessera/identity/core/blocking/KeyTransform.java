package io.tessera.identity.core.blocking;

import java.util.Locale;
import java.util.regex.Pattern;

/** How an attribute value becomes part of a blocking key. */
public enum KeyTransform {
    /** The value itself. */
    VALUE,
    /** American Soundex code, so that spelling variants of a name share a block. */
    SOUNDEX,
    /** The first {@code length} characters. */
    PREFIX,
    /** The year of an ISO date (first four characters). */
    YEAR;

    private static final Pattern NOT_LETTERS = Pattern.compile("[^A-Z]");

    String apply(String value, int length) {
        return switch (this) {
            case VALUE -> value;
            case SOUNDEX -> soundex(value);
            case PREFIX -> value.length() <= length ? value : value.substring(0, length);
            case YEAR -> value.length() >= 4 ? value.substring(0, 4) : null;
        };
    }

    /** American Soundex (letter + three digits); {@code null} when the value has no letter. */
    static String soundex(String value) {
        String letters = NOT_LETTERS.matcher(value.toUpperCase(Locale.ROOT)).replaceAll("");
        if (letters.isEmpty()) {
            return null;
        }
        String codes = "01230120022455012623010202";
        StringBuilder out = new StringBuilder().append(letters.charAt(0));
        char last = codes.charAt(letters.charAt(0) - 'A');
        for (int i = 1; i < letters.length() && out.length() < 4; i++) {
            char ch = letters.charAt(i);
            char code = codes.charAt(ch - 'A');
            if (code != '0' && code != last) {
                out.append(code);
            }
            // H and W do not separate letters with the same code; vowels do.
            if (ch != 'H' && ch != 'W') {
                last = code;
            }
        }
        while (out.length() < 4) {
            out.append('0');
        }
        return out.toString();
    }
}
