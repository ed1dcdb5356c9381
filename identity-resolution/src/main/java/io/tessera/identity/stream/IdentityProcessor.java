package io.tessera.identity.stream;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.KeysUnavailableException;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.identity.core.cluster.Change;
import io.tessera.identity.core.cluster.Link;
import io.tessera.identity.core.cluster.ResolutionState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one change from the records topic, resolves it against the state stores and forwards the decisions to
 * the identity sink. Values arrive as bytes and are read here, so that an unreadable input (bad JSON, an invalid
 * key, a key that disagrees with the value) goes to the dead-letter sink with its reason instead of stopping the
 * task; so does a change whose resolution fails. A failure of the state stores themselves is not the input's
 * fault and is rethrown, so Kafka Streams fails the task rather than losing state silently.
 */
final class IdentityProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityProcessor.class);
    private final ChangeResolution resolution;
    private final ResolutionPrivacy privacy;
    private final Deserializer<SourceRecord> records;
    private final int cachedFeatures;
    private ProcessorContext<String, Object> context;
    private ResolutionState state;

    IdentityProcessor(ChangeResolution resolution, ResolutionPrivacy privacy) {
        this(resolution, privacy, IdentityConfig.DEFAULT_CACHED_FEATURES);
    }

    IdentityProcessor(ChangeResolution resolution, ResolutionPrivacy privacy, int cachedFeatures) {
        this.resolution = resolution;
        this.privacy = privacy;
        this.cachedFeatures = cachedFeatures;
        this.records = privacy.records().deserializer();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<String, byte[]> records = context.getStateStore(IdentityTopology.RECORDS_STORE);
        KeyValueStore<String, String> holders = context.getStateStore(IdentityTopology.HOLDERS_STORE);
        KeyValueStore<String, Link> links = context.getStateStore(IdentityTopology.LINKS_STORE);
        KeyValueStore<String, String> recordProfiles = context.getStateStore(IdentityTopology.RECORD_PROFILES_STORE);
        KeyValueStore<String, String> profileMembers = context.getStateStore(IdentityTopology.PROFILE_MEMBERS_STORE);
        KafkaStoresResolutionState stores = new KafkaStoresResolutionState(records, holders, links, recordProfiles,
                profileMembers, privacy, resolution::indexKeys, cachedFeatures);
        DerivedStores.ensure(records, recordProfiles, holders, profileMembers,
                context.getStateStore(IdentityTopology.GENERATION_STORE), stores::indexHashes);
        this.state = stores;
    }

    @Override
    public void process(Record<String, byte[]> input) {
        String origin = origin();
        Change change;
        try {
            change = read(input, origin);
        } catch (UnreadableInput e) {
            deadLetter(input, origin, e.getMessage());
            return;
        }
        List<IdentityDecision> decisions;
        try {
            decisions = resolution.apply(state, change);
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug of ours or an input we did not foresee: kept with its stack for us, dead-lettered for the user.
            LOG.error("Resolution of record {} at {} failed; it goes to {}", change.key(), origin,
                    Topics.DEAD_LETTER.name(), e);
            deadLetter(input, origin, "Resolution failed: " + e);
            return;
        }
        for (IdentityDecision decision : decisions) {
            context.forward(new Record<String, Object>(decision.profileId(), decision, input.timestamp()),
                    IdentityTopology.IDENTITY_SINK);
        }
    }

    private Change read(Record<String, byte[]> input, String origin) throws UnreadableInput {
        if (input.key() == null) {
            throw new UnreadableInput("The record has no key; " + Topics.RECORDS.name()
                    + " is keyed by the record key source/table/pk");
        }
        RecordKey key;
        try {
            key = RecordKey.parse(input.key());
        } catch (IllegalArgumentException e) {
            throw new UnreadableInput("Invalid record key: " + e.getMessage(), e);
        }
        Instant at = Instant.ofEpochMilli(input.timestamp());
        if (input.value() == null) {
            return new Change.Delete(key, origin, at);
        }
        SourceRecord record;
        try {
            record = records.deserialize(Topics.RECORDS.name(), input.value());
        } catch (SerializationException e) {
            // Keys out of reach is not the input's fault: fail the task (it restarts from its last commit).
            KeysUnavailableException.rethrowIfCause(e);
            throw new UnreadableInput(e.getMessage(), e);
        }
        if (record == null) {
            throw new UnreadableInput("The value is JSON null; a delete is a tombstone (no value at all)");
        }
        if (!record.key().equals(key)) {
            throw new UnreadableInput("The topic key " + key + " differs from the record's own key " + record.key());
        }
        if (record.erased()) {
            // Its key was destroyed: an erasure's tombstone follows, and nothing of the record may be resolved again.
            return new Change.Delete(key, origin, at);
        }
        // The source position makes the decision ids reproducible when the source is re-ingested; a record
        // without one falls back to where it sits in the topic.
        String position = record.position() == null || record.position().isBlank() ? origin : record.position();
        return new Change.Upsert(record, position, at);
    }

    private void deadLetter(Record<String, byte[]> input, String origin, String reason) {
        LOG.warn("Input at {} with key {} is unreadable or unresolvable; sent to {}",
                origin, input.key(), Topics.DEAD_LETTER.name());
        String payload = input.value() == null ? null : new String(input.value(), StandardCharsets.UTF_8);
        DeadLetter letter = SealedRecords.sealPayload(privacy.recordKeys(), new DeadLetter(IdentityTopology.STAGE,
                origin, input.key(), reason, payload, Instant.ofEpochMilli(context.currentSystemTimeMs())));
        context.forward(new Record<String, Object>(input.key(), letter, input.timestamp()),
                IdentityTopology.DEAD_LETTER_SINK);
    }

    /** {@code topic-partition@offset} of the input being processed. */
    private String origin() {
        return context.recordMetadata()
                .map(IdentityProcessor::coordinates)
                .orElse(Topics.RECORDS.name());
    }

    private static String coordinates(RecordMetadata metadata) {
        return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
    }

    /** An input that cannot be read as a change; its message is the dead letter's reason. */
    private static final class UnreadableInput extends Exception {

        UnreadableInput(String reason) {
            super(reason);
        }

        UnreadableInput(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
