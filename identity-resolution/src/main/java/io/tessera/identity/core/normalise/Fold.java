package io.tessera.identity.core.normalise;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text to lower-case ASCII letters and digits for comparison: {@code José} and {@code JOSE} agree,
 * {@code Łukasz} becomes {@code lukasz}, {@code ß} becomes {@code ss}. Latin text is folded by a small explicit
 * table, predictable and fast on the hot path; text in another script ({@code Иван Щукин}, {@code Γιώργος}) is first
 * transliterated by ICU (BGN for Cyrillic, UNGEGN for Greek, ICU's defaults for the rest), so that it is not folded
 * away to nothing.
 */
public final class Fold {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Transliteration may write soft and hard signs as primes; they would split a name in two. */
    private static final Pattern PRIMES = Pattern.compile("['ʹʺ’]");
    private static final Transliterator TO_LATIN = Transliterator.getInstance(
            "Russian-Latin/BGN; Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII");

    private Fold() {
    }

    /** Folds accents and the Latin letters that do not decompose ({@code ł ø ß æ œ đ þ ı}); lower case, ASCII. */
    public static String ascii(String text) {
        if (text == null) {
            return "";
        }
        String latin = isLatin(text) ? text : PRIMES.matcher(TO_LATIN.transliterate(text)).replaceAll("");
        return stripMarks(expandLetters(Normalizer.normalize(latin, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)));
    }

    /** Whether every letter is Latin, i.e. whether the fast path can fold it alone. */
    private static boolean isLatin(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint >= 0x80 && Character.isLetter(codePoint)
                    && Character.UnicodeScript.of(codePoint) != Character.UnicodeScript.LATIN) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /**
     * The German spelling of umlauts as two letters ({@code Müller} to {@code mueller}); sources written on keyboards
     * without umlauts spell names that way, so a name has both this form and the {@link #ascii} one.
     */
    public static String germanAscii(String text) {
        if (text == null) {
            return "";
        }
        String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return ascii(lower.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"));
    }

    /** Whether the text holds a German umlaut, i.e. whether {@link #germanAscii} can differ from {@link #ascii}. */
    public static boolean hasUmlaut(String text) {
        if (text == null) {
            return false;
        }
        String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return lower.indexOf('ä') >= 0 || lower.indexOf('ö') >= 0 || lower.indexOf('ü') >= 0;
    }

    private static String expandLetters(String lower) {
        StringBuilder out = new StringBuilder(lower.length() + 4);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            switch (c) {
                case 'ß' -> out.append("ss");
                case 'ł' -> out.append('l');
                case 'ø' -> out.append('o');
                case 'æ' -> out.append("ae");
                case 'œ' -> out.append("oe");
                case 'đ', 'ð' -> out.append('d');
                case 'þ' -> out.append("th");
                case 'ı' -> out.append('i');
                case 'ħ' -> out.append('h');
                case 'ŀ' -> out.append('l');
                // Ordinal indicators (nº, 1ª) are letters to NFKC; they carry no identity.
                case 'º', 'ª' -> out.append(c == 'º' ? 'o' : 'a');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String stripMarks(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    }
}
