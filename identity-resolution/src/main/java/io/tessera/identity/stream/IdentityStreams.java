package io.tessera.identity.stream;

import io.tessera.identity.core.cluster.IdentityResolver;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the identity-resolution topology for the product: start it with a configuration, watch its state, close it.
 * Bad input never reaches here (it is dead-lettered); what does is a failure of Kafka or the state stores, which
 * shuts this client down so that the state listener reports {@code ERROR} instead of a thread retrying blindly.
 */
public final class IdentityStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityStreams.class);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final IdentityResolver resolver;

    private IdentityStreams(KafkaStreams streams, IdentityResolver resolver) {
        this.streams = streams;
        this.resolver = resolver;
    }

    /** Builds the topology and starts it. */
    public static IdentityStreams start(IdentityConfig config, ResolutionPrivacy privacy) {
        return start(config, privacy, (newState, oldState) -> {
        });
    }

    /**
     * Builds the topology and starts it.
     *
     * @param listener told of every state change ({@code REBALANCING}, {@code RUNNING}, {@code ERROR} …), e.g. for a
     *                 health indicator
     */
    public static IdentityStreams start(IdentityConfig config, ResolutionPrivacy privacy,
                                        KafkaStreams.StateListener listener) {
        Objects.requireNonNull(listener, "listener");
        IdentityResolver resolver = new IdentityResolver(config.resolverSettings());
        KafkaStreams streams = new KafkaStreams(IdentityTopology.build(resolver, privacy, config.cachedFeatures()),
                config.streamsProperties());
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Identity resolution {}: {} -> {}", config.applicationId(), oldState, newState);
            listener.onChange(newState, oldState);
        });
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Identity resolution {} failed and shuts down", config.applicationId(), exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        try {
            streams.start();
        } catch (RuntimeException e) {
            // Release the threads and state-directory lock the client took before failing.
            streams.close(Duration.ZERO);
            throw e;
        }
        return new IdentityStreams(streams, resolver);
    }

    /** Changes resolved since start whose record had no attribute to compare on (each is a profile of its own). */
    public long unusableRecords() {
        return resolver.unusableRecords();
    }

    /** The current state of the Kafka Streams client. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Stops processing and waits at most the timeout; true when it stopped within it. */
    public boolean close(Duration timeout) {
        return streams.close(timeout);
    }

    /** Closes with a 30 s timeout. */
    @Override
    public void close() {
        if (!close(DEFAULT_CLOSE_TIMEOUT)) {
            LOG.warn("Identity resolution did not stop within {}", DEFAULT_CLOSE_TIMEOUT);
        }
    }
}
