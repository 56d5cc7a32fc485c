package jp.akashi.collector.export;

/**
 * An imported sheet's evidence reference (資料名・保管場所: a sheet carries no files) kept in the
 * answer's comment as its last line, {@code 証跡: …}; the export splits it off again into its own
 * column, so a sheet exported, left as it is and imported changes nothing.
 */
public final class EvidenceNote {
    static final String PREFIX = "証跡: ";

    private EvidenceNote() {
    }

    /** The comment an answer is stored with: the comment, then the evidence line; null when both are empty. */
    public static String join(String comment, String evidence) {
        String c = comment == null ? "" : comment.strip();
        String e = evidence == null ? "" : evidence.strip().replaceAll("\\s*\\R\\s*", " / ");
        if (e.isEmpty()) {
            return c.isEmpty() ? null : c;
        }
        return c.isEmpty() ? PREFIX + e : c + "\n" + PREFIX + e;
    }

    /** A stored comment split into {comment, evidence} (each "" when absent). */
    public static String[] split(String stored) {
        if (stored == null || stored.isBlank()) {
            return new String[]{"", ""};
        }
        String s = stored.strip();
        int at = s.lastIndexOf('\n' + PREFIX);
        if (at >= 0 && s.indexOf('\n', at + 1) < 0) {
            return new String[]{s.substring(0, at).strip(), s.substring(at + 1 + PREFIX.length()).strip()};
        }
        if (s.startsWith(PREFIX) && s.indexOf('\n') < 0) {
            return new String[]{"", s.substring(PREFIX.length()).strip()};
        }
        return new String[]{s, ""};
    }
}
