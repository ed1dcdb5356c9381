package io.tessera.contracts;

/** What a source record describes: a natural person or a company (organisation). */
public enum EntityKind {
    PERSON,
    COMPANY
}
