package io.tessera.api.web;

/** The request cannot apply to the resource as it is now; the message says what to do instead. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
