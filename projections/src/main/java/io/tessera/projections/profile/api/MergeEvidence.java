package io.tessera.projections.profile.api;

import io.tessera.contracts.Evidence;
import io.tessera.contracts.RecordKey;

/**
 * One link that holds a merge together: {@code record} is linked to {@code evidence.linkedTo()}. The record is named
 * because {@link Evidence} only names the other end of the link.
 */
public record MergeEvidence(RecordKey record, Evidence evidence) {
}
