package jp.akashi.collector.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.evaluate.Score;

/**
 * The pass rule of a points score (安全・安心マーク) in words, per application type, from the
 * score's parts: the association's published counts (必須 N 項目, 推奨 M 点中 T 点以上) kept apart
 * from the total of the points the catalog holds, which may differ (127 held, 119 published).
 */
final class ScoreRule {
    private ScoreRule() {
    }

    /** Whether the score is one with points (only those have a rule to state). */
    static boolean hasPoints(Score s) {
        return s.parts() != null && s.parts().get("points") instanceof Map<?, ?>;
    }

    /** "必須 29 項目すべてを満たし、推奨 119 点中 92 点以上" — the association's rule. */
    static String passRule(Score s) {
        return passRule(s, false);
    }

    static String passRule(Score s, boolean en) {
        Map<?, ?> pts = points(s);
        Object required = pts.get("published_required");
        if (required == null && s.parts().get("required") instanceof Map<?, ?> r) {
            required = r.get("total");
        }
        Object threshold = pts.get("threshold");
        if (en) {
            return threshold == null ? "all " + required + " required items met; recommended items worth " + pts.get("published_max")
                    + " points (no pass mark published)"
                    : "all " + required + " required items met and at least " + threshold + " of the " + pts.get("published_max")
                    + " recommended points";
        }
        return threshold == null ? "必須 " + required + " 項目すべてを満たすこと、推奨 " + pts.get("published_max") + " 点（合格点の記載なし）"
                : "必須 " + required + " 項目すべてを満たし、推奨 " + pts.get("published_max") + " 点中 " + threshold + " 点以上";
    }

    /** The catalog's total of points on this application type (what the sheet's items add up to). */
    static int heldPoints(Score s) {
        return ((Number) points(s).get("max")).intValue();
    }

    /** The rule explained, for the first sheet: one line per application type, then how points are counted. */
    static List<String> explained(List<Score> scores) {
        return explained(scores, false);
    }

    static List<String> explained(List<Score> scores, boolean en) {
        if (en) {
            return explainedEn(scores);
        }
        List<String> out = new ArrayList<>();
        for (Score s : scores) {
            if (!hasPoints(s)) {
                continue;
            }
            String app = Labels.application(s.application());
            out.add((app.isEmpty() ? "" : app + ": ") + passRule(s) + (points(s).get("threshold") == null ? "。" : "で合格。") + zeroRule(s));
        }
        if (out.isEmpty()) {
            return out;
        }
        out.add("得点は、その申請区分で配点のある項目のうち満たしているものの配点の合計です（段階評価の項目は回答した点数、満たしていない項目は0点）。");
        out.add("申請区分ごとに必須項目と配点が異なるため、申請区分ごとのシートに分けています（例: 新規申請では配点、更新申請では必須の項目があります）。");
        for (Score s : scores) {
            if (hasPoints(s) && !String.valueOf(points(s).get("published_max")).equals(String.valueOf(heldPoints(s)))) {
                String app = Labels.application(s.application());
                out.add((app.isEmpty() ? "" : app + ": ") + heldNote(s));
            }
        }
        return out;
    }

    private static List<String> explainedEn(List<Score> scores) {
        List<String> out = new ArrayList<>();
        for (Score s : scores) {
            if (!hasPoints(s)) {
                continue;
            }
            String app = Labels.application(s.application(), true);
            String zero = points(s).get("zero_fail_items") instanceof List<?> items && !items.isEmpty()
                    ? " Any of " + String.join(", ", items.stream().map(String::valueOf).toList()) + " at 0 points fails regardless of the other points."
                    : "";
            out.add((app.isEmpty() ? "" : app + ": ") + "passes with " + passRule(s, true) + "." + zero);
        }
        if (out.isEmpty()) {
            return out;
        }
        out.add("The points are the sum of the weights of the items met that carry points on the application type"
                + " (graded items: the points answered; items not met: 0).");
        out.add("Required items and weights differ by application type, so each type has its own sheet.");
        for (Score s : scores) {
            String note = heldNote(s, true);
            if (hasPoints(s) && !note.isEmpty()) {
                String app = Labels.application(s.application(), true);
                out.add((app.isEmpty() ? "" : app + ": ") + note);
            }
        }
        return out;
    }

    static String heldNote(Score s, boolean en) {
        if (!en) {
            return heldNote(s);
        }
        Object published = points(s).get("published_max");
        if (String.valueOf(published).equals(String.valueOf(heldPoints(s)))) {
            return "";
        }
        return "the items of this version whose weights are known add up to " + heldPoints(s) + " points, not the published "
                + published + " (the public material does not say which weights changed); the pass is judged by the published pass mark.";
    }

    /** Why the sheet's points add up to other than the published maximum, or "" when they agree. */
    static String heldNote(Score s) {
        Object published = points(s).get("published_max");
        if (String.valueOf(published).equals(String.valueOf(heldPoints(s)))) {
            return "";
        }
        return "この版で配点が分かる項目の合計は " + heldPoints(s) + " 点で、公表の推奨 " + published
                + " 点と一致しません（どの項目の配点が変わったかは公開資料から分かりません）。合否は公表の合格点で判定します。";
    }

    private static String zeroRule(Score s) {
        if (!(points(s).get("zero_fail_items") instanceof List<?> items) || items.isEmpty()) {
            return "";
        }
        return String.join(", ", items.stream().map(String::valueOf).toList()) + " のいずれかが0点なら、他の得点にかかわらず不合格。";
    }

    private static Map<?, ?> points(Score s) {
        return (Map<?, ?>) s.parts().get("points");
    }
}
