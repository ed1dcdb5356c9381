package io.tessera.api.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.ConflictException;
import io.tessera.api.web.NotFoundException;
import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.ConsentStatement;
import io.tessera.projections.profile.api.ProfileUnavailableException;
import io.tessera.projections.profile.api.StateConsent;
import io.tessera.projections.profile.golden.Consents;
import io.tessera.projections.profile.query.ProfileReadModel;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consent per profile, channel and purpose: read the consent in force, and record what a person said through
 * another way than a source (a call, an unsubscribe link). The latest statement wins, whichever way it came.
 */
@RestController
@RequestMapping("/api/v1")
public class ConsentController {

    private static final int MAX_NOTE = 500;
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final ProfileReadModel readModel;
    private final Clock clock;

    public ConsentController(CommandGateway commands, ProfileReadModel readModel) {
        this.commands = commands;
        this.readModel = readModel;
        this.clock = Clock.systemUTC();
    }

    /**
     * A statement as the API takes it.
     *
     * @param granted  true for consent given, false for refused or withdrawn (required)
     * @param purpose  what contact is for, default {@code marketing}
     * @param statedAt when the person said it (ISO-8601), default now
     * @param note     free text without personal data
     */
    public record ConsentRequest(Boolean granted, String purpose, String statedAt, String note) {
    }

    /** A profile's consent in force, per channel and purpose. */
    public record ConsentsView(String profileId, List<Consents.Consent> consents) {
    }

    @Operation(summary = "The consent in force per channel and purpose, each with the statement it comes from")
    @GetMapping("/profiles/{id}/consents")
    public ConsentsView consents(@PathVariable String id) {
        var profile = readModel.find(id).orElseThrow(() -> unknown(id));
        return new ConsentsView(id, profile.consents());
    }

    @Operation(summary = "Record a consent statement: body {\"granted\": false, \"purpose\": \"marketing\", "
            + "\"statedAt\": \"2026-11-22T10:00:00Z\", \"note\": \"unsubscribe link\"}; purpose, statedAt (default "
            + "now) and note are optional. Answers with the consent in force once it applies (200), or 202 if the "
            + "read model has not caught up within 10 s")
    @PutMapping("/profiles/{id}/consents/{channel}")
    public ResponseEntity<ConsentsView> state(@PathVariable String id, @PathVariable String channel,
                                              @RequestBody(required = false) ConsentRequest body,
                                              Principal caller) {
        ConsentChannel parsed;
        try {
            parsed = ConsentChannel.fromConfig(channel);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (body == null) {
            throw new BadRequestException("The body must be a JSON object such as {\"granted\": false}");
        }
        Boolean granted = body.granted();
        if (granted == null) {
            throw new BadRequestException("Field 'granted' is required: true for consent given, false for refused "
                    + "or withdrawn");
        }
        String purpose = blankToNull(body.purpose());
        if (purpose != null && !purpose.matches("[A-Za-z0-9][A-Za-z0-9 _-]{0,63}")) {
            throw new BadRequestException("Field 'purpose' must be a short name (letters, digits, spaces, - and _; "
                    + "at most 64), e.g. marketing; it defaults to " + ConsentStatement.DEFAULT_PURPOSE);
        }
        String note = blankToNull(body.note());
        if (note != null && note.length() > MAX_NOTE) {
            throw new BadRequestException("Field 'note' may hold at most " + MAX_NOTE + " characters");
        }
        Instant now = clock.instant();
        Instant statedAt = now;
        String at = blankToNull(body.statedAt());
        if (at != null) {
            try {
                statedAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("Field 'statedAt' must be an ISO-8601 instant such as "
                        + "2026-11-22T10:00:00Z, got '" + at + "'");
            }
            if (statedAt.isAfter(now.plus(FUTURE_TOLERANCE))) {
                throw new BadRequestException("Field 'statedAt' is in the future (" + at + "); leave it out for now");
            }
        }
        StateConsent command = new StateConsent(id, UUID.randomUUID().toString(), parsed,
                new ConsentStatement(parsed, purpose, granted, statedAt).purpose(), granted,
                statedAt, caller == null ? null : caller.getName(), note, now);
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw unknown(id);
        } catch (ProfileUnavailableException e) {
            throw e.survivor() == null ? new NotFoundException(e.getMessage())
                    : new ConflictException(e.getMessage() + " (PUT /api/v1/profiles/" + e.survivor() + "/consents/"
                            + parsed.configName() + ")");
        }
        Instant deadline = now.plus(SETTLE);
        while (!readModel.consentStatementSettled(id, parsed, command.purpose(), command.statementId(), statedAt)) {
            if (clock.instant().isAfter(deadline)) {
                return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ConsentsView(id, List.of()));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ConsentsView(id, List.of()));
            }
        }
        return ResponseEntity.ok(consents(id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static NotFoundException unknown(String id) {
        return new NotFoundException("No profile has id '" + id + "'; search with GET /api/v1/profiles?q=… or look "
                + "a record up with GET /api/v1/records/{source}/{table}/{pk}/profile");
    }
}
