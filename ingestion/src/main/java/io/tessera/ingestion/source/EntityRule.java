package io.tessera.ingestion.source;

import io.tessera.contracts.EntityKind;
import java.util.Objects;
import java.util.Set;

/** How a table mapping decides whether a row describes a person or a company. */
public sealed interface EntityRule {

    /** Every row of the table is of one kind. */
    record Fixed(EntityKind kind) implements EntityRule {
        public Fixed {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A column decides: its value (as text, after {@link ValueSpec} reading) is looked up in the two lists; a value in
     * neither list (or no value) gives {@code otherwise}, and when {@code otherwise} is {@code null} the row is rejected.
     */
    record ByColumn(ValueSpec value, Set<String> companyWhen, Set<String> personWhen, EntityKind otherwise)
            implements EntityRule {
        public ByColumn {
            Objects.requireNonNull(value, "value");
            companyWhen = companyWhen == null ? Set.of() : Set.copyOf(companyWhen);
            personWhen = personWhen == null ? Set.of() : Set.copyOf(personWhen);
        }
    }
}
