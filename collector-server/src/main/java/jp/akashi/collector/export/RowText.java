package jp.akashi.collector.export;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.evaluate.Text;

/** The 状況 (status and reasons) and 根拠 (evidence references) of a criterion, as lines of Japanese text. */
public final class RowText {
    private RowText() {
    }

    public static List<String> status(FrameworkReport.Row r, DisplayZone zone) {
        return status(r, zone, true);
    }

    /** @param withPoints whether the first line says the points (not on a sheet of one application type: its 得点 column does) */
    public static List<String> status(FrameworkReport.Row r, DisplayZone zone, boolean withPoints) {
        List<String> out = new ArrayList<>();
        out.add(Labels.verdict(r.verdict()) + (r.since() == null ? "" : "（" + Labels.time(r.since(), zone) + " から）")
                + (withPoints && r.points() != null ? "　得点 " + r.points() + (r.maxPoints() != null ? "/" + r.maxPoints() : "") : ""));
        for (Text t : r.reasons()) {
            out.add(t.ja());
        }
        return out;
    }

    public static List<String> evidence(FrameworkReport.Row r, DisplayZone zone) {
        List<String> out = new ArrayList<>();
        FrameworkReport.AnswerRef a = r.answer();
        if (a != null) {
            out.add("回答: " + Labels.answerStatus(a.status()) + (a.points() != null ? "（" + a.points() + "点）" : "")
                    + "　" + a.answeredBy() + "、" + Labels.time(a.answeredAt(), zone)
                    + (a.validUntil() != null ? "、有効期限 " + Labels.day(a.validUntil(), zone) : "") + (a.expired() ? "（期限切れ）" : ""));
            if (a.via() != null) {
                out.add("  " + a.via() + " への回答を適用");
            }
            if (a.comment() != null && !a.comment().isBlank()) {
                out.add("  コメント: " + a.comment());
            }
            for (FrameworkReport.FileRef f : a.files()) {
                out.add("  証跡ファイル: " + (f.zipPath() != null ? f.zipPath() : f.filename()) + "（SHA-256 " + f.sha256() + "）"
                        + (f.problem() != null ? " ※" + f.problem() : ""));
            }
        }
        FrameworkReport.ExceptionRef e = r.exception();
        if (e != null) {
            out.add("例外: 承認者 " + e.approver() + "、期限 " + Labels.day(e.expiresAt(), zone) + "、理由: " + e.justification());
        }
        for (FrameworkReport.CheckRef c : r.checkCoverage()) {
            out.add("チェック " + c.checkId() + "（" + c.title() + "）: 適合 " + c.pass() + "、不適合 " + c.fail() + "、判定不能 " + c.unknown()
                    + "、対象外 " + c.notApplicable() + (c.excepted() > 0 ? "、例外 " + c.excepted() : "") + " 台");
            if (!c.failing().isEmpty()) {
                out.add("  不適合の資産: " + String.join(", ", c.failing()) + (c.fail() > c.failing().size() ? " ほか" : ""));
            }
            if (!c.unknownAssets().isEmpty()) {
                out.add("  判定不能の資産: " + String.join(", ", c.unknownAssets()) + (c.unknown() > c.unknownAssets().size() ? " ほか" : ""));
            }
        }
        if (a == null && !r.documents().isEmpty()) {
            out.add("求められる証跡: " + String.join("、", r.documents()));
        }
        return out;
    }

    /** The status lines in the report's language ({@code en}: English, reasons in their English text where they have one). */
    public static List<String> status(FrameworkReport.Row r, DisplayZone zone, boolean withPoints, boolean en) {
        return en ? statusEn(r, zone, withPoints) : status(r, zone, withPoints);
    }

    /** The evidence lines in the report's language. */
    public static List<String> evidence(FrameworkReport.Row r, DisplayZone zone, boolean en) {
        return en ? evidenceEn(r, zone) : evidence(r, zone);
    }

