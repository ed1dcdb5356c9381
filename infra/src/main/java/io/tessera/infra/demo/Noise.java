package io.tessera.infra.demo;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/** The small text changes that make the same customer look different in two systems. */
final class Noise {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]");
    private static final String[] KEYBOARD_ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

    private Noise() {
    }

    /** Drops every diacritic: José → Jose, Łukasz → Lukasz, Weiß → Weiss, Yılmaz → Yilmaz. */
    static String stripAccents(String text) {
        if (text == null) {
            return null;
        }
        String special = text.replace("ß", "ss").replace("ẞ", "SS").replace("Ł", "L").replace("ł", "l")
                .replace("Ø", "O").replace("ø", "o").replace("Æ", "AE").replace("æ", "ae")
                .replace("Œ", "OE").replace("œ", "oe").replace("ı", "i").replace("Đ", "D").replace("đ", "d");
        return MARKS.matcher(Normalizer.normalize(special, Normalizer.Form.NFD)).replaceAll("");
    }

    /** German transliteration: Müller → Mueller, Jäger → Jaeger; other accents are dropped. */
    static String transliterateGerman(String text) {
        if (text == null) {
            return null;
        }
        return stripAccents(text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue"));
    }

    /** What a Spanish keyboard user skips: the acute accents on vowels, keeping ñ and ü (Núñez → Nuñez). */
    static String stripVowelAccents(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            int i = "áéíóúÁÉÍÓÚàèìòùÀÈÌÒÙ".indexOf(c);
            out.append(i < 0 ? c : "aeiouAEIOUaeiouAEIOU".charAt(i));
        }
        return out.toString();
    }

    /**
     * One keystroke error (a single edit): a neighbouring key, a dropped letter, a doubled letter or an extra
     * neighbouring letter. The first letter is spared, as it is in most real typos. Short words stay as they are.
     */
    static String typo(String text, Random random) {
        if (text == null || text.length() < 4) {
            return text;
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            int at = 1 + random.nextInt(text.length() - 1);
            char c = text.charAt(at);
            if (!Character.isLetter(c)) {
                continue;
            }
            String neighbour = neighbour(c, random);
            int op = random.nextInt(4);
            String result;
            if (op == 0 && neighbour != null) {
                result = text.substring(0, at) + neighbour + text.substring(at + 1);
            } else if (op == 1) {
                result = text.substring(0, at) + text.substring(at + 1);
            } else if (op == 2 || neighbour == null) {
                result = text.substring(0, at) + c + text.substring(at);
            } else {
                result = text.substring(0, at) + neighbour + text.substring(at);
            }
            if (!result.equals(text)) {
                return result;
            }
        }
        return text;
    }

    private static String neighbour(char c, Random random) {
        char lower = Character.toLowerCase(c);
        for (String row : KEYBOARD_ROWS) {
            int i = row.indexOf(lower);
            if (i >= 0) {
                int j = i == 0 ? 1 : i == row.length() - 1 ? i - 1 : i + (random.nextBoolean() ? 1 : -1);
                char n = row.charAt(j);
                return String.valueOf(Character.isUpperCase(c) ? Character.toUpperCase(n) : n);
            }
        }
        return null;
    }

    /** Upper-cases the first letter of every word and lower-cases the rest. */
    static String capitalizeWords(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (char c : text.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetter(c) && c != '\'';
        }
        return out.toString();
    }

    static String upper(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** Lower-case ASCII letters and digits only: the shape of a name inside an e-mail address or a domain. */
    static String slug(String text, boolean germanStyle) {
        String folded = germanStyle ? transliterateGerman(text) : stripAccents(text);
        return NOT_SLUG.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
