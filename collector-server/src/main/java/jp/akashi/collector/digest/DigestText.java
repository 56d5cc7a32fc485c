package jp.akashi.collector.digest;

import java.util.Map;

/**
 * A digest as mail in the person's language ({@code ja} or {@code en}): subject, plain text and
 * the HTML alternative (escaped; links only to the console's own address).
 */
final class DigestText {
    /** Section titles: {ja, en}. */
    private static final Map<String, String[]> TITLES = Map.of(
            MailSettings.CHANGES, new String[]{"前回のダイジェストからの変更", "Changes since the last digest"},
            MailSettings.TASKS, new String[]{"期日が近い・過ぎたタスク", "Your tasks due or overdue"},
            MailSettings.EXPIRING, new String[]{"期限が近い回答と例外（30・7・1 日前）", "Answers and exceptions expiring (30, 7, 1 days)"},
            MailSettings.AGENTS, new String[]{"報告が止まった資産", "Assets that stopped reporting"},
            MailSettings.FAILURES, new String[]{"失敗した評価・スナップショット", "Failed evaluations and snapshots"});

    /** @param html the HTML alternative */
    record Mail(String subject, String text, String html) {
    }

    private DigestText() {
    }

    static Mail render(Digest d, String lang, String publicUrl, String settingsLink) {
        boolean en = "en".equals(lang);
        String subject = en ? "Akashi daily digest " + d.day() : "Akashi 日次ダイジェスト " + d.day();
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"" + (en ? "en" : "ja") + "\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(subject)).append("</title></head><body style=\"font-family:sans-serif\"><h1 style=\"font-size:1.3em\">")
                .append(esc(subject)).append("</h1>");
        text.append(subject).append("\n\n");
        for (Digest.Section s : d.sections()) {
            String title = TITLES.get(s.key())[en ? 1 : 0] + (en ? " (" + s.total() + ")" : "（" + s.total() + " 件）");
            text.append("■ ").append(title).append('\n');
            html.append("<h2 style=\"font-size:1.1em\" id=\"").append(s.key()).append("\">").append(esc(title)).append("</h2>");
            if (s.lines().isEmpty()) {
                String none = en ? "Nothing." : "ありません。";
                text.append("  ").append(none).append('\n');
                html.append("<p>").append(esc(none)).append("</p>");
            } else {
                html.append("<ul>");
                for (Digest.Line l : s.lines()) {
                    String line = en ? l.en() : l.ja();
                    text.append("  - ").append(line).append(l.link() != null ? "\n    " + l.link() : "").append('\n');
                    html.append("<li>").append(l.link() != null ? "<a href=\"" + esc(l.link()) + "\">" + esc(line) + "</a>" : esc(line))
                            .append("</li>");
                }
                html.append("</ul>");
                if (s.total() > s.lines().size()) {
                    String more = en ? "… and " + (s.total() - s.lines().size()) + " more" : "ほか " + (s.total() - s.lines().size()) + " 件";
                    text.append("  ").append(more).append('\n');
                    html.append("<p>").append(esc(more)).append("</p>");
                }
            }
            text.append('\n');
        }
        String foot = en ? "You get this mail because your digest is on. Change it on your account page"
                : "このメールはダイジェストを受け取る設定になっているため届いています。設定はアカウントのページで変更できます";
        if (!publicUrl.isEmpty()) {
            text.append(foot).append(": ").append(settingsLink).append('\n');
            html.append("<hr><p style=\"font-size:.9em\">").append(esc(foot)).append(": <a href=\"").append(esc(settingsLink)).append("\">")
                    .append(esc(settingsLink)).append("</a></p>");
        } else {
            text.append(foot).append(en ? ".\n" : "。\n");
            html.append("<hr><p style=\"font-size:.9em\">").append(esc(foot)).append(en ? "." : "。").append("</p>");
        }
        html.append("</body></html>");
        return new Mail(subject, text.toString(), html.toString());
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String verdictJa(String wire) {
        if (wire == null) {
            return "（なし）";
        }
        return switch (wire.toUpperCase()) {
            case "MET" -> "達成";
            case "NOT_MET" -> "未達成";
            case "UNKNOWN" -> "判定不能";
            case "UNANSWERED" -> "未回答";
            case "EXPIRED" -> "期限切れ";
            case "NOT_APPLICABLE" -> "対象外";
            default -> wire;
        };
    }

    static String verdictEn(String wire) {
        if (wire == null) {
            return "(none)";
        }
        return switch (wire.toUpperCase()) {
            case "MET" -> "Met";
            case "NOT_MET" -> "Not met";
            case "UNKNOWN" -> "Unknown";
            case "UNANSWERED" -> "Unanswered";
            case "EXPIRED" -> "Expired";
            case "NOT_APPLICABLE" -> "Not applicable";
            default -> wire;
        };
    }

    static String exceptionEventJa(String event) {
        return switch (event) {
            case "requested" -> "申請";
            case "approved" -> "承認";
            case "rejected" -> "却下";
            case "expired" -> "期限切れ";
            case "revoked" -> "取り消し";
            default -> event;
        };
    }
}
