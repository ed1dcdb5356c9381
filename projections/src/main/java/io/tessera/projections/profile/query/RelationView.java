package io.tessera.projections.profile.query;

import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import java.util.List;

/**
 * A relation between this profile and another, read from the relations its source records hold: "employee-of Acme
 * SL", or, seen from the company, an incoming "employee-of" from each of its contacts.
 *
 * @param type        the relation type, as the mapping names it ({@code employee-of} …)
 * @param direction   {@code OUTGOING} when this profile's records hold the relation, {@code INCOMING} when the
 *                    other profile's records point at this one
 * @param profileId   the profile at the other end; {@code null} while the record it points at is not known
 * @param displayName the other profile's display name, {@code null} when unknown
 * @param kind        the other profile's entity kind, {@code null} when unknown
 * @param via         the record pairs the relation comes from, {@code from} holding it and {@code to} its target
 */
public record RelationView(
        String type, Direction direction, String profileId, String displayName, EntityKind kind, List<Via> via) {

    public enum Direction { OUTGOING, INCOMING }

    /** One source record's relation to another record. */
    public record Via(RecordKey from, RecordKey to) {
    }
}
