package io.tessera.identity.stream;

import io.tessera.contracts.IdentityDecision;
import io.tessera.identity.core.cluster.Change;
import io.tessera.identity.core.cluster.ResolutionState;
import java.util.List;

/** What the processor asks of the core: {@link io.tessera.identity.core.cluster.IdentityResolver#apply}. */
@FunctionalInterface
interface ChangeResolution {

    List<IdentityDecision> apply(ResolutionState state, Change change);
}
