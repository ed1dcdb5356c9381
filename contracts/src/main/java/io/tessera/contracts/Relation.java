package io.tessera.contracts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A relation from one source record to another, as the source system keeps it: a contact's employer (Odoo's
 * {@code parent_id}), the customer an address belongs to. A relation is not evidence that two records are the same
 * entity: a contact stays a person related to her company, not merged into it. Resolution carries relations; the
 * profile read model turns them into relations between profiles, whatever profiles the two records end up in.
 *
 * <p>Unless the source says so: a <em>same-entity</em> relation is a foreign key that names the same person or
 * company in another table, such as an ERPNext individual customer's primary address or primary contact. Resolution
 * links the two records by the rule {@code same-entity}, like a shared identifier; cannot-link rules still apply, so
 * the primary contact (a person) of a company customer stays a person related to the company.
 *
 * @param type       what the relation means, in lower case words joined by hyphens: {@code employee-of},
 *                   {@code address-of}, {@code contact-of} …
 * @param target     the record at the other end; it may not be known (yet)
 * @param sameEntity whether the target is the same entity as the record holding the relation
 */
public record Relation(String type, RecordKey target, boolean sameEntity) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Relation {
        Objects.requireNonNull(target, "target");
        if (!isValidType(type)) {
            throw new IllegalArgumentException("A relation type is lower-case words joined by hyphens, such as "
                    + "employee-of; got '" + type + "'");
        }
    }

    /** A relation between two entities (not a same-entity one). */
    public Relation(String type, RecordKey target) {
        this(type, target, false);
    }

    /** Whether the text is a valid relation type: lower-case words joined by hyphens. */
    public static boolean isValidType(String type) {
        return type != null && TYPE.matcher(type).matches();
    }
}
