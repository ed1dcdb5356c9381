package io.tessera.ingestion.capture;

import io.tessera.contracts.RecordKey;
import io.tessera.ingestion.mapping.MappingResult;
import io.tessera.ingestion.mapping.MappingResult.Delete;
import io.tessera.ingestion.mapping.MappingResult.Rejected;
import io.tessera.ingestion.mapping.MappingResult.Upsert;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps everything in memory, in arrival order, with the arrival time. */
final class RecordingSink implements RecordSink {

    record Received(MappingResult.Output output, Instant at) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> accept(MappingResult.Output output) {
        received.add(new Received(output, Instant.now()));
        return CompletableFuture.completedFuture(null);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Upserts and deletes of {@code key}, in arrival order. */
    List<Received> of(RecordKey key) {
        return received.stream().filter(r -> switch (r.output()) {
            case Upsert u -> u.record().key().equals(key);
            case Delete d -> d.key().equals(key);
            case Rejected x -> false;
        }).toList();
    }

    List<Upsert> upserts() {
        return received.stream().map(Received::output).filter(Upsert.class::isInstance).map(Upsert.class::cast).toList();
    }

    List<Rejected> rejections() {
        return received.stream().map(Received::output).filter(Rejected.class::isInstance).map(Rejected.class::cast).toList();
    }

    Upsert latestUpsert(RecordKey key) {
        List<Received> all = of(key);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).output() instanceof Upsert upsert) {
                return upsert;
            }
        }
        return null;
    }
}
