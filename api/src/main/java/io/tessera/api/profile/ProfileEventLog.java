package io.tessera.api.profile;

import io.tessera.projections.profile.api.ProfileEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** A profile's events, read from the Axon event store: the lineage the aggregate wrote. */
public class ProfileEventLog {

    private final EventStore eventStore;

    public ProfileEventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The profile's events, oldest first; empty for a profile the store never saw. */
    public List<ProfileEvent> events(String profileId) {
        List<ProfileEvent> events = new ArrayList<>();
        // From the first sequence number, so a snapshot, if one is ever taken, does not hide the history.
        DomainEventStream stream = eventStore.readEvents(profileId, 0);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof ProfileEvent event) {
                events.add(event);
            }
        }
        return events;
    }
}
