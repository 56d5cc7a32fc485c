package jp.akashi.collector.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-time recovery codes for a lost authenticator: 10 per enrolment, 80 random bits each
 * (16 Base32 characters, shown as {@code abcd-efgh-ijkl-mnop}). With that much randomness a
 * SHA-256 at rest is enough (as for session tokens), and a login can look a code up by its hash.
 */
public final class RecoveryCodes {
    public static final int COUNT = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    public static List<String> generate() {
        List<String> out = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] b = new byte[10];
            RANDOM.nextBytes(b);
            String s = Base32.encode(b).toLowerCase(Locale.ROOT);
            out.add(s.substring(0, 4) + "-" + s.substring(4, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16));
        }
        return out;
    }

    /** The stored form of a code as typed (case, spaces and dashes do not matter); null when it cannot be one. */
    public static String hash(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (s.length() != 16 || !s.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
            return null;
        }
        return Secrets.hash("recovery:" + s);
    }
}
