package io.tessera.contracts.privacy;

/**
 * The record keys could not be read or stored (their database is unreachable, say). It is never the fault of the
 * message being read or written: a stage that meets it must stop and retry, not dead-letter the message.
 */
public class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Rethrows the first {@code KeysUnavailableException} in the cause chain of {@code error}, if there is one. */
    public static void rethrowIfCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof KeysUnavailableException unavailable) {
                throw unavailable;
            }
        }
    }
}
