package io.tessera.projections.search;

/** A search the caller wrote wrongly; the message says what is wrong and how to write it. */
public class InvalidQueryException extends IllegalArgumentException {

    public InvalidQueryException(String message) {
        super(message);
    }
}
