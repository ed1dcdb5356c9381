package io.tessera.identity.core.normalise;

import java.util.Objects;
import java.util.Optional;

/** The outcome of normalising one raw value: a usable identifier, or the reason there is none. */
public sealed interface Normalised permits Normalised.Usable, Normalised.Rejected {

    /** The identifier, when the value is usable for linking. */
    Optional<Identifier> usable();

    /** A value that can link records. */
    record Usable(Identifier identifier) implements Normalised {
        public Usable {
            Objects.requireNonNull(identifier, "identifier");
        }

        @Override
        public Optional<Identifier> usable() {
            return Optional.of(identifier);
        }
    }

    /** A value that cannot link records, and why. */
    record Rejected(IdentifierKind kind, Rejection rejection) implements Normalised {
        public Rejected {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public Optional<Identifier> usable() {
            return Optional.empty();
        }
    }
}
