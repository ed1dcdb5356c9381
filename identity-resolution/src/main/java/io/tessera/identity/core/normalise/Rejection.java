package io.tessera.identity.core.normalise;

/** Why a raw value yields no usable identifier; kept so that "why not linked" can be answered. */
public enum Rejection {
    /** Nothing was given. */
    EMPTY,
    /** The value does not look like an email or is not a valid phone number. */
    INVALID,
    /** A generic mailbox or a placeholder: it would glue unrelated people together. */
    BLOCKED
}
