package io.tessera.contracts;

import java.util.List;

/** A record that belongs to a profile, with the links that put it there (empty for a profile of one record). */
public record ProfileMember(SourceRecord record, List<Evidence> evidence) {

    public ProfileMember {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
