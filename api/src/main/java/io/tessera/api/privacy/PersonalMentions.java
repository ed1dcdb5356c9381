package io.tessera.api.privacy;

import io.tessera.contracts.Attributes;
import io.tessera.identity.core.normalise.Fold;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What identifies a person being erased, to find them in text Tessera keeps unparsed: the payload of a dead letter, a
 * raw change that a stage could not read and therefore could not say whose it is. Matching is deliberately plain and
 * leans towards finding: a letter found by mistake loses its payload, a letter missed keeps an erased person readable.
 *
 * <p>Two strengths. <b>Strong</b> mentions single out one person: an email address (any case), a tax id or another
 * identifier (compared without separators or case, at least {@value #MIN_IDENTIFIER} characters). <b>Any</b> mention
 * adds what a household or a namesake may share: a phone number (its last {@value #PHONE_DIGITS} digits, whatever the
 * format) and a person's given and family name together (folded, as whole words).
 */
public final class PersonalMentions {

    private static final int MIN_IDENTIFIER = 6;
    private static final int PHONE_DIGITS = 8;
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d ().\\-/]{5,}\\d");
    private static final Pattern NON_ALNUM = Pattern.compile("[^A-Z0-9]");
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");

    private final Set<String> emails;
    private final Set<String> identifiers;
    private final Set<String> phones;
    private final List<List<String>> names;

    private PersonalMentions(Set<String> emails, Set<String> identifiers, Set<String> phones,
                             List<List<String>> names) {
        this.emails = emails;
        this.identifiers = identifiers;
        this.phones = phones;
        this.names = names;
    }

    /**
     * The mentions of a person known by an email address asked for (null when the erasure names a profile) and by the
     * attributes of their records.
     */
    public static PersonalMentions of(String email, Collection<Attributes> records) {
        Set<String> emails = new LinkedHashSet<>();
        Set<String> identifiers = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        Set<List<String>> names = new LinkedHashSet<>();
        if (email != null && !email.isBlank()) {
            emails.add(email.strip().toLowerCase(Locale.ROOT));
        }
        for (Attributes attributes : records) {
            attributes.emails().stream().filter(e -> e != null && !e.isBlank())
                    .forEach(e -> emails.add(e.strip().toLowerCase(Locale.ROOT)));
            List<String> ids = new ArrayList<>(attributes.identifiers().values());
            ids.add(attributes.taxId());
            ids.stream().map(PersonalMentions::alphanumeric).filter(id -> id.length() >= MIN_IDENTIFIER)
                    .forEach(identifiers::add);
            attributes.phones().stream().map(PersonalMentions::lastDigits).filter(p -> !p.isEmpty())
                    .forEach(phones::add);
            name(attributes).ifPresent(names::add);
        }
        return new PersonalMentions(emails, identifiers, phones, List.copyOf(names));
    }

    /** Whether nothing identifies the person: no text can then be found to mention them. */
    public boolean isEmpty() {
        return emails.isEmpty() && identifiers.isEmpty() && phones.isEmpty() && names.isEmpty();
    }

    /** Whether the text holds one of the person's email addresses or identifiers. */
    public boolean strongIn(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (emails.stream().anyMatch(lower::contains)) {
            return true;
        }
        if (identifiers.isEmpty()) {
            return false;
        }
        String compact = alphanumeric(text);
        return identifiers.stream().anyMatch(compact::contains);
    }

    /** Whether the text holds anything of the person's: a strong mention, a phone number, or their whole name. */
    public boolean anyIn(String text) {
        if (text == null) {
            return false;
        }
        if (strongIn(text)) {
            return true;
        }
        if (!phones.isEmpty()) {
            Matcher phone = PHONE_LIKE.matcher(text);
            while (phone.find()) {
                if (phones.contains(lastDigits(phone.group()))) {
                    return true;
                }
            }
        }
        if (!names.isEmpty()) {
            Set<String> words = words(text);
            return names.stream().anyMatch(words::containsAll);
        }
        return false;
    }

    /** A person's given and family name as folded words, when the record has both (one word alone names too many). */
    private static Optional<List<String>> name(Attributes attributes) {
        boolean split = attributes.givenName() != null && !attributes.givenName().isBlank()
                && attributes.familyName() != null && !attributes.familyName().isBlank();
        String text = split ? attributes.givenName() + " " + attributes.familyName() : attributes.fullName();
        Set<String> words = words(text);
        return words.size() >= 2 ? Optional.of(List.copyOf(new TreeSet<>(words))) : Optional.empty();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        if (text != null) {
            Matcher word = WORD.matcher(Fold.ascii(text));
            while (word.find()) {
                words.add(word.group());
            }
        }
        return words;
    }

    private static String alphanumeric(String text) {
        return text == null ? "" : NON_ALNUM.matcher(text.toUpperCase(Locale.ROOT)).replaceAll("");
    }

    /** The last {@value #PHONE_DIGITS} digits of a phone number, or "" when it has fewer. */
    private static String lastDigits(String phone) {
        if (phone == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder();
        phone.chars().filter(Character::isDigit).forEach(digits::appendCodePoint);
        return digits.length() < PHONE_DIGITS ? "" : digits.substring(digits.length() - PHONE_DIGITS);
    }

    @Override
    public String toString() {
        // Never the values themselves: this names personal data.
        return "PersonalMentions[" + emails.size() + " email(s), " + identifiers.size() + " identifier(s), "
                + phones.size() + " phone(s), " + names.size() + " name(s)]";
    }
}
