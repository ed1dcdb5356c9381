package io.tessera.api.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.Evidence;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.projections.profile.api.ConsentStated;
import io.tessera.projections.profile.api.MergeEvidence;
import io.tessera.projections.profile.api.ProfileCreated;
import io.tessera.projections.profile.api.ProfileErased;
import io.tessera.projections.profile.api.ProfileMergedInto;
import io.tessera.projections.profile.api.ProfileRetired;
import io.tessera.projections.profile.api.ProfileSplit;
import io.tessera.projections.profile.api.ProfilesMerged;
import io.tessera.projections.profile.api.RecordLinked;
import io.tessera.projections.profile.api.RecordUnlinked;
import io.tessera.projections.profile.api.RecordUpdated;
import io.tessera.projections.profile.api.SuppressionLifted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A profile's events as its history, oldest first: links, merges, splits, and for a record that changed in its
 * source, which attributes changed, from what to what. Plain Java over the stored events.
 */
public final class ProfileHistory {

    private ProfileHistory() {
    }

    /**
     * One event of a profile's history.
     *
     * @param sequence         the event's place in the profile's stream, from 0
     * @param type             what happened ({@code record-linked}, {@code record-updated}, {@code record-unlinked},
     *                         {@code profile-created}, {@code profiles-merged}, {@code profile-split},
     *                         {@code profile-merged-into}, {@code profile-retired}, {@code consent-stated},
     *                         {@code profile-erased}, {@code suppression-lifted})
     * @param at               when the source change behind it happened
     * @param storedAt         when the event store took it
     * @param decisionId       the identity decision it belongs to (for {@code consent-stated}, the statement's id;
     *                         for {@code suppression-lifted}, the erasure that had suppressed the record)
     * @param record           the record it is about, for record events and {@code suppression-lifted}
     * @param cause            for a record leaving, the record whose change made it leave
     * @param changes          for {@code record-updated}, each attribute that changed with its value before and after
     * @param evidence         for a record linked or updated, the links that hold it in the profile
     * @param mergeEvidence    for {@code profiles-merged}, the links that joined the profiles
     * @param otherProfiles    the absorbed profiles of a merge, the profile split from, or the survivor of a merge
     *                         into another
     * @param consent          for {@code consent-stated}, the statement
     * @param erasedRecords    for {@code profile-erased}, the records whose personal data was erased (the decision id
     *                         is then the erasure's id)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Event(long sequence, String type, Instant at, Instant storedAt, String decisionId, RecordKey record,
                 RecordKey cause, List<Change> changes, List<Evidence> evidence, List<MergeEvidence> mergeEvidence,
                 List<String> otherProfiles, Consent consent, List<RecordKey> erasedRecords) {
    }

    /** A consent statement recorded through the API. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consent(ConsentChannel channel, String purpose, boolean granted, Instant statedAt, String statedBy,
                   String note) {
    }

    /** An attribute of a source record that changed: its value before and after (null when absent). */
    public record Change(String attribute, Object before, Object after) {
    }

    /** A page of a profile's history, oldest first. */
    public record Page(String profileId, int page, int size, int totalEvents, List<Event> events) {
    }

    public static List<Event> of(List<ProfileEventLog.Stored> stored) {
        Map<RecordKey, SourceRecord> versions = new HashMap<>();
        List<Event> events = new ArrayList<>();
        for (ProfileEventLog.Stored s : stored) {
            long n = s.sequence();
            Instant storedAt = s.storedAt();
            events.add(switch (s.event()) {
                case ProfileCreated e -> new Event(n, "profile-created", e.at(), storedAt, e.decisionId(), null, null,
                        List.of(), List.of(), List.of(), List.of(), null, List.of());
                case RecordLinked e -> {
                    versions.put(e.record().key(), e.record());
                    yield new Event(n, "record-linked", e.at(), storedAt, e.decisionId(), e.record().key(), null,
                            List.of(), e.evidence(), List.of(), List.of(), null, List.of());
                }
                case RecordUpdated e -> {
                    SourceRecord before = versions.put(e.record().key(), e.record());
                    yield new Event(n, "record-updated", e.at(), storedAt, e.decisionId(), e.record().key(), null,
                            changes(before, e.record()), e.evidence(), List.of(), List.of(), null, List.of());
                }
                case RecordUnlinked e -> {
                    versions.remove(e.recordKey());
                    yield new Event(n, "record-unlinked", e.at(), storedAt, e.decisionId(), e.recordKey(), e.cause(),
                            List.of(), List.of(), List.of(), List.of(), null, List.of());
                }
                case ProfilesMerged e -> new Event(n, "profiles-merged", e.at(), storedAt, e.decisionId(), null, null,
                        List.of(), List.of(), e.evidence(), e.absorbedProfileIds(), null, List.of());
                case ProfileSplit e -> new Event(n, "profile-split", e.at(), storedAt, e.decisionId(), null, null,
                        List.of(), List.of(), List.of(), e.fromProfileId() == null ? List.of()
                        : List.of(e.fromProfileId()), null, List.of());
                case ProfileMergedInto e -> new Event(n, "profile-merged-into", e.at(), storedAt, e.decisionId(),
                        null, null, List.of(), List.of(), List.of(), e.survivorProfileId() == null ? List.of()
                        : List.of(e.survivorProfileId()), null, List.of());
                case ProfileRetired e -> new Event(n, "profile-retired", e.at(), storedAt, e.decisionId(), null, null,
                        List.of(), List.of(), List.of(), List.of(), null, List.of());
                case ConsentStated e -> new Event(n, "consent-stated", e.at(), storedAt, e.statementId(), null, null,
                        List.of(), List.of(), List.of(), List.of(), new Consent(e.channel(), e.purpose(), e.granted(),
                        e.statedAt(), e.statedBy(), e.note()), List.of());
                case ProfileErased e -> new Event(n, "profile-erased", e.at(), storedAt, e.erasureId(), null, null,
                        List.of(), List.of(), List.of(), List.of(), null, e.records());
                case SuppressionLifted e -> new Event(n, "suppression-lifted", e.at(), storedAt, e.erasureId(),
                        e.record(), null, List.of(), List.of(), List.of(), List.of(), null, List.of());
            });
        }
        return events;
    }

    /** The attributes that differ between two versions of a record; every attribute when there is no earlier one. */
    static List<Change> changes(SourceRecord before, SourceRecord after) {
        Map<String, Object> old = before == null ? Map.of() : values(before);
        Map<String, Object> now = values(after);
        List<Change> changes = new ArrayList<>();
        for (String attribute : now.keySet()) {
            Object was = old.get(attribute);
            Object is = now.get(attribute);
            if (!Objects.equals(was, is)) {
                changes.add(new Change(attribute, was, is));
            }
        }
        return changes;
    }

    /** A record's attributes by the names the golden record uses; absent values are null. */
    private static Map<String, Object> values(SourceRecord record) {
        Attributes a = record.attributes();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kind", record.kind().name().toLowerCase(java.util.Locale.ROOT));
        values.put("full-name", a.fullName());
        values.put("given-name", a.givenName());
        values.put("family-name", a.familyName());
        values.put("company-name", a.companyName());
        values.put("emails", a.emails().isEmpty() ? null : a.emails());
        values.put("phones", a.phones().isEmpty() ? null : a.phones());
        values.put("address", a.address().isEmpty() ? null : a.address());
        values.put("tax-id", a.taxId());
        values.put("date-of-birth", a.dateOfBirth());
        values.put("identifiers", a.identifiers().isEmpty() ? null : a.identifiers());
        values.put("relations", record.relations().isEmpty() ? null : record.relations());
        return values;
    }
}
