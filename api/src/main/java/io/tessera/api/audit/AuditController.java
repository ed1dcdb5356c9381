package io.tessera.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.BadRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of personal-data reads, for privacy officers and admins. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    static final int MAX_SIZE = 500;
    /** Deeper pages cost the database a scan of every row before them: narrow by time instead. */
    static final int MAX_PAGE = 10_000;
    private static final String TIME_FORMAT = "an ISO-8601 time such as 2026-11-22T09:30:00Z or "
            + "2026-11-22T10:30:00%2B01:00 (a + written as %2B), or a date such as 2026-11-22 (midnight UTC)";

    private final AuditLog auditLog;

    public AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Operation(summary = "Who read personal data, when and for what purpose, newest first: filter by caller, by "
            + "profile id and by time (from inclusive, to exclusive; ISO-8601); page from 0, size 1 to 500")
    @GetMapping
    public AuditPage audit(@RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "50") int size,
                           @RequestParam(required = false) String caller,
                           @RequestParam(required = false) String profileId,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to) {
        if (page < 0 || page > MAX_PAGE) {
            throw new BadRequestException("Parameter 'page' must be between 0 and " + MAX_PAGE + ", got " + page
                    + (page > MAX_PAGE ? "; narrow the time range with 'from' and 'to' instead" : ""));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadRequestException("Parameter 'size' must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        Instant fromTime = time("from", from);
        Instant toTime = time("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new BadRequestException("Parameter 'from' must be before 'to', got from " + fromTime + " and to "
                    + toTime);
        }
        return auditLog.find(new AuditLog.Query(text("caller", caller), text("profileId", profileId), fromTime,
                toTime, page, size));
    }

    private static String text(String parameter, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new BadRequestException("Parameter '" + parameter + "' must not be empty; leave it out to see "
                    + "every " + (parameter.equals("caller") ? "caller" : "profile"));
        }
        return value.strip();
    }

    private static Instant time(String parameter, String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("Parameter '" + parameter + "' must be " + TIME_FORMAT + ", got '"
                    + value + "'");
        }
    }
}
