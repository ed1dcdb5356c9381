package io.tessera.identity.core;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import java.time.Instant;
import java.util.List;

/** Builds source records for tests. */
public final class TestRecords {

    public static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private TestRecords() {
    }

    public static RecordKey key(String pk) {
        return new RecordKey("crm", "res_partner", pk);
    }

    public static SourceRecord person(String pk, String name, List<String> emails, List<String> phones) {
        return person(pk, name, emails, phones, "ES");
    }

    public static SourceRecord person(
            String pk, String name, List<String> emails, List<String> phones, String country) {
        Address address = new Address(null, null, null, null, country);
        return new SourceRecord(key(pk), EntityKind.PERSON,
                new Attributes(name, null, null, null, emails, phones, address, null), T0, "lsn-" + pk);
    }
}
