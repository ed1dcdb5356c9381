package io.tessera.identity.core.normalise;

import io.tessera.contracts.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Collects the usable identifiers of a source record: every email and phone that normalises and is not blocked. */
public final class IdentifierExtractor {

    private final EmailNormaliser emails = new EmailNormaliser();
    private final PhoneNormaliser phones;

    /** @param defaultRegion the phone region for records without a (known) country, e.g. {@code ES} */
    public IdentifierExtractor(String defaultRegion) {
        this.phones = new PhoneNormaliser(defaultRegion);
    }

    /** The distinct usable identifiers of the record, sorted. */
    public List<Identifier> identifiers(SourceRecord record) {
        TreeSet<Identifier> found = new TreeSet<>();
        for (Normalised outcome : outcomes(record)) {
            outcome.usable().ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /** The outcome for every raw email then every raw phone, in source order; explains why a value is not used. */
    public List<Normalised> outcomes(SourceRecord record) {
        List<Normalised> outcomes = new ArrayList<>();
        for (String email : record.attributes().emails()) {
            outcomes.add(emails.normaliseCanonical(email));
        }
        String country = record.attributes().address().country();
        for (String phone : record.attributes().phones()) {
            outcomes.add(phones.normalise(phone, country));
        }
        return outcomes;
    }
}
