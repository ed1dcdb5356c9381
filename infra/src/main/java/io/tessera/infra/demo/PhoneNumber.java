package io.tessera.infra.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A phone number and the ways people write it.
 *
 * @param country    country of the number
 * @param nsn        national significant number: the digits after the calling code (Italy keeps the 0 of landlines)
 * @param areaLength how many leading digits form the area or mobile prefix group when written nationally
 * @param mobile     mobile rather than landline
 */
record PhoneNumber(DemoCountry country, String nsn, int areaLength, boolean mobile) {

    /** The ways a number appears in the demo sources. */
    enum Style {
        /** {@code +34612345678} */
        E164,
        /** {@code +34 612 345 678} */
        INTERNATIONAL,
        /** {@code +49 (0)171 2345678}; countries without a trunk prefix fall back to {@link #INTERNATIONAL} */
        INTERNATIONAL_TRUNK,
        /** {@code 0034612345678} */
        DIAL_00,
        /** {@code 06 12 34 56 78} */
        NATIONAL,
        /** {@code 0612345678} */
        NATIONAL_COMPACT,
        /** the local habit: {@code 06.12.34.56.78}, {@code 0171/2345678}, {@code 612 34 56 78}, {@code (+351) 912…} */
        NATIONAL_ALTERNATIVE
    }

    String e164() {
        return "+" + country.callingCode() + nsn;
    }

    /** Picks a style the way people and import scripts mix them. */
    static Style randomStyle(Random random) {
        double r = random.nextDouble();
        if (r < 0.30) {
            return Style.NATIONAL;
        }
        if (r < 0.55) {
            return Style.INTERNATIONAL;
        }
        if (r < 0.67) {
            return Style.NATIONAL_COMPACT;
        }
        if (r < 0.77) {
            return Style.E164;
        }
        if (r < 0.90) {
            return Style.NATIONAL_ALTERNATIVE;
        }
        if (r < 0.96) {
            return Style.DIAL_00;
        }
        return Style.INTERNATIONAL_TRUNK;
    }

    String format(Style style) {
        String cc = country.callingCode();
        String trunk = country.trunkPrefix();
        List<String> groups = groups(false);
        return switch (style) {
            case E164 -> e164();
            case INTERNATIONAL -> "+" + cc + " " + String.join(" ", groups);
            case INTERNATIONAL_TRUNK -> trunk.isEmpty()
                    ? "+" + cc + " " + String.join(" ", groups)
                    : "+" + cc + " (" + trunk + ")" + String.join(" ", groups);
            case DIAL_00 -> "00" + cc + nsn;
            case NATIONAL -> trunk + String.join(" ", groups);
            case NATIONAL_COMPACT -> trunk + nsn;
            case NATIONAL_ALTERNATIVE -> alternative();
        };
    }

    private String alternative() {
        String trunk = country.trunkPrefix();
        String area = nsn.substring(0, areaLength);
        String rest = nsn.substring(areaLength);
        return switch (country) {
            case FR -> trunk + String.join(".", groups(false));
            case DE, AT -> trunk + area + "/" + rest;
            case NL -> trunk + area + "-" + rest;
            case BE -> trunk + area + "/" + String.join(".", groups(false).subList(1, groups(false).size()));
            case GB, IE -> "(" + trunk + area + ") " + String.join(" ", groups(false).subList(1, groups(false).size()));
            case ES -> String.join(" ", groups(true));
            case IT -> area + "-" + rest;
            case PL -> String.join("-", groups(false));
            case PT -> "(+" + country.callingCode() + ") " + String.join(" ", groups(false));
        };
    }

    /** The digit groups of the national number: area or mobile prefix first, then the rest in local custom. */
    List<String> groups(boolean alternative) {
        List<String> groups = new ArrayList<>();
        groups.add(nsn.substring(0, areaLength));
        String rest = nsn.substring(areaLength);
        for (int size : restGroups(rest.length(), alternative)) {
            int take = Math.min(size, rest.length());
            if (take > 0) {
                groups.add(rest.substring(0, take));
                rest = rest.substring(take);
            }
        }
        if (!rest.isEmpty()) {
            groups.add(rest);
        }
        return groups;
    }

    private int[] restGroups(int length, boolean alternative) {
        return switch (country) {
            case ES -> alternative ? new int[] {2, 2, 2} : new int[] {3, 3};
            case PT -> new int[] {3, 3};
            case FR -> new int[] {2, 2, 2, 2};
            case IT -> length == 8 ? new int[] {4, 4} : new int[] {3, 4};
            case DE, AT -> new int[] {length};
            case NL -> mobile ? new int[] {length} : length == 7 ? new int[] {3, 4} : new int[] {3, 3};
            case PL -> mobile ? new int[] {3, 3} : new int[] {3, 2, 2};
            case GB -> mobile ? new int[] {length} : length == 8 ? new int[] {4, 4} : new int[] {3, 4};
            case BE -> length == 7 ? new int[] {3, 2, 2} : new int[] {2, 2, 2};
            case IE -> length == 7 ? new int[] {3, 4} : new int[] {3, 3};
        };
    }
}
