package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void keepsTheFirstLetterAndTheDomainOfAnEmail() {
        assertThat(new Identifier(IdentifierKind.EMAIL, "john.smith@example.com").masked())
                .isEqualTo("j***@example.com");
    }

    @Test
    void keepsTheCallingCodeAndTheLastTwoDigitsOfAPhone() {
        assertThat(new Identifier(IdentifierKind.PHONE, "+34612345678").masked()).isEqualTo("+34*******78");
        assertThat(new Identifier(IdentifierKind.PHONE, "+351912345678").masked()).isEqualTo("+351*******78");
        assertThat(new Identifier(IdentifierKind.PHONE, "+16502530000").masked()).isEqualTo("+1********00");
    }

    @Test
    void anIdentifierNeverPrintsItsClearValue() {
        assertThat(new Identifier(IdentifierKind.EMAIL, "john.smith@example.com").toString())
                .doesNotContain("john.smith");
    }
}
