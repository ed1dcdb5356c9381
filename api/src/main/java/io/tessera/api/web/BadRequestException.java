package io.tessera.api.web;

/** A request the caller wrote wrongly; the message says what to change. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
