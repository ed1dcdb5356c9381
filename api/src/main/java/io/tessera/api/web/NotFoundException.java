package io.tessera.api.web;

/** A resource the caller named does not exist; the message says which. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
