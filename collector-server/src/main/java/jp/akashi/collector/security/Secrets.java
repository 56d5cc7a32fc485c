package jp.akashi.collector.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import jp.akashi.probes.util.Hashes;

/**
 * Random bearer secrets. Only their SHA-256 is stored: they carry 256 bits of randomness, so a
 * fast hash is enough (unlike passwords). The prefix tells what a token is for, which helps
 * secret scanners and people reading logs ({@code aks_} session, {@code akt_} enrollment,
 * {@code aka_} agent credential).
 */
public final class Secrets {
    public static final String SESSION_PREFIX = "aks_";
    public static final String ENROLL_PREFIX = "akt_";
    public static final String AGENT_PREFIX = "aka_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String newSecret(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String secret) {
        return Hashes.sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A readable random password for a first admin (24 chars, no look-alike characters). */
    public static String newPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                sb.append('-');
            }
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
