package jp.akashi.collector.security;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * User names as people type them. A name is taken in its NFKC form (full-width ｙａｍａｄａ is
 * yamada, half-width katakana become full-width) and compared by its key, that form case-folded:
 * {@code Admin}, {@code ADMIN} and {@code ａｄｍｉｎ} are all the existing {@code admin}. Letters
 * and digits of any script (Japanese names included) and {@code . _ @ -} are allowed, 2 to 64 of them.
 */
public final class UserNames {
    public static final int MIN = 2;
    public static final int MAX = 64;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}._@-]+");

    private UserNames() {
    }

    /** The NFKC form with surrounding spaces removed (null stays null). */
    public static String normalize(String typed) {
        return typed == null ? null : Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
    }

    /** What makes two names the same account. */
    public static String key(String typed) {
        String n = normalize(typed);
        return n == null ? null : n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Why {@code typed} cannot be a new user name, or empty when it can. */
    public static Optional<String> problem(String typed) {
        String n = normalize(typed);
        if (n == null || n.codePointCount(0, n.length()) < MIN || n.codePointCount(0, n.length()) > MAX) {
            return Optional.of("username: " + MIN + "-" + MAX + " characters");
        }
        if (!ALLOWED.matcher(n).matches()) {
            return Optional.of("username: letters, digits and . _ @ - only");
        }
        return Optional.empty();
    }
}
