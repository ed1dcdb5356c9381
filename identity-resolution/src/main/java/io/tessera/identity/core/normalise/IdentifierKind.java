package io.tessera.identity.core.normalise;

/** The kinds of identifier that link records today, each with the evidence rule a shared value produces. */
public enum IdentifierKind {
    EMAIL("email", "same-email"),
    PHONE("phone", "same-phone");

    private final String prefix;
    private final String rule;

    IdentifierKind(String prefix, String rule) {
        this.prefix = prefix;
        this.rule = rule;
    }

    /** The prefix of an identifier's {@link Identifier#key() key}, e.g. {@code email}. */
    public String prefix() {
        return prefix;
    }

    /** The evidence rule of a link through a shared identifier of this kind, e.g. {@code same-email}. */
    public String rule() {
        return rule;
    }
}
