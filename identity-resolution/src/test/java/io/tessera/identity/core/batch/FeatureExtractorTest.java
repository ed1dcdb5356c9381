package io.tessera.identity.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.scoring.Features;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private final FeatureExtractor extractor = new FeatureExtractor("ES");

    private static SourceRecord record(Attributes attributes) {
        return new SourceRecord(new RecordKey("crm", "res_partner", "1"), EntityKind.PERSON, attributes, null, null);
    }

    @Test
    void everyCanonicalAttributeIsNormalised() {
        Features f = extractor.extract(record(new Attributes("José María García López", null, null, null,
                List.of("Jose.Maria+shop@googlemail.com"), List.of("612 34 56 78"),
                new Address("C/ Mayor, 12", "28013", "Madrid", null, "Spain"), "48291735S", "12/04/1956",
                Map.of("passport", "XA 123 456"))));

        assertThat(f.id()).isEqualTo("crm/res_partner/1");
        assertThat(f.values()).containsEntry(CanonicalResolution.GIVEN_NAME, "jose maria")
                .containsEntry(CanonicalResolution.FAMILY_NAME, "garcia lopez")
                .containsEntry(CanonicalResolution.DATE_OF_BIRTH, "1956-04-12")
                .containsEntry(CanonicalResolution.EMAIL, "josemaria@gmail.com")
                .containsEntry(CanonicalResolution.PHONE, "+34612345678")
                .containsEntry(CanonicalResolution.HOUSE_NUMBER, "12")
                .containsEntry(CanonicalResolution.POSTCODE, "28013")
                .containsEntry(CanonicalResolution.CITY, "madrid")
                .containsEntry(CanonicalResolution.COUNTRY, "ES")
                .containsEntry("id:passport", "xa123456")
                .containsEntry(CanonicalResolution.TAX_ID, "ES-NIF:48291735S");
        assertThat(f.value(CanonicalResolution.STREET)).contains("mayor").doesNotContain("12");
        assertThat(f.value(CanonicalResolution.ADDRESS)).startsWith("28013|").endsWith("mayor|12");
        assertThat(f.value(CanonicalResolution.ENTITY_KIND)).isEqualTo("person");
    }

    @Test
    void aCompanysNameIsComparedWithoutItsLegalFormInTheFamilyNameSlot() {
        Features f = extractor.extract(new SourceRecord(new RecordKey("erp", "tabCustomer", "C-1"),
                EntityKind.COMPANY, new Attributes(null, null, null, "Transportes Levante, S.L.", List.of(), List.of(),
                        null, null), null, null));

        assertThat(f.values()).containsEntry(CanonicalResolution.FAMILY_NAME, "transportes levante")
                .containsEntry(CanonicalResolution.ENTITY_KIND, "company")
                .doesNotContainKey(CanonicalResolution.GIVEN_NAME);
        assertThat(CanonicalResolution.usable(f)).isTrue();
    }

    @Test
    void separateNamePartsWinAndUnusableValuesAreAbsent() {
        Features f = extractor.extract(record(new Attributes("ignored full", "Mitchell", "Green", null,
                List.of("info@example.com"), List.of("000000000"), null, "12345678A", "not a date", null)));

        assertThat(f.values()).containsOnly(Map.entry(CanonicalResolution.GIVEN_NAME, "mitchell"),
                Map.entry(CanonicalResolution.FAMILY_NAME, "green"), Map.entry(CanonicalResolution.ENTITY_KIND, "person"));
    }
}
