package io.tessera.ingestion.source;

import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A column of a table that states a person's consent to be contacted on one channel for one purpose, e.g. Odoo's
 * {@code opt_out} (e-mail marketing refused when true). Each row whose column holds a yes/no value gets a
 * {@link ConsentStatement}; null or blank is no statement.
 *
 * @param channel  the channel the statement is about
 * @param purpose  what the contact is for: lower-case words joined by hyphens ({@link #isValidPurpose}),
 *                 {@link ConsentStatement#DEFAULT_PURPOSE} unless the mapping names another
 * @param column   the column holding the statement: a boolean, 1/0, true/false, t/f, yes/no or y/n
 * @param meaning  what a true value states
 * @param atColumn the column holding when the person stated it (a timestamp or a date), or {@code null} for none
 */
public record ConsentMapping(ConsentChannel channel, String purpose, String column, Meaning meaning, String atColumn) {

    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ConsentMapping {
        Objects.requireNonNull(channel, "channel");
        purpose = purpose == null ? ConsentStatement.DEFAULT_PURPOSE : purpose;
        if (!isValidPurpose(purpose)) {
            throw new IllegalArgumentException("A consent purpose is lower-case words joined by hyphens, such as "
                    + "marketing; got '" + purpose + "'");
        }
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("The " + channel.configName() + " consent needs a column");
        }
        meaning = meaning == null ? Meaning.OPT_IN : meaning;
        if (atColumn != null && atColumn.isBlank()) {
            throw new IllegalArgumentException("The " + channel.configName() + " consent has an empty 'at' column");
        }
    }

    /** Whether {@code purpose} is lower-case words joined by hyphens, as purposes are named in the API. */
    public static boolean isValidPurpose(String purpose) {
        return purpose != null && purpose.length() <= 40 && PURPOSE.matcher(purpose).matches();
    }

    /** How reasons name this statement: {@code consent email/marketing}. */
    public String describe() {
        return "consent " + channel.configName() + "/" + purpose;
    }

    /** What a true value in the column states. */
    public enum Meaning {
        /** True means consent given (a newsletter box ticked), false consent refused. */
        OPT_IN,
        /**
         * True means consent withdrawn (Odoo's and SuiteCRM's {@code opt_out}); false states nothing: not having
         * opted out is not consent given (GDPR asks for an affirmative one).
         */
        OPT_OUT;

        /** The name a mapping file uses: {@code opt-in}, {@code opt-out}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** What the column's value states: consent given (true), refused or withdrawn (false), or nothing (null). */
        public Boolean granted(boolean value) {
            if (this == OPT_IN) {
                return value;
            }
            return value ? Boolean.FALSE : null;
        }

        /** The meaning a mapping file names, if it names one. */
        public static Optional<Meaning> fromConfig(String text) {
            return Arrays.stream(values()).filter(m -> m.configName().equals(text)).findFirst();
        }

        /** The names a mapping file may use. */
        public static List<String> configNames() {
            return Arrays.stream(values()).map(Meaning::configName).toList();
        }
    }
}
