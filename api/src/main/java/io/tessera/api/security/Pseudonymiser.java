package io.tessera.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256) of personal values. A pseudonym stands for a value without revealing it: the same value
 * always gives the same pseudonym, so pseudonymised callers can still count and join, while nobody without the key
 * can test a guess. Values are compared as people read them: case, accents' composition and spacing do not count.
 */
public final class Pseudonymiser {

    /** Marks a pseudonym in an answer, so that nobody takes it for a value. */
    public static final String PREFIX = "psn_";
    private static final String ALGORITHM = "HmacSHA256";
    /** 128 bits: no two values of any real data set share a pseudonym. */
    private static final int BYTES = 16;

    private final SecretKeySpec key;

    public Pseudonymiser(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("A pseudonym key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** The pseudonym of a personal value: {@code psn_} and 32 hex digits. */
    public String pseudonym(String value) {
        return PREFIX + HexFormat.of().formatHex(hmac("value\u0000" + normalise(value)), 0, BYTES);
    }

    /**
     * A keyed hash of text that must not be kept in clear yet may need to be recognised again, such as the query of
     * an audited request; in its own domain, so it never equals the pseudonym of the same text.
     */
    public String keyedHash(String domain, String text) {
        return HexFormat.of().formatHex(hmac(domain + "\u0000" + text), 0, BYTES);
    }

    static String normalise(String value) {
        String composed = Normalizer.normalize(value, Normalizer.Form.NFC);
        return composed.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private byte[] hmac(String text) {
        try {
            // A Mac is not thread-safe, and making one costs less than a lock would.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
