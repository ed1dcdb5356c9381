package io.tessera.api.privacy;

import io.tessera.contracts.RecordKey;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.projections.profile.api.LiftSuppression;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Lifting the suppression of an erased record, so that it comes back into the profiles with its next change in the
 * source. In this order, each step safe to do again, so that a lift that failed halfway is completed by asking again:
 *
 * <ol>
 *   <li>the record gets its next key generation ({@link RecordKeyStore#renew}): what its source sends from now on is
 *       sealed with it, while everything sealed before the erasure stays sealed with the destroyed key and reads as
 *       erased;</li>
 *   <li>every profile that erased it records {@code SuppressionLifted}, after which it takes the record back, with
 *       versions changed in the source after the erasure only (resolution gives a lone record the profile id it had
 *       before, so without this the profile that erased it would keep it erased for good);</li>
 *   <li>last, the suppression is deleted: capture lets the record's changes through again.</li>
 * </ol>
 */
public class SuppressionLifts {

    private final SuppressionList suppressions;
    private final RecordKeyStore keys;
    private final ErasureLog erasureLog;
    private final ErasedProfiles erasedProfiles;
    private final CommandGateway commands;
    private final Clock clock;

    public SuppressionLifts(SuppressionList suppressions, RecordKeyStore keys, ErasureLog erasureLog,
                            ErasedProfiles erasedProfiles, CommandGateway commands, Clock clock) {
        this.suppressions = suppressions;
        this.keys = keys;
        this.erasureLog = erasureLog;
        this.erasedProfiles = erasedProfiles;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * A lifted suppression.
     *
     * @param suppression   what was lifted
     * @param keyGeneration the generation of the record's key from now on
     * @param profileIds    the profiles that had erased the record and now take it back
     */
    public record Lifted(SuppressionList.Entry suppression, int keyGeneration, List<String> profileIds) {
    }

    /** @return what was lifted; empty when the record is not suppressed */
    public Optional<Lifted> lift(RecordKey record, String liftedBy) {
        Optional<SuppressionList.Entry> found = suppressions.find(record);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SuppressionList.Entry suppression = found.get();
        int generation = keys.renew(record);
        Instant at = clock.instant();
        List<String> restored = new ArrayList<>();
        for (String profileId : erasedBy(suppression)) {
            if (Boolean.TRUE.equals(commands.sendAndWait(new LiftSuppression(profileId, record,
                    suppression.erasureId(), liftedBy, at)))) {
                restored.add(profileId);
            }
        }
        Optional<SuppressionList.Entry> lifted = suppressions.lift(record);
        return lifted.map(entry -> new Lifted(entry, generation, List.copyOf(restored)));
    }

    /**
     * The profiles that erased the record: kept with the suppression, or (for an older row) in the erasure log, or
     * (for an older row of an erasure that failed before its log entry) those whose events recorded the erasure.
     */
    private List<String> erasedBy(SuppressionList.Entry suppression) {
        if (!suppression.profileIds().isEmpty()) {
            return suppression.profileIds();
        }
        List<String> logged = erasureLog.byId(suppression.erasureId()).map(ErasureLog.Entry::profileIds)
                .orElse(List.of());
        return logged.isEmpty() ? erasedProfiles.of(suppression.erasureId()) : logged;
    }
}
