package jp.akashi.collector.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.evaluate.Text;

/**
 * A score as lines of Japanese text, for every report format: METI ★ levels with what is missing,
 * Kubota 必須/任意 counts, 安全・安心マーク 必須 and points against the threshold. Reads the score's
 * parts generically, so a score read back from a snapshot's JSON renders the same.
 */
public final class ScoreLines {
    static final int MAX_LISTED = 60;

    private ScoreLines() {
    }

    /** The headline: "★3: 達成（59/59）" / "必須 120/129、任意 10/24" / "必須 25/25、得点 95（合格点 92）". */
    public static String headline(Score s) {
        return headline(s, false);
    }

    /** @param en in English (the score's English summary) */
    public static String headline(Score s, boolean en) {
        String app = Labels.application(s.application(), en);
        String summary = s.summary() == null ? "" : en && s.summary().en() != null ? s.summary().en() : s.summary().ja();
        return (app.isEmpty() ? "" : app + ": ") + summary + " — " + Labels.scoreStatus(s.status(), en);
    }

    public static List<String> details(Score s) {
        return details(s, false);
    }

    public static List<String> details(Score s, boolean en) {
        List<String> out = new ArrayList<>();
        Map<String, Object> p = s.parts() == null ? Map.of() : s.parts();
        if (p.get("levels") instanceof List<?> levels) {
            for (Object o : levels) {
                if (o instanceof Map<?, ?> l) {
                    out.add(en ? l.get("label") + ": " + Labels.scoreStatus(str(l.get("status")), true) + " (" + l.get("met") + "/" + l.get("total")
                                    + (l.get("public_criteria") != null ? ", published criteria " + l.get("public_criteria") : "") + ")"
                            : l.get("label") + ": " + Labels.scoreStatus(str(l.get("status"))) + "（" + l.get("met") + "/" + l.get("total")
                            + (l.get("public_criteria") != null ? "、公表上の評価基準数 " + l.get("public_criteria") : "") + "）");
                    missing(en ? "  criteria not met for " + l.get("label") : "  " + l.get("label") + " に未達の評価基準", l.get("missing"), out, en);
                }
            }
        }
        if (p.get("required") instanceof Map<?, ?> r) {
            out.add(en ? "Required: " + r.get("met") + "/" + r.get("total") + " met" : "必須: " + r.get("met") + "/" + r.get("total") + " 適合");
            missing(en ? "  required items not met" : "  未達の必須項目", r.get("missing"), out, en);
        }
        if (p.get("optional") instanceof Map<?, ?> o) {
            out.add(en ? "Optional: " + o.get("met") + "/" + o.get("total") + " met" : "任意: " + o.get("met") + "/" + o.get("total") + " 適合");
        }
        if (p.get("points") instanceof Map<?, ?> pts) {
            out.add(en ? "Points: " + pts.get("earned") + " / " + pts.get("max") + " (pass mark " + (pts.get("threshold") == null ? "not published"
                            : pts.get("threshold")) + ", published maximum " + pts.get("published_max") + ")"
                    : "得点: " + pts.get("earned") + " / " + pts.get("max") + "（合格点 " + (pts.get("threshold") == null ? "記載なし" : pts.get("threshold"))
                    + "、公表上の満点 " + pts.get("published_max") + "）");
        }
        if (p.get("zero_failed") instanceof List<?> z && !z.isEmpty()) {
            out.add((en ? "Items at 0 points that fail the assessment: " : "0点で不合格となる項目: ")
                    + String.join(", ", z.stream().map(String::valueOf).toList()));
        }
        for (Text n : s.notes() == null ? List.<Text>of() : s.notes()) {
            out.add(en && n.en() != null ? "Note: " + n.en() : "注: " + n.ja());
        }
        return out;
    }

    private static void missing(String label, Object list, List<String> out, boolean en) {
        if (!(list instanceof List<?> items) || items.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (Object o : items) {
            if (parts.size() == MAX_LISTED) {
                parts.add(en ? (items.size() - MAX_LISTED) + " more" : "ほか " + (items.size() - MAX_LISTED) + " 件");
                break;
            }
            if (o instanceof Map<?, ?> m) {
                parts.add(en ? m.get("number") + " (" + Labels.verdict(str(m.get("verdict")), true) + ")"
                        : m.get("number") + "（" + Labels.verdict(str(m.get("verdict"))) + "）");
            }
        }
        out.add(label + ": " + String.join(en ? ", " : "、", parts));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
