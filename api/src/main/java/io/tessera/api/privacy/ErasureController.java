package io.tessera.api.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.NotFoundException;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure (GDPR article 17) by crypto-shredding: a profile, or every profile holding a record with an email address,
 * loses its personal data from the event store, the read models and the search index ({@link Erasures}).
 */
@RestController
@RequestMapping("/api/v1/privacy")
public class ErasureController {

    private final Erasures erasures;

    public ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    /** Names whom to erase: exactly one of a profile id or an email address. */
    public record ErasureRequest(String profileId, String email) {
    }

    /**
     * What the erasure did.
     *
     * @param erasureId       its id; null when nothing was left to erase (a repeated request)
     * @param profiles        the profiles named, each with the records erased from it now
     * @param recordsErased   how many records were erased now (rejected rows found only in dead letters included)
     * @param deadLetters     how many dead letters were found now to hold the person's data, their payloads shredded
     * @param earlierErasures erasures of the same email or profile before this one
     * @param summary         in words
     */
    public record ErasureView(String erasureId, List<Erasures.ProfileResult> profiles, int recordsErased,
                              int deadLetters, List<EarlierErasure> earlierErasures, String summary) {
    }

    /** An erasure done before. */
    public record EarlierErasure(String erasureId, Instant requestedAt, String requestedBy, int records) {
    }

    @Operation(summary = "Erase a person (privacy officers, admins): body {\"profileId\": …} or {\"email\": …}. Destroys "
            + "the keys of every record of the profile(s) (their events read back without personal data), deletes "
            + "read-model rows and search documents, writes tombstones to tessera.records and records a "
            + "ProfileErased event without personal data; shreds the dead letters that hold the person's data. "
            + "Asking again erases nothing new and answers 200.")
    @PostMapping("/erasure")
    public ErasureView erase(@RequestBody(required = false) ErasureRequest body, Principal caller) {
        Erasures.Subject subject = subject(body);
        Erasures.Result result;
        try {
            result = erasures.erase(subject, caller.getName());
        } catch (Erasures.UnknownSubjectException e) {
            throw new NotFoundException(e.getMessage());
        }
        List<EarlierErasure> earlier = result.earlierErasures().stream()
                .map(entry -> new EarlierErasure(entry.erasureId(), entry.requestedAt(), entry.requestedBy(),
                        entry.records()))
                .toList();
        String summary = result.erasureId() != null
                ? "Erased " + result.recordsErased() + " record(s) of " + result.profiles().size() + " profile(s)"
                + (result.deadLetters() == 0 ? "." : "; shredded the payloads of " + result.deadLetters()
                + " dead letter(s) that held the person's data.")
                : "Nothing was left to erase" + (earlier.isEmpty() ? ": the profile holds no record."
                : ": erased before (" + earlier.size() + " earlier erasure(s)).");
        return new ErasureView(result.erasureId(), result.profiles(), result.recordsErased(), result.deadLetters(),
                earlier, summary);
    }

    private static Erasures.Subject subject(ErasureRequest body) {
        boolean byProfile = body != null && body.profileId() != null;
        boolean byEmail = body != null && body.email() != null;
        if (byProfile == byEmail) {
            throw new BadRequestException("Name whom to erase with exactly one of 'profileId' or 'email' in a JSON "
                    + "body, e.g. {\"email\": \"ana@example.com\"}");
        }
        if (byProfile) {
            if (body.profileId().isBlank()) {
                throw new BadRequestException("'profileId' must not be blank");
            }
            return new Erasures.ByProfile(body.profileId().strip());
        }
        if (body.email().isBlank() || !body.email().contains("@")) {
            throw new BadRequestException("'email' must be an email address");
        }
        return new Erasures.ByEmail(body.email().strip());
    }
}
