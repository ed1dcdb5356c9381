package io.tessera.identity.core.normalise;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Set;

/** Hides most of a normalised identifier so that evidence can say what matched without holding it in clear. */
public final class Masking {

    private static final Set<Integer> CALLING_CODES = PhoneNumberUtil.getInstance().getSupportedCallingCodes();
    private static final int VISIBLE_PHONE_DIGITS = 2;

    private Masking() {
    }

    /** {@code ana@example.com} becomes {@code a***@example.com}: the domain stays, it helps explain a link. */
    public static String email(String normalised) {
        int at = normalised.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return normalised.charAt(0) + "***" + normalised.substring(at);
    }

    /** {@code +34612345678} becomes {@code +34*******78}: country calling code and the last two digits stay. */
    public static String phone(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        int codeLength = callingCodeLength(digits);
        String code = digits.substring(0, codeLength);
        String national = digits.substring(codeLength);
        int visible = Math.min(VISIBLE_PHONE_DIGITS, national.length());
        return "+" + code + "*".repeat(national.length() - visible) + national.substring(national.length() - visible);
    }

    private static int callingCodeLength(String digits) {
        // Calling codes are prefix-free, so the first known prefix is the code.
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            if (digits.substring(0, length).chars().allMatch(Character::isDigit)
                    && CALLING_CODES.contains(Integer.parseInt(digits.substring(0, length)))) {
                return length;
            }
        }
        return 0;
    }
}
