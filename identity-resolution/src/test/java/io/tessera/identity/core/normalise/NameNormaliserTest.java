package io.tessera.identity.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameNormaliserTest {

    private final NameNormaliser names = new NameNormaliser();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"José,jose", "JOSÉ,jose", "Łukasz,lukasz", "Straße,strasse", "Østergaard,ostergaard",
            "Ærø,aero", "O'Brien,obrien", "O’Brien,obrien", "Jean-Pierre,jean pierre", "  Zoë   ,zoe",
            "Ñúñez,nunez", "Dvořák,dvorak", "Đorđević,dordevic", "Œuvray,oeuvray"})
    void foldsAccentsCaseAndPunctuation(String raw, String folded) {
        assertThat(names.fold(raw)).isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Иван Щукин,ivan shchukin", "Олександр Шевченко,oleksandr shevchenko", "Ильич,ilich",
            "Γιώργος Παπαδόπουλος,giorgos papadopoulos", "Јован Јовановић,jovan jovanovic"})
    void transliteratesOtherScriptsInsteadOfDroppingThem(String raw, String folded) {
        assertThat(names.fold(raw)).isEqualTo(folded);
    }

    @Test
    void keepsBothSpellingsOfAGermanUmlaut() {
        PersonName muller = names.normalise("Jürgen", "Müller");
        assertThat(muller.familyForms()).containsExactlyInAnyOrder("muller", "mueller");
        assertThat(muller.givenForms()).containsExactlyInAnyOrder("jurgen", "juergen");
        assertThat(names.compare(muller, names.normalise("Juergen", "Mueller"))).isEqualTo(NameMatch.EXACT);
        assertThat(names.compare(muller, names.normalise("Jurgen", "Muller"))).isEqualTo(NameMatch.EXACT);
    }

    @Test
    void keepsParticlesApartFromTheFamilyName() {
        PersonName vanDerBerg = names.normalise("Anke", "Van der Berg");
        assertThat(vanDerBerg.particles()).containsExactly("van", "der");
        assertThat(vanDerBerg.family()).containsExactly("berg");
        assertThat(names.normalise("Ana", "de la Fuente").family()).containsExactly("fuente");
        assertThat(names.normalise("Ludwig", "von Beethoven").particles()).containsExactly("von");
        assertThat(names.compare(vanDerBerg, names.normalise("Anke", "Berg"))).isEqualTo(NameMatch.PARTIAL);
        assertThat(names.compare(vanDerBerg, names.normalise("ANKE", "van der berg"))).isEqualTo(NameMatch.EXACT);
    }

    @Test
    void aParticleAloneIsTheFamilyName() {
        assertThat(names.normalise("Minh", "Le").family()).containsExactly("le");
        assertThat(names.normalise("Paulo", "Da").family()).containsExactly("da");
    }

    @Test
    void keepsBothSurnamesOfASpanishDoubleSurname() {
        PersonName garcia = names.normalise("María", "García López");
        assertThat(garcia.family()).containsExactly("garcia", "lopez");
        assertThat(garcia.primaryFamily()).isEqualTo("garcia");
        assertThat(names.normalise("María", "García-López").family()).containsExactly("garcia", "lopez");
        assertThat(names.normalise("María", "García y López").family()).containsExactly("garcia", "lopez");
        assertThat(names.compare(garcia, names.normalise("Maria", "Garcia"))).isEqualTo(NameMatch.PARTIAL);
    }

    @Test
    void matchesAPortugueseNameByItsLastSurname() {
        PersonName full = names.normalise("João", "Silva e Santos");
        assertThat(full.family()).containsExactly("silva", "santos");
        assertThat(names.compare(full, names.normalise("Joao", "Santos"))).isEqualTo(NameMatch.PARTIAL);
    }

    @Test
    void readsAOneFieldName() {
        PersonName full = names.normaliseFull("José María García López");
        assertThat(full.given()).containsExactly("jose", "maria");
        assertThat(full.family()).containsExactly("garcia", "lopez");
        PersonName comma = names.normaliseFull("Kowalski, Łukasz");
        assertThat(comma.given()).containsExactly("lukasz");
        assertThat(comma.family()).containsExactly("kowalski");
        PersonName titled = names.normaliseFull("Dr. Hans van der Berg");
        assertThat(titled.given()).containsExactly("hans");
        assertThat(titled.particles()).containsExactly("van", "der");
        assertThat(titled.family()).containsExactly("berg");
    }

    @Test
    void tellsSwappedGivenAndFamilyNames() {
        assertThat(names.compare(names.normalise("Kowalski", "Jan"), names.normalise("Jan", "Kowalski")))
                .isEqualTo(NameMatch.SWAPPED);
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({"Paco,Francisco", "Curro,Francisco", "Pepe,José", "Grete,Margarethe", "Gretchen,Margarethe",
            "Bob,Robert", "Rob,Robert", "Bobby,Robert", "Hans,Johannes", "Jan,Hans", "Kasia,Katarzyna",
            "Beppe,Giuseppe", "Peppe,Giuseppe", "Chico,Francisco", "Jeannette,Jeanne", "Gosia,Małgorzata",
            "Kees,Cornelis", "Manolo,Manuel", "Zé,José", "Liesel,Elisabeth"})
    void treatsNicknamesAsTheirCanonicalName(String nickname, String canonical) {
        assertThat(names.givenNamesEquivalent(nickname, canonical)).isTrue();
        assertThat(names.compare(names.normalise(nickname, "Lopez"), names.normalise(canonical, "López")))
                .isEqualTo(NameMatch.NICKNAME);
    }

    @Test
    void exposesTheCanonicalGivenNames() {
        assertThat(names.canonicalGivenNames("Paco")).containsExactly("francisco");
        assertThat(names.canonicalGivenNames("Pepe")).contains("jose");
        assertThat(names.canonicalGivenNames("Jan")).containsExactlyInAnyOrder("jan", "johannes");
        assertThat(names.canonicalGivenNames("Francisco")).contains("francisco");
        assertThat(names.canonicalGivenNames("Xóchitl")).containsExactly("xochitl");
        assertThat(names.canonicalGivenNames(" ")).isEmpty();
    }

    @Test
    void doesNotEquateDifferentNames() {
        assertThat(names.givenNamesEquivalent("Roberto", "Alberto")).isFalse();
        assertThat(names.compare(names.normalise("Ana", "García"), names.normalise("Eva", "García")))
                .isEqualTo(NameMatch.DIFFERENT);
        assertThat(names.compare(names.normalise("Ana", "García"), names.normalise("Ana", "Pérez")))
                .isEqualTo(NameMatch.DIFFERENT);
        assertThat(names.compare(names.normalise(null, null), names.normalise(null, null)))
                .isEqualTo(NameMatch.DIFFERENT);
    }

    @Test
    void aNameNeverPrintsItsClearValue() {
        assertThat(names.normalise("Maria", "Garcia").toString()).doesNotContain("maria").doesNotContain("garcia");
    }
}
