package io.tessera.api.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.NotFoundException;
import io.tessera.contracts.RecordKey;
import java.security.Principal;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lifting the suppression of an erased record ({@link SuppressionList}), so that its next change comes through. */
@RestController
@RequestMapping("/api/v1/privacy")
public class SuppressionController {

    private static final Logger LOG = LoggerFactory.getLogger(SuppressionController.class);

    private final SuppressionList suppressions;

    public SuppressionController(SuppressionReload suppressions) {
        this.suppressions = suppressions.list();
    }

    /**
     * A suppression lifted.
     *
     * @param record       the record, as asked for
     * @param erasureId    the erasure that suppressed it
     * @param suppressedAt when
     * @param summary      in words
     */
    public record LiftedView(String record, String erasureId, Instant suppressedAt, String summary) {
    }

    @Operation(summary = "Lift the suppression of an erased record (privacy officers, admins): ?record=source/table/pk. "
            + "The record comes back only with its next change in the source, or a re-snapshot. 404 when the record "
            + "is not suppressed.")
    @DeleteMapping("/suppressions")
    public LiftedView lift(@RequestParam(name = "record", required = false) String record, Principal caller) {
        RecordKey key = key(record);
        SuppressionList.Entry lifted = suppressions.lift(key).orElseThrow(() -> new NotFoundException(
                "Record " + record + " is not suppressed: it was never erased, or its suppression was lifted"));
        LOG.info("Suppression of record {} (erasure {}) lifted by {}", lifted.recordHash(), lifted.erasureId(),
                caller.getName());
        return new LiftedView(key.asString(), lifted.erasureId(), lifted.suppressedAt(),
                "Lifted: the record comes back with its next change in the source.");
    }

    private static RecordKey key(String record) {
        if (record == null || record.isBlank()) {
            throw new BadRequestException("Name the record with ?record=source/table/pk, e.g. crm/res_partner/42");
        }
        try {
            return RecordKey.parse(record.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
