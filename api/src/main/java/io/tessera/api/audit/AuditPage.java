package io.tessera.api.audit;

import java.util.List;

/** A page of the audit log, newest first, with the number of entries that match the filters. */
public record AuditPage(long total, int page, int size, List<AuditEntry> entries) {
}
