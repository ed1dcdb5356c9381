package io.tessera.identity.core.normalise;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A person's name normalised for comparison (personal data: never log it). Tokens are folded to lower-case ASCII.
 * Family-name particles ({@code van der}, {@code de la}) are kept apart from the family tokens, so that
 * {@code Van der Berg} and {@code Berg} share their family tokens. Spanish and Portuguese double surnames keep
 * every surname as its own token.
 *
 * @param given       given-name tokens, e.g. {@code [jose, maria]}
 * @param particles   family-name particles in order, e.g. {@code [van, der]}
 * @param family      family-name tokens without particles, e.g. {@code [garcia, lopez]}
 * @param givenForms  the given name joined, with its German two-letter umlaut spelling when it differs
 * @param familyForms the family name joined (no particles), with its German two-letter umlaut spelling
 */
public record PersonName(
        List<String> given, List<String> particles, List<String> family, Set<String> givenForms,
        Set<String> familyForms) {

    public PersonName {
        given = List.copyOf(Objects.requireNonNull(given, "given"));
        particles = List.copyOf(Objects.requireNonNull(particles, "particles"));
        family = List.copyOf(Objects.requireNonNull(family, "family"));
        givenForms = Set.copyOf(Objects.requireNonNull(givenForms, "givenForms"));
        familyForms = Set.copyOf(Objects.requireNonNull(familyForms, "familyForms"));
    }

    /** The given-name tokens joined by one space, e.g. {@code jose maria}; empty when none. */
    public String givenName() {
        return String.join(" ", given);
    }

    /** The family tokens joined by one space without particles, e.g. {@code garcia lopez}; empty when none. */
    public String familyName() {
        return String.join(" ", family);
    }

    /**
     * The first family token: the paternal surname of a Spanish double surname ({@code garcia} of
     * {@code García López}). Portuguese names put the paternal surname last, which is why comparisons accept any
     * shared surname rather than relying on this one.
     */
    public String primaryFamily() {
        return family.isEmpty() ? "" : family.getFirst();
    }

    /** Whether nothing usable was left after normalisation. */
    public boolean isEmpty() {
        return given.isEmpty() && family.isEmpty();
    }

    /** Never the clear name, so that a name that ends up in a log leaks nothing. */
    @Override
    public String toString() {
        return "PersonName[given=" + given.size() + " tokens, family=" + family.size() + " tokens]";
    }
}
