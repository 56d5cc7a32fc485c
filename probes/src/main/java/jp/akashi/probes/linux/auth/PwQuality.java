package jp.akashi.probes.linux.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The length and character-class rules of pam_pwquality (libpwquality) or pam_cracklib.
 *
 * <p>A positive credit lets each character of that class count as one extra character, up to the
 * credit, so {@code minlen} overstates the real minimum; a negative credit requires that many
 * characters of the class. Both modules also reject anything shorter than 6 when the dictionary
 * check runs (cracklib's built-in limit).
 */
public record PwQuality(int minlen, int minclass, int dcredit, int ucredit, int lcredit, int ocredit, boolean dictcheck) {

    /** libpwquality's defaults (pwquality.conf documents them commented out). */
    public static PwQuality pwqualityDefaults() {
        return new PwQuality(8, 0, 0, 0, 0, 0, true);
    }

    /** pam_cracklib's defaults: minlen 9 with one credit per class. */
    public static PwQuality cracklibDefaults() {
        return new PwQuality(9, 0, 1, 1, 1, 1, true);
    }

    /**
     * These rules with {@code kv} (a configuration file or module arguments) applied; names of
     * values that are not numbers go to {@code bad}.
     */
    public PwQuality with(Map<String, String> kv, List<String> bad) {
        int[] v = {minlen, minclass, dcredit, ucredit, lcredit, ocredit, dictcheck ? 1 : 0};
        String[] names = {"minlen", "minclass", "dcredit", "ucredit", "lcredit", "ocredit", "dictcheck"};
        for (int i = 0; i < names.length; i++) {
            Integer x = ConfigLines.integer(kv, names[i], v[i]);
            if (x == null) {
                bad.add(names[i] + "=" + kv.get(names[i]));
            } else {
                v[i] = x;
            }
        }
        // libpwquality raises a minlen below 6 to 6
        return new PwQuality(Math.max(6, v[0]), v[1], v[2], v[3], v[4], v[5], v[6] != 0);
    }

    /** The shortest password these rules accept (credits can shorten it at most to half of minlen). */
    public int shortestAccepted() {
        int credits = 0;
        for (int c : new int[] {dcredit, ucredit, lcredit, ocredit}) {
            credits += Math.max(0, c);
        }
        int shortest = Math.max(minlen - credits, (minlen + 1) / 2);
        return dictcheck ? Math.max(6, shortest) : shortest;
    }

    /** Character classes a password must contain: minclass, or the classes a negative credit requires. */
    public int requiredClasses() {
        int required = 0;
        for (int c : new int[] {dcredit, ucredit, lcredit, ocredit}) {
            if (c < 0) {
                required++;
            }
        }
        return Math.max(Math.min(minclass, 4), required);
    }

    /** For evidence: the settings that decided. */
    public String describe() {
        List<String> s = new ArrayList<>();
        s.add("minlen=" + minlen);
        s.add("minclass=" + minclass);
        s.add("dcredit=" + dcredit);
        s.add("ucredit=" + ucredit);
        s.add("lcredit=" + lcredit);
        s.add("ocredit=" + ocredit);
        s.add("dictcheck=" + (dictcheck ? 1 : 0));
        return String.join(" ", s);
    }
}
