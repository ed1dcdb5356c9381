package io.tessera.projections.profile.command;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which profiles the event store holds events of, asked for many profiles in one query. */
public class StoredProfiles {

    private final JdbcTemplate jdbc;
    private final String query;

    /** @param schema the event store's table and column names, as its {@code JdbcEventStorageEngine} uses them */
    public StoredProfiles(JdbcTemplate jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        // Answered from the index of the store's unique (aggregate identifier, sequence number) key.
        this.query = "SELECT DISTINCT " + schema.aggregateIdentifierColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ANY (?)";
    }

    /** The profiles among {@code profileIds} that have at least one stored event. */
    public Set<String> existing(Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList(query, String.class, (Object) profileIds.toArray(String[]::new)));
    }
}
