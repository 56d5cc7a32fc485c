package jp.akashi.probes.host.capture;

import java.util.Set;

/** Removes secrets from captured content while keeping what the probes judge by. */
final class Redaction {
    private static final Set<String> SHADOW_FILES = Set.of("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-");

    private Redaction() {
    }

    static boolean isShadowFile(String path) {
        return SHADOW_FILES.contains(path);
    }

    /**
     * {@code name:HASH:rest}: an empty field stays empty (no password), lock markers ({@code !},
     * {@code *}) stay, and a hash becomes {@code $redacted$} — still "a password is set".
     */
    static String shadow(String content) {
        StringBuilder out = new StringBuilder(content.length());
        for (String line : content.split("\n", -1)) {
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b < 0) {
                out.append(line).append('\n');
                continue;
            }
            String hash = line.substring(a + 1, b);
            // keep the lock markers ('!' '*') that lead the field, drop whatever hash follows them
            int m = 0;
            while (m < hash.length() && (hash.charAt(m) == '!' || hash.charAt(m) == '*')) {
                m++;
            }
            String kept = m == hash.length() ? hash : hash.substring(0, m) + "$redacted$";
            out.append(line, 0, a + 1).append(kept).append(line.substring(b)).append('\n');
        }
        out.setLength(Math.max(0, out.length() - 1));
        return out.toString();
    }
}
