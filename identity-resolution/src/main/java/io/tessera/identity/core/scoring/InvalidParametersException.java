package io.tessera.identity.core.scoring;

/** A parameter file that cannot be used; the message names the offending key and what to do. */
public class InvalidParametersException extends RuntimeException {

    public InvalidParametersException(String message) {
        super(message);
    }

    public InvalidParametersException(String message, Throwable cause) {
        super(message, cause);
    }
}
