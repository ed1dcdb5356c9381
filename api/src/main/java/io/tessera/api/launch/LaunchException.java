package io.tessera.api.launch;

/** Tessera cannot start; the message names what is wrong and how to fix it, for the person at the terminal. */
public class LaunchException extends RuntimeException {

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
