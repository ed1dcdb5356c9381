package io.tessera.identity.stream;

import io.tessera.contracts.IdentityDecision;
import io.tessera.identity.core.cluster.Change;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.IndexedRecord;
import io.tessera.identity.core.cluster.ResolutionState;
import java.util.List;
import java.util.Set;

/** What the processor asks of the core: {@link IdentityResolver#apply}, and the index keys of a stored record. */
@FunctionalInterface
interface ChangeResolution {

    List<IdentityDecision> apply(ResolutionState state, Change change);

    /** {@link IdentityResolver#indexKeys}; none for a resolution that files nothing in the index. */
    default Set<String> indexKeys(IndexedRecord record) {
        return Set.of();
    }

    /** The resolver's. */
    static ChangeResolution of(IdentityResolver resolver) {
        return new ChangeResolution() {
            @Override
            public List<IdentityDecision> apply(ResolutionState state, Change change) {
                return resolver.apply(state, change);
            }

            @Override
            public Set<String> indexKeys(IndexedRecord record) {
                return resolver.indexKeys(record);
            }
        };
    }
}
