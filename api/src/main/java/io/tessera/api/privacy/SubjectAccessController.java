package io.tessera.api.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.profile.ProfileEventLog;
import io.tessera.api.profile.ProfileHistory;
import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.NotFoundException;
import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.RecordKey;
import io.tessera.projections.profile.query.ProfileDetails;
import io.tessera.projections.profile.query.ProfileReadModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subject access (GDPR article 15): everything Tessera holds about a person, as one JSON document: each profile
 * holding a record of hers, with its golden record, consents, source records, relations and full event history; and
 * the dead letters (rows a stage rejected, kept for 7 days) that hold one of her email addresses or identifiers.
 */
@RestController
@RequestMapping("/api/v1/privacy")
public class SubjectAccessController {

    private final ProfileReadModel readModel;
    private final ProfileEventLog eventLog;
    private final DeadLetterSearch deadLetters;

    public SubjectAccessController(ProfileReadModel readModel, ProfileEventLog eventLog,
                                   DeadLetterSearch deadLetters) {
        this.readModel = readModel;
        this.eventLog = eventLog;
        this.deadLetters = deadLetters;
    }

    /**
     * The export.
     *
     * @param subject  how the request named the person
     * @param profiles    each profile holding a record of the person, with its history
     * @param deadLetters rejected rows and messages, payloads opened, that hold her email or an identifier of hers
     */
    public record SubjectExport(Map<String, String> subject, Instant generatedAt, List<ProfileExport> profiles,
                                List<DeadLetter> deadLetters) {
    }

    /** One profile as held now, and every event of it. */
    public record ProfileExport(ProfileDetails profile, List<ProfileHistory.Event> history) {
    }

    @Operation(summary = "Everything held about a person (subject access): the profiles holding a record with this "
            + "email, or this record (source/table/pk), or this profile id, each with golden record, consents, "
            + "records, relations and event history, and the dead letters holding her email or identifiers; as a JSON "
            + "download")
    @GetMapping("/export")
    public ResponseEntity<SubjectExport> export(@RequestParam(required = false) String email,
                                                @RequestParam(required = false) String record,
                                                @RequestParam(required = false) String profileId) {
        int given = (email == null ? 0 : 1) + (record == null ? 0 : 1) + (profileId == null ? 0 : 1);
        if (given != 1) {
            throw new BadRequestException("Name the person with exactly one of 'email' (an address a record holds), "
                    + "'record' (source/table/pk, e.g. crm/res_partner/42) or 'profileId'");
        }
        TreeSet<String> ids = new TreeSet<>();
        Map<String, String> subject;
        if (email != null) {
            if (email.isBlank() || !email.contains("@")) {
                throw new BadRequestException("Parameter 'email' must be an email address");
            }
            ids.addAll(readModel.profilesWithEmail(email));
            subject = Map.of("email", email.strip());
        } else if (record != null) {
            RecordKey key;
            try {
                key = RecordKey.parse(record);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Parameter 'record' must read source/table/pk, e.g. crm/res_partner/42: "
                        + e.getMessage());
            }
            readModel.profileOf(key).ifPresent(ids::add);
            subject = Map.of("record", key.asString());
        } else {
            if (readModel.find(profileId).isPresent()) {
                ids.add(profileId);
            }
            subject = Map.of("profileId", profileId);
        }
        List<ProfileExport> profiles = new ArrayList<>();
        for (String id : ids) {
            readModel.find(id).ifPresent(profile -> profiles.add(new ProfileExport(profile, ProfileHistory.of(eventLog.stored(id)))));
        }
        PersonalMentions person = PersonalMentions.of(email, profiles.stream()
                .flatMap(profile -> profile.profile().records().stream())
                .map(view -> view.record().attributes()).toList());
        List<DeadLetter> letters = deadLetters.mentioning(person);
        if (profiles.isEmpty() && letters.isEmpty()) {
            throw new NotFoundException("Tessera holds no record of this person (" + subject.keySet().iterator().next()
                    + " as given); check the spelling, or name a record or profile instead");
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tessera-subject-access.json\"")
                .body(new SubjectExport(subject, Instant.now(), profiles, letters));
    }
}
