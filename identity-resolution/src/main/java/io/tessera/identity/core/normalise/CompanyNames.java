package io.tessera.identity.core.normalise;

import io.tessera.identity.core.scoring.TextFolding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Company names as resolution compares them: folded, punctuation dropped, and without the legal form, which sources
 * write in many ways or leave out ({@code Acme, S.L.} ≡ {@code ACME SL} ≡ {@code Acme}).
 */
public final class CompanyNames {

    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9 ]");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /** Legal forms of the countries Tessera reads, as they look once folded and stripped of dots. */
    private static final Set<String> LEGAL_FORMS = Set.of(
            "sl", "slu", "sa", "sau", "sll", "scoop", "sc", "slne", "cb",
            "lda", "unipessoal",
            "sarl", "sas", "sasu", "eurl", "sca", "snc",
            "srl", "srls", "spa", "sapa",
            "gmbh", "ag", "kg", "ohg", "ug", "ev", "gbr", "kgaa", "co",
            "bv", "nv", "vof", "cv",
            "spzoo", "sp", "ska", "sj",
            "ltd", "limited", "plc", "llp", "llc", "inc", "corp", "corporation", "company");

    private CompanyNames() {
    }

    /** The comparable form of a company name, or {@code null} when nothing is left. */
    public static String normalise(String raw) {
        String folded = TextFolding.fold(raw);
        if (folded == null) {
            return null;
        }
        // "S.L." and "sp. z o.o." lose their dots first, so that their letters come together.
        String joined = folded.replace(".", "").replace("&", " and ").transform(text -> NOT_WORD.matcher(text).replaceAll(" "));
        List<String> words = new ArrayList<>(Arrays.asList(BLANKS.split(joined.trim())));
        // Polish "sp. z o.o." ends in two words of its own.
        if (words.size() > 3 && words.get(words.size() - 2).equals("z") && words.getLast().equals("oo")) {
            words = new ArrayList<>(words.subList(0, words.size() - 2));
        }
        // "GmbH & Co. KG": legal forms joined by "and" go together.
        while (words.size() > 1 && (LEGAL_FORMS.contains(words.getLast())
                || words.getLast().equals("and") && words.size() > 2)) {
            words.removeLast();
        }
        String result = String.join(" ", words).strip();
        return result.isEmpty() ? null : result;
    }
}
