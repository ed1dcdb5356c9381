package io.tessera.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a person being erased is found in raw text (dead-letter payloads). */
class PersonalMentionsTest {

    private static final Attributes JOSE = new Attributes("José Müller García", "José", "Müller García", null,
            List.of("Jose.Muller@Correo.es"), List.of("+34 612 34 56 78"), Address.EMPTY, "12345678-Z", "1980-02-03",
            Map.of("passport", "PAB123456"));
    private final PersonalMentions jose = PersonalMentions.of(null, List.of(JOSE));

    @Test
    void anEmailOrIdentifierIsAStrongMentionWhateverItsCaseOrSeparators() {
        assertThat(jose.strongIn("{\"email\": \"jose.muller@correo.es\"}")).isTrue();
        assertThat(jose.strongIn("{\"vat\": \"12345678Z\"}")).isTrue();
        assertThat(jose.strongIn("{\"doc\": \"pab-123-456\"}")).isTrue();
        assertThat(jose.strongIn("{\"email\": \"jose.muller@correo.com\", \"vat\": \"87654321X\"}")).isFalse();
        assertThat(PersonalMentions.of("Asked@Example.ES", List.of()).strongIn("row of asked@example.es"))
                .as("the email the erasure was asked for").isTrue();
    }

    @Test
    void aPhoneInAnyFormatOrTheWholeNameIsAMentionButNotAStrongOne() {
        assertThat(jose.anyIn("{\"mobile\": \"0034-612-345-678\"}")).isTrue();
        assertThat(jose.anyIn("{\"mobile\": \"612345678\"}")).isTrue();
        assertThat(jose.strongIn("{\"mobile\": \"612345678\"}")).isFalse();
        assertThat(jose.anyIn("{\"name\": \"GARCIA, Jose MULLER\"}")).as("folded words in any order").isTrue();
        assertThat(jose.strongIn("{\"name\": \"José Müller García\"}")).isFalse();
    }

    @Test
    void partOfANameOrAnotherNumberIsNoMention() {
        assertThat(jose.anyIn("{\"name\": \"José García\", \"mobile\": \"+34 699 00 11 22\"}")).isFalse();
        assertThat(jose.anyIn("{\"name\": \"Josefa Müllerová García\"}")).as("whole words only").isFalse();
        assertThat(jose.anyIn(null)).isFalse();
    }

    @Test
    void aPersonWithNothingIdentifyingMentionsNothingAndTheirValuesAreNotPrinted() {
        PersonalMentions nobody = PersonalMentions.of(null, List.of(Attributes.NONE));
        assertThat(nobody.isEmpty()).isTrue();
        assertThat(nobody.anyIn("anything at all")).isFalse();
        assertThat(jose.isEmpty()).isFalse();
        assertThat(jose.toString()).doesNotContain("correo").doesNotContain("612").doesNotContain("Garc");
    }
}
