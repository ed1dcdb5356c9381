package io.tessera.projections.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text for search the same way at index and at query time (José → jose, Müller → muller, Łukasz → lukasz).
 * Done here rather than by an Elasticsearch analyzer because the folding filters live in a plugin that a trimmed
 * server may lack.
 */
public final class Folding {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Folding() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String stripped = MARKS.matcher(decomposed).replaceAll("");
        StringBuilder out = new StringBuilder(stripped.length());
        for (char c : stripped.toCharArray()) {
            switch (c) {
                case 'ß' -> out.append("ss");
                case 'ł', 'Ł' -> out.append('l');
                case 'ø', 'Ø' -> out.append('o');
                case 'æ', 'Æ' -> out.append("ae");
                case 'œ', 'Œ' -> out.append("oe");
                case 'đ', 'Đ' -> out.append('d');
                default -> out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Only the digits of a phone number, so that any spelling of it matches. */
    public static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }
}
