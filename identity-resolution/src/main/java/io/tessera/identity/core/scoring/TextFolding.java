package io.tessera.identity.core.scoring;

import io.tessera.identity.core.normalise.Fold;

import java.util.regex.Pattern;

/**
 * Generic text normalisation for comparison: {@link Fold#ascii} (lower case, accents and special letters folded,
 * other scripts transliterated), whitespace collapsed. Attribute-aware normalisation (names, addresses, dates) is the
 * job of {@code core.normalise} once records are mapped from the canonical contracts.
 */
public final class TextFolding {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextFolding() {
    }

    /** Folds a value; {@code null} stays {@code null}. */
    public static String fold(String value) {
        if (value == null) {
            return null;
        }
        // One folding for the whole module: the normalisers' (accents, ł ß ø …, other scripts transliterated).
        return SPACES.matcher(Fold.ascii(value)).replaceAll(" ").trim();
    }
}
