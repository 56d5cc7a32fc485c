package jp.akashi.collector.catalog;

import java.text.Normalizer;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether two texts of a criterion say the same thing. Transcriptions of one source differ in
 * width (年1回 / 年１回), spacing, line breaks, HTML left over from an extraction and a leading
 * 「・」; none of that changes the wording. Anything else does: a changed word, a closing bracket.
 */
public final class Wording {
    private static final Pattern TAGS = Pattern.compile("<[^>]+>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Wording() {
    }

    /** NFKC width folding, tags and all whitespace removed, a leading 「・」 dropped; null stays null. */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String s = Normalizer.normalize(TAGS.matcher(text).replaceAll(""), Normalizer.Form.NFKC);
        s = SPACE.matcher(s).replaceAll("");
        return s.startsWith("・") ? s.substring(1) : s;
    }

    /** Same wording; a missing text is never the same as a present one. */
    public static boolean same(String a, String b) {
        return Objects.equals(normalize(a), normalize(b));
    }
}
