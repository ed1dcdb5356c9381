package io.tessera.ingestion.capture;

import io.tessera.contracts.RecordKey;

/**
 * Records that must not come back through capture: an erased record whose row changes again in its source is
 * dropped before it reaches Tessera's record topic, until the suppression is lifted.
 */
@FunctionalInterface
public interface Suppressions {

    /** Suppresses nothing. */
    Suppressions NONE = key -> false;

    boolean suppressed(RecordKey key);
}
