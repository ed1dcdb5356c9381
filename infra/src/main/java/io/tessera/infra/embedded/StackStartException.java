package io.tessera.infra.embedded;

import java.util.Optional;

/**
 * The embedded stack could not start. The message is meant for the user: it names the server, the port or file
 * involved and what to do about it; the cause keeps the technical detail.
 */
public class StackStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StackComponent component;

    /**
     * @param component the server that failed, or {@code null} when the failure concerns the whole stack
     * @param message   what went wrong and how to fix it
     * @param cause     the underlying failure, may be {@code null}
     */
    public StackStartException(StackComponent component, String message, Throwable cause) {
        super(message, cause);
        this.component = component;
    }

    /** Failure without an underlying exception. */
    public StackStartException(StackComponent component, String message) {
        this(component, message, null);
    }

    /** The server that failed, empty when the failure concerns the whole stack (e.g. the working directory). */
    public Optional<StackComponent> component() {
        return Optional.ofNullable(component);
    }
}
