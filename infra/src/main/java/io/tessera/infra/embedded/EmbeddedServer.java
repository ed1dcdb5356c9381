package io.tessera.infra.embedded;

import java.util.List;

/** One running server of the stack. */
interface EmbeddedServer {

    StackComponent component();

    /** The operating-system processes of this server (empty for servers running inside this JVM). */
    List<ServerProcess> processes();

    /** Stops the server and waits until it has stopped; keeps its data. */
    void stop() throws Exception;
}
