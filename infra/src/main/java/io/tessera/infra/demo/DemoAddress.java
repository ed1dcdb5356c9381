package io.tessera.infra.demo;

/**
 * A postal address as a person would write it in their own country.
 *
 * @param line1    street and house number in the country's order ({@code Calle Mayor, 12}, {@code 12 rue des Lilas})
 * @param line2    flat, floor or building, or {@code null}
 * @param postcode postcode in the country's format
 * @param city     city in the local language
 * @param country  the country
 */
public record DemoAddress(String line1, String line2, String postcode, String city, DemoCountry country) {
}
