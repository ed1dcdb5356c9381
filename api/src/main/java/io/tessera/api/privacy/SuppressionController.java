package io.tessera.api.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.tessera.api.web.BadRequestException;
import io.tessera.api.web.NotFoundException;
import io.tessera.contracts.RecordKey;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lifting the suppression of an erased record ({@link SuppressionList}), so that its next change comes through and
 * brings it back into the profiles ({@link SuppressionLifts}).
 */
@RestController
@RequestMapping("/api/v1/privacy")
public class SuppressionController {

    private static final Logger LOG = LoggerFactory.getLogger(SuppressionController.class);

    private final SuppressionLifts lifts;

    public SuppressionController(SuppressionLifts lifts) {
        this.lifts = lifts;
    }

    /**
     * A suppression lifted.
     *
     * @param record       the record, as asked for
     * @param erasureId    the erasure that suppressed it
     * @param suppressedAt when
     * @param profileIds   the profiles that had erased the record and take it back with its next change
     * @param summary      in words
     */
    public record LiftedView(String record, String erasureId, Instant suppressedAt, List<String> profileIds,
                             String summary) {
    }

    @Operation(summary = "Lift the suppression of an erased record (privacy officers, admins): ?record=source/table/pk. "
            + "The record comes back into the profiles with its next change in the source, or a re-snapshot, under a "
            + "new key; what was erased stays erased. 404 when the record is not suppressed.")
    @DeleteMapping("/suppressions")
    public LiftedView lift(@RequestParam(name = "record", required = false) String record, Principal caller) {
        RecordKey key = key(record);
        SuppressionLifts.Lifted lifted = lifts.lift(key, caller.getName()).orElseThrow(() -> new NotFoundException(
                "Record " + record + " is not suppressed: it was never erased, or its suppression was lifted"));
        SuppressionList.Entry suppression = lifted.suppression();
        LOG.info("Suppression of record {} (erasure {}) lifted by {}: key generation {}, profiles {}",
                suppression.recordHash(), suppression.erasureId(), caller.getName(), lifted.keyGeneration(),
                lifted.profileIds());
        return new LiftedView(key.asString(), suppression.erasureId(), suppression.suppressedAt(),
                lifted.profileIds(), "Lifted: the record comes back with its next change in the source, under a new "
                        + "key; what was erased stays erased.");
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
