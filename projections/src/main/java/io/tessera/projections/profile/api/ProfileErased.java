package io.tessera.projections.profile.api;

import io.tessera.contracts.RecordKey;
import java.time.Instant;
import java.util.List;

/**
 * The personal data of some of the profile's records was erased: their keys were destroyed, so every event of them
 * reads back without it (crypto-shredding). Holds no personal data: record keys are source ids.
 *
 * @param erasureId   the erasure request this belongs to
 * @param records     the records erased, in key order
 * @param requestedBy the API caller who asked for the erasure
 * @param at          when the erasure was asked for
 */
public record ProfileErased(String profileId, String erasureId, List<RecordKey> records, String requestedBy,
                            Instant at) implements ProfileEvent {

    public ProfileErased {
        records = List.copyOf(records);
    }
}
