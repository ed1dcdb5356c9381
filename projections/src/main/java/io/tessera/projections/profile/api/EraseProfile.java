package io.tessera.projections.profile.api;

import io.tessera.contracts.RecordKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the profile's records were erased (their keys are destroyed by then). Answers the records erased now:
 * none when every one of them was erased before, and then no event is recorded.
 *
 * @param records     the records whose keys were destroyed
 * @param requestedBy the API caller who asked
 * @param requestedAt when
 */
public record EraseProfile(@TargetAggregateIdentifier String profileId, String erasureId, List<RecordKey> records,
                           String requestedBy, Instant requestedAt) implements ProfileCommand {

    public EraseProfile {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(erasureId, "erasureId");
        records = List.copyOf(records);
    }
}
