package io.tessera.contracts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A relation from one source record to another, as the source system keeps it: a contact's employer (Odoo's
 * {@code parent_id}), the customer an address belongs to. Relations are not evidence that two records are the same
 * entity: a contact stays a person related to her company, not merged into it. Resolution carries them; the
 * profile read model turns them into relations between profiles, whatever profiles the two records end up in.
 *
 * @param type   what the relation means, in lower case words joined by hyphens: {@code employee-of},
 *               {@code address-of}, {@code contact-of} …
 * @param target the record at the other end; it may not be known (yet)
 */
public record Relation(String type, RecordKey target) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Relation {
        Objects.requireNonNull(target, "target");
        if (!isValidType(type)) {
            throw new IllegalArgumentException("A relation type is lower-case words joined by hyphens, such as "
                    + "employee-of; got '" + type + "'");
        }
    }

    /** Whether the text is a valid relation type: lower-case words joined by hyphens. */
    public static boolean isValidType(String type) {
        return type != null && TYPE.matcher(type).matches();
    }
}
