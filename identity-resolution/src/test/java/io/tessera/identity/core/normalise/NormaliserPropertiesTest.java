package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Normalising a normalised value changes nothing, whatever the spelling or region we start from. */
class NormaliserPropertiesTest {

    private final EmailNormaliser emails = new EmailNormaliser();

    @Property
    void emailNormalisationIsIdempotent(@ForAll("emails") String raw) {
        emails.normalise(raw).usable().ifPresent(id ->
                assertThat(emails.normalise(id.value()).usable()).hasValue(id));
    }

    @Property
    void emailCaseAndSurroundingBlanksDoNotMatter(@ForAll("emails") String raw) {
        assertThat(emails.normalise("  " + raw.toUpperCase(java.util.Locale.ROOT) + "\t"))
                .isEqualTo(emails.normalise(raw));
    }

    @Property
    void anE164NumberNormalisesToItselfInAnyRegion(
            @ForAll("spanishMobiles") String national, @ForAll("regions") String region) {
        PhoneNormaliser spanish = new PhoneNormaliser("ES");
        spanish.normalise(national, "ES").usable().ifPresent(id ->
                assertThat(new PhoneNormaliser(region).normalise(id.value(), null).usable()).hasValue(id));
    }

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcXYZ._-+019").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> domain = Arbitraries.of("correo.es", "Firma.DE", "mail.pt", "example.com", "x", "a.b");
        return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    }

    @Provide
    Arbitrary<String> spanishMobiles() {
        return Arbitraries.strings().numeric().ofLength(8).map(digits -> "6" + digits);
    }

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of("ES", "DE", "PT", "PL", "US", "GB");
    }
}
