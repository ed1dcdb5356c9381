package io.tessera.ingestion.capture;

import io.tessera.ingestion.mapping.MappingResult;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where mapped changes go: upserts and deletes to the record topic, rejections to the dead-letter topic.
 * Captures call {@link #accept} once per result, in source order, and commit their source offsets only after every
 * returned stage of a batch completed normally, so a sink that fails makes the capture stop and redeliver later.
 * Implementations must be safe for concurrent use (one capture thread per source).
 */
public interface RecordSink {

    /**
     * Hands over one result.
     *
     * @return a stage that completes when the result is durable (for Kafka: acknowledged by the brokers), or
     *         completes exceptionally when it cannot be made so
     */
    CompletionStage<Void> accept(MappingResult.Output output);

    /**
     * Told of the upserts of a batch before they are {@link #accept accepted} one by one, so that work per record
     * (creating the records' keys) can be done once for the batch. Optional: the default does nothing.
     */
    default void prepare(List<MappingResult.Upsert> upserts) {
    }
}
