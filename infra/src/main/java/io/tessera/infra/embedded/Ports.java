package io.tessera.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks and checks the loopback ports of one stack start before any server starts, so a busy port fails fast with a
 * clear message and two servers never get the same free port.
 */
final class Ports {

    static final String LOOPBACK = "127.0.0.1";

    private final Set<Integer> handedOut = new HashSet<>();

    /**
     * The port {@code component} should use: {@code requested} if it is free, a free port if it is {@code 0}.
     *
     * @throws StackStartException if {@code requested} is in use
     */
    int resolve(StackComponent component, int requested) {
        if (requested == 0) {
            return freePort();
        }
        if (!handedOut.add(requested) || !isFree(requested)) {
            throw new StackStartException(component, component.displayName() + " cannot start: port " + requested
                    + " on " + LOOPBACK + " is already in use (by another program, another server of this stack,"
                    + " or a Tessera stack that is still running). Stop that program or choose another port: set"
                    + " the environment variable " + component.portEnvVar() + " (or use StackSettings.withPort("
                    + "StackComponent." + component.name() + ", port); 0 picks a free one).");
        }
        return requested;
    }

    /** A port that is free on the loopback interface now and was not handed out by this instance before. */
    int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new StackStartException(null, "Cannot find a free port on " + LOOPBACK + ": "
                        + e.getMessage(), e);
            }
        }
        throw new StackStartException(null, "Cannot find a free port on " + LOOPBACK + ".");
    }

    /** Whether a server could bind {@code port} on the loopback interface now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // The servers set SO_REUSEADDR too, so a connection in TIME_WAIT does not count as busy.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