    /** The status lines in English (reasons in their English text where they have one). */
    private static List<String> statusEn(FrameworkReport.Row r, DisplayZone zone, boolean withPoints) {
        List<String> out = new ArrayList<>();
        out.add(Labels.verdict(r.verdict(), true) + (r.since() == null ? "" : " (since " + Labels.time(r.since(), zone) + ")")
                + (withPoints && r.points() != null ? "  points " + r.points() + (r.maxPoints() != null ? "/" + r.maxPoints() : "") : ""));
        for (Text t : r.reasons()) {
            out.add(t.en() != null && !t.en().isBlank() ? t.en() : t.ja());
        }
        return out;
    }

    /** The evidence lines in English; names, comments and titles stay as written. */
    private static List<String> evidenceEn(FrameworkReport.Row r, DisplayZone zone) {
        List<String> out = new ArrayList<>();
        FrameworkReport.AnswerRef a = r.answer();
        if (a != null) {
            out.add("Answer: " + Labels.answerStatus(a.status(), true) + (a.points() != null ? " (" + a.points() + " points)" : "")
                    + "  " + a.answeredBy() + ", " + Labels.time(a.answeredAt(), zone)
                    + (a.validUntil() != null ? ", valid until " + Labels.day(a.validUntil(), zone) : "") + (a.expired() ? " (expired)" : ""));
            if (a.via() != null) {
                out.add("  the answer to " + a.via() + " applies");
            }
            if (a.comment() != null && !a.comment().isBlank()) {
                out.add("  Comment: " + a.comment());
            }
            for (FrameworkReport.FileRef f : a.files()) {
                out.add("  Evidence file: " + (f.zipPath() != null ? f.zipPath() : f.filename()) + " (SHA-256 " + f.sha256() + ")"
                        + (f.problem() != null ? " * " + f.problem() : ""));
            }
        }
        FrameworkReport.ExceptionRef e = r.exception();
        if (e != null) {
            out.add("Exception: approved by " + e.approver() + ", until " + Labels.day(e.expiresAt(), zone) + ", reason: " + e.justification());
        }
        for (FrameworkReport.CheckRef c : r.checkCoverage()) {
            out.add("Check " + c.checkId() + " (" + c.title() + "): pass " + c.pass() + ", fail " + c.fail() + ", undetermined " + c.unknown()
                    + ", not applicable " + c.notApplicable() + (c.excepted() > 0 ? ", excepted " + c.excepted() : "") + " assets");
            if (!c.failing().isEmpty()) {
                out.add("  failing assets: " + String.join(", ", c.failing()) + (c.fail() > c.failing().size() ? " and more" : ""));
            }
            if (!c.unknownAssets().isEmpty()) {
                out.add("  undetermined assets: " + String.join(", ", c.unknownAssets()) + (c.unknown() > c.unknownAssets().size() ? " and more" : ""));
            }
        }
        if (a == null && !r.documents().isEmpty()) {
            out.add("Evidence asked for: " + String.join(", ", r.documents()));
        }
        return out;
    }

    /** The requirement text, with the texts that differ for 新規申請/更新申請 when the item has them. */
    public static String requirement(FrameworkReport.Row r) {
        return requirement(r, false);
    }

    /**
     * The requirement in the criterion's own (Japanese) words in either language: a criterion keeps its
     * original text; only the labels around it follow the report's language.
     */
    public static String requirement(FrameworkReport.Row r, boolean en) {
        StringBuilder sb = new StringBuilder(r.textMissing() ? Labels.w(en, "（抽出元に本文なし）", "(no text in the source)")
                : r.text() == null ? "" : r.text());
        r.variants().forEach((app, v) -> {
            if (v.question() != null && !v.question().equals(r.text())) {
                sb.append(en ? "\n[" : "\n【").append(Labels.application(app, en)).append(en ? "] " : "】").append(v.question());
            }
        });
        return sb.toString();
    }
}
