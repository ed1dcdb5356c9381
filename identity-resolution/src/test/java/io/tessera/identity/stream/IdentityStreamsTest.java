package io.tessera.identity.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.privacy.InMemoryRecordKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle the Spring app relies on: start reports state changes to the listener, close stops the client.
 * No broker is needed for that (the client keeps trying to connect until closed); processing itself is covered by
 * {@link IdentityTopologyTest}.
 */
class IdentityStreamsTest {

    @TempDir
    Path stateDir;

    @Test
    void startsAndClosesReportingStateChanges() {
        IdentityConfig config = new IdentityConfig("tessera-identity-lifecycle-test", "127.0.0.1:1", "ES", 50,
                stateDir, Duration.ofMillis(100));
        List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();

        IdentityStreams streams = IdentityStreams.start(config,
                new ResolutionPrivacy(new InMemoryRecordKeys(), new byte[32]), (newState, oldState) -> states.add(newState));
        assertThat(streams.state()).isIn(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);

        assertThat(streams.close(Duration.ofSeconds(30))).isTrue();
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        // NOT_RUNNING reaches the listener from Kafka's shutdown thread, possibly after close() returned.
        assertThat(states).startsWith(KafkaStreams.State.REBALANCING, KafkaStreams.State.PENDING_SHUTDOWN);
    }
}
