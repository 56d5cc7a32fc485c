package jp.akashi.collector.security;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA-1, 6 digits,
 * 30-second steps counted from the Unix epoch. Pure: the caller says what time it is and which
 * step was accepted last, so replay protection lives with the stored state.
 */
public final class Totp {
    public static final int DIGITS = 6;
    public static final long STEP_MILLIS = 30_000;
    /** Steps either side of now that still count, for clocks that are a little off. */
    public static final int SKEW_STEPS = 1;
    /** 160 bits, the size RFC 4226 recommends for HMAC-SHA-1. */
    public static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    public static byte[] newSecret() {
        byte[] b = new byte[SECRET_BYTES];
        RANDOM.nextBytes(b);
        return b;
    }

    public static long step(long epochMillis) {
        return Math.floorDiv(epochMillis, STEP_MILLIS);
    }

    /** The code of one step, {@code digits} long (RFC 4226 dynamic truncation). */
    public static String code(byte[] secret, long step, int digits, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int bin = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            long mod = 1;
            for (int i = 0; i < digits; i++) {
                mod *= 10;
            }
            String s = Long.toString(bin % mod);
            return "0".repeat(digits - s.length()) + s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS, "HmacSHA1");
    }

    /**
     * The step whose code {@code typed} is, among now ±{@link #SKEW_STEPS}, if it is later than
     * {@code lastAccepted}: a code already used (or one older than it) never counts again.
     * Empty when the code is malformed, wrong or used.
     */
    public static OptionalLong match(byte[] secret, String typed, long nowMillis, long lastAccepted) {
        String code = typed == null ? "" : typed.replace(" ", "").strip();
        if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long now = step(nowMillis);
        OptionalLong found = OptionalLong.empty();
        for (long s = now - SKEW_STEPS; s <= now + SKEW_STEPS; s++) {
            // every candidate is computed and compared in constant time, so timing does not tell which step matched
            boolean same = MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII));
            if (same && s > lastAccepted && found.isEmpty()) {
                found = OptionalLong.of(s);
            }
        }
        return found;
    }

    /** The {@code otpauth://} URI authenticator apps read from the QR code. */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_MILLIS / 1000;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
