package jp.akashi.collector.ingest;

/**
 * What a string of a report may contain. Every string: no unpaired UTF-16 surrogate (it cannot be
 * written as UTF-8, so storing or showing it fails later). Text stored in columns or shown in
 * reasons (values, messages): no NUL either, which PostgreSQL text cannot hold. Names and ids
 * (host name, machine id, agent id …): no control characters and no bidirectional formatting
 * characters, which make one name look like another in the console and in exports.
 */
final class TextRules {
    /** A problem with a string: where in it (character index) and what, in both languages. */
    record Problem(int at, String en, String ja) {
        String enAt() {
            return en + " at character " + at;
        }

        String jaAt() {
            return at + " 文字目に" + (ja.charAt(0) < 0x80 ? " " : "") + ja;
        }
    }

    private TextRules() {
    }

    /** Why {@code s} cannot be stored as text (NUL allowed only when {@code nulAllowed}), or null. */
    static Problem text(String s, boolean nulAllowed) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (c == 0 && !nulAllowed) {
                return new Problem(i, "NUL character (U+0000)", "NUL 文字（U+0000）があります");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return new Problem(i, "unpaired surrogate U+" + hex(c), "対になっていないサロゲート U+" + hex(c) + " があります");
                }
            }
        }
        return null;
    }

    /** Why {@code s} cannot be a name or id, or null. */
    static Problem identity(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return new Problem(i, "control character U+" + hex(c), "制御文字 U+" + hex(c) + " があります");
            }
            if (isBidiControl(c)) {
                return new Problem(i, "bidirectional formatting character U+" + hex(c), "双方向書式文字 U+" + hex(c) + " があります");
            }
        }
        return text(s, false);
    }

    /** Characters that reorder or isolate text direction: U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069. */
    static boolean isBidiControl(char c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
