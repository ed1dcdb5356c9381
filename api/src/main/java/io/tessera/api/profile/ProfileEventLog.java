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

    /** The profile's events with their sequence numbers and the time they were stored, oldest first. */
    public List<Stored> stored(String profileId) {
        List<Stored> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(profileId, 0);
        while (stream.hasNext()) {
            var message = stream.next();
            if (message.getPayload() instanceof ProfileEvent event) {
                events.add(new Stored(message.getSequenceNumber(), message.getTimestamp(), event));
            }
        }
        return events;
    }

    /** One stored event of a profile: its place in the profile's stream and when the store took it. */
    public record Stored(long sequence, java.time.Instant storedAt, ProfileEvent event) {
    }
}
