package io.tessera.infra.demo;

import java.util.List;

/**
 * Everything the generator needs to invent a plausible customer of one country. The lists are small on purpose:
 * a few dozen names per country already give thousands of distinct people and realistic namesakes.
 */
record CountryProfile(
        DemoCountry country,
        List<String> maleGiven,
        List<String> femaleGiven,
        List<String> family,
        double doubleSurnameShare,
        boolean genderedFamilyNames,
        List<MobileRange> mobiles,
        List<String> providers,
        List<String> genericMailboxes,
        String familyMailboxPattern,
        List<String> activities,
        List<String> companyPatterns,
        List<String> legalForms,
        String legalFormSeparator,
        String tld,
        List<City> cities) {

    /**
     * A block of mobile numbers: the leading digits and the length of the national significant number.
     */
    record MobileRange(String prefix, int length) {
    }

    /**
     * A city customers live in.
     *
     * @param name             local name
     * @param postcodes        postcode patterns: {@code #} any digit, {@code +} 1-9, {@code ?} a letter,
     *                         {@code *} an Eircode character; anything else (letters too) is literal
     * @param areaCode         landline area code without trunk prefix (Italy keeps its leading 0)
     * @param landlineLength   length of a landline's national significant number
     * @param style            street style key, see {@link StreetStyle}
     * @param aliases          other names people use for the city (exonyms, old or second-language names)
     */
    record City(String name, List<String> postcodes, String areaCode, int landlineLength, String style,
                List<String> aliases) {
    }

    /**
     * How streets are written in one language area.
     *
     * @param streets       street names including the street type
     * @param line2         second-line templates: {@code #} a digit 1-9, {@code @} a letter A-D; a template starting
     *                      with {@code /} is appended to the house number instead ({@code ul. Długa 12/4})
     * @param line2Share    share of addresses with a second line
     * @param numberFirst   {@code 12 rue des Lilas} rather than {@code Kerkstraat 12}
     * @param separator     between street and number when the number comes last ({@code ", "} or {@code " "})
     * @param abbreviations pairs of regex and replacement people use to shorten the street type
     */
    record StreetStyle(List<String> streets, List<String> line2, double line2Share, boolean numberFirst,
                       String separator, List<String> abbreviations) {
    }
}
