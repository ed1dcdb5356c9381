package io.tessera.ingestion.capture;

import io.tessera.contracts.RecordKey;
import io.tessera.ingestion.mapping.MappingResult;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordSink} that drops the upserts of suppressed records: the stage completes normally, so the capture
 * commits past them, and the record never reaches the topic. Deletes and rejections pass: a delete only removes,
 * and a rejection carries no record to bring back.
 */
public final class SuppressingRecordSink implements RecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(SuppressingRecordSink.class);

    private final RecordSink delegate;
    private final Suppressions suppressions;
    private final Function<RecordKey, String> keyHash;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param keyHash how a dropped record is named in the log: a keyed hash, never the key, which may be personal
     */
    public SuppressingRecordSink(RecordSink delegate, Suppressions suppressions,
                                 Function<RecordKey, String> keyHash) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.keyHash = Objects.requireNonNull(keyHash, "keyHash");
    }

    @Override
    public CompletionStage<Void> accept(MappingResult.Output output) {
        if (output instanceof MappingResult.Upsert upsert && suppressions.suppressed(upsert.record().key())) {
            dropped.incrementAndGet();
            LOG.info("Dropped a change of suppressed record {}", keyHash.apply(upsert.record().key()));
            return CompletableFuture.completedFuture(null);
        }
        return delegate.accept(output);
    }

    @Override
    public void prepare(List<MappingResult.Upsert> upserts) {
        delegate.prepare(upserts.stream().filter(u -> !suppressions.suppressed(u.record().key())).toList());
    }

    /** Upserts dropped since start. */
    public long dropped() {
        return dropped.get();
    }
}
