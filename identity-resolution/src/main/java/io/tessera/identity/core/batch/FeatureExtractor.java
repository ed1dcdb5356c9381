package io.tessera.identity.core.batch;

import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.normalise.Address;
import io.tessera.identity.core.normalise.AddressNormaliser;
import io.tessera.identity.core.normalise.CompanyNames;
import io.tessera.identity.core.normalise.DateNormaliser;
import io.tessera.identity.core.normalise.EmailNormaliser;
import io.tessera.identity.core.normalise.Identifier;
import io.tessera.identity.core.normalise.NameNormaliser;
import io.tessera.identity.core.normalise.PersonName;
import io.tessera.identity.core.normalise.PhoneNormaliser;
import io.tessera.identity.core.normalise.TaxId;
import io.tessera.identity.core.normalise.TaxIds;
import io.tessera.identity.core.scoring.Features;
import io.tessera.identity.core.scoring.TextFolding;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bridge from a canonical {@link SourceRecord} to the {@link Features} the scoring core compares: every value
 * normalised by {@code core.normalise}, under the attribute names of {@link CanonicalResolution}. The feature id is
 * the record key's string form. Thread-safe.
 */
public final class FeatureExtractor {

    /** Prefix of the feature holding an identifier of a type, e.g. {@code id:soc_sec_id}. */
    public static final String IDENTIFIER_PREFIX = "id:";

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private final NameNormaliser names = new NameNormaliser();
    private final DateNormaliser dates = new DateNormaliser();
    private final EmailNormaliser emails = new EmailNormaliser();
    private final PhoneNormaliser phones;
    private final AddressNormaliser addresses = new AddressNormaliser();

    /** @param defaultPhoneRegion the region national phone numbers are read in when a record has no country */
    public FeatureExtractor(String defaultPhoneRegion) {
        this.phones = new PhoneNormaliser(defaultPhoneRegion);
    }

    /** The features of one record; attributes without a usable value are absent. */
    public Features extract(SourceRecord record) {
        Attributes a = record.attributes();
        Map<String, String> values = new HashMap<>();
        values.put(CanonicalResolution.ENTITY_KIND, record.kind().name().toLowerCase(Locale.ROOT));
        if (record.kind() == EntityKind.COMPANY) {
            // A company's name takes the family-name slot: compared, blocked and weighed like a surname, and never
            // against a person's, since the two kinds cannot link.
            String company = CompanyNames.normalise(present(a.companyName()) ? a.companyName() : a.fullName());
            if (company != null) {
                values.put(CanonicalResolution.FAMILY_NAME, company);
            }
        } else {
            boolean hasParts = present(a.givenName()) || present(a.familyName());
            PersonName name = hasParts ? names.normalise(a.givenName(), a.familyName())
                    : present(a.fullName()) ? names.normaliseFull(a.fullName()) : null;
            if (name != null) {
                values.put(CanonicalResolution.GIVEN_NAME, name.givenName());
                values.put(CanonicalResolution.FAMILY_NAME, name.familyName());
            }
        }
        if (present(a.dateOfBirth())) {
            dates.normalise(a.dateOfBirth()).date()
                    .ifPresent(date -> values.put(CanonicalResolution.DATE_OF_BIRTH, date.toString()));
        }
        String country = a.address().country();
        a.emails().stream().map(e -> emails.normaliseCanonical(e).usable()).flatMap(Optional::stream).findFirst()
                .ifPresent(id -> values.put(CanonicalResolution.EMAIL, id.value()));
        a.phones().stream().map(p -> phones.normalise(p, country).usable()).flatMap(Optional::stream)
                .map(Identifier::value).findFirst()
                .ifPresent(phone -> values.put(CanonicalResolution.PHONE, phone));
        if (!a.address().isEmpty()) {
            Address address = addresses.normalise(a.address().street(), a.address().postcode(), a.address().city(),
                    country);
            // The street without its number: the house number is its own comparison, and counting it twice would
            // break the independence Fellegi-Sunter assumes.
            values.put(CanonicalResolution.STREET, String.join(" ", address.streetType(), address.streetName()).strip());
            values.put(CanonicalResolution.HOUSE_NUMBER, address.houseNumber());
            values.put(CanonicalResolution.POSTCODE, address.postcode());
            values.put(CanonicalResolution.CITY, address.city());
            values.put(CanonicalResolution.COUNTRY, address.country());
            String area = present(address.postcode()) ? address.postcode() : address.city();
            String street = values.get(CanonicalResolution.STREET);
            if (present(area)) {
                values.put(CanonicalResolution.ADDRESS, present(street)
                        ? String.join("|", area, street, address.houseNumber() == null ? "" : address.houseNumber())
                        : area);
            }
        }
        a.identifiers().forEach((type, value) -> {
            String folded = TextFolding.fold(value);
            if (folded != null) {
                values.put(IDENTIFIER_PREFIX + type, BLANKS.matcher(folded).replaceAll(""));
            }
        });
        if (present(a.taxId())) {
            TaxId taxId = TaxIds.parse(a.taxId(), country);
            // Only a valid id is evidence: an unvalidated one may be a typo or a placeholder shared by many.
            if (taxId.isValid()) {
                values.put(CanonicalResolution.TAX_ID, taxId.comparableKey());
            }
        }
        return new Features(record.key().asString(), values);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
