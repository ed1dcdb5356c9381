package io.tessera.projections.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileQueryTest {

    @Test
    void freeWordsAndFieldTermsAreSeparated() {
        ProfileQuery query = ProfileQuery.parse("garcia email:Ana@Example.com name:\"maria jose\"");
        assertThat(query.terms()).containsExactly(
                new ProfileQuery.Term(null, "garcia"),
                new ProfileQuery.Term("email", "Ana@Example.com"),
                new ProfileQuery.Term("name", "maria jose"));
    }

    @Test
    void unknownFieldIsRejectedWithTheAllowedOnes() {
        assertThatThrownBy(() -> ProfileQuery.parse("salary:1000"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("Unknown search field 'salary'")
                .hasMessageContaining(List.of("city", "country", "email", "kind", "name", "phone", "source").toString());
    }

    @Test
    void emptyOrUnclosedQueriesSayHowToWriteThem() {
        assertThatThrownBy(() -> ProfileQuery.parse("  ")).hasMessageContaining("q=garcia");
        assertThatThrownBy(() -> ProfileQuery.parse("name:\"ana")).hasMessageContaining("no closing quote");
        assertThatThrownBy(() -> ProfileQuery.parse("city:")).hasMessageContaining("has no value");
    }

    @Test
    void foldingMakesAccentsAndSpecialLettersSearchable() {
        assertThat(Folding.fold("José Müller-Łukasz Straße")).isEqualTo("jose muller-lukasz strasse");
        assertThat(Folding.digits("+34 612-34 56 78")).isEqualTo("34612345678");
    }
}
