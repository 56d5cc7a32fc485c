package jp.akashi.collector.export;

import java.util.List;
import java.util.Map;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.store.ReportSettingsRecord;

/**
 * The human-readable report: one self-contained page (inline CSS, no scripts, every text
 * escaped) in Japanese with each framework's score, criteria, verdicts, reasons and evidence
 * references, in Japanese or English ({@link Meta#en()}; a criterion keeps its original Japanese
 * text either way, the labels, verdicts, reasons and remediation follow the language). It is well-formed XHTML, so the PDF renderer reads the same page. The facts may carry
 * the report settings' logo under {@link ReportSettingsRecord#LOGO_FACT}: drawn at the top, not a row.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * What the report is about.
     *
     * @param title      heading
     * @param asOf       ISO instant of the state shown
     * @param facts      label → value lines for the header table (snapshot id, signer, counts …)
     * @param problems   things the reader must know are missing or broken, or empty
     * @param verifyHelp whether to end with how to verify the snapshot (the ZIP's report)
     * @param en         English instead of Japanese
     */
    public record Meta(String title, String asOf, Map<String, String> facts, List<String> problems, boolean verifyHelp, boolean en) {
        public Meta(String title, String asOf, Map<String, String> facts, List<String> problems, boolean verifyHelp) {
            this(title, asOf, facts, problems, verifyHelp, false);
        }
    }

    /**
     * @param pdfFont font family for the PDF renderer, or null for a browser page
     * @param zone    the zone times are shown in
     */
    public static String render(List<FrameworkReport> reports, Meta meta, String pdfFont, DisplayZone zone) {
        return render(reports, meta, pdfFont, null, zone);
    }

    /**
     * @param remediation a row's 対処方法 text (its failing or undecided checks), shown under its
     *                    status; null for none (a snapshot's report shows exactly what was signed)
     */
    public static String render(List<FrameworkReport> reports, Meta meta, String pdfFont,
                                java.util.function.Function<FrameworkReport.Row, String> remediation, DisplayZone zone) {
        boolean en = meta.en();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(en ? "en" : "ja").append("\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n<title>").append(esc(meta.title())).append("</title>\n<style>\n")
                .append(css(pdfFont)).append("</style>\n</head>\n<body>\n");
        // the report settings' logo: a data: URI, so the page stays one self-contained file
        String logo = meta.facts().get(ReportSettingsRecord.LOGO_FACT);
        if (logo != null && logo.startsWith("data:image/")) {
            h.append("<img class=\"logo\" alt=\"logo\" src=\"").append(esc(logo)).append("\"/>\n");
        }
        h.append("<h1>").append(esc(meta.title())).append("</h1>\n");
        h.append("<table class=\"meta\">\n");
        row(h, Labels.w(en, "時点", "As of"), Labels.time(meta.asOf(), zone) + (en ? " (" + meta.asOf() + ")" : "（" + meta.asOf() + "）"));
        meta.facts().forEach((k, v) -> {
            if (!k.equals(ReportSettingsRecord.LOGO_FACT)) {
                row(h, k, v);
            }
        });
        h.append("</table>\n");
        if (!meta.problems().isEmpty()) {
            h.append("<div class=\"problems\"><h2>").append(Labels.w(en, "注意", "Attention")).append("</h2><ul>\n");
            meta.problems().forEach(p -> h.append("<li>").append(esc(p)).append("</li>\n"));
            h.append("</ul></div>\n");
        }
        h.append(en ? "<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>Framework</th><th>Version</th><th>Result</th></tr></thead>\n<tbody>\n"
                : "<h2>概要</h2>\n<table class=\"summary\">\n<thead><tr><th>フレームワーク</th><th>版</th><th>評価</th></tr></thead>\n<tbody>\n");
        for (FrameworkReport r : reports) {
            for (Score s : r.scores()) {
                h.append("<tr><td>").append(esc(r.name())).append("</td><td>").append(esc(r.version())).append("</td><td class=\"st-")
                        .append(esc(s.status())).append("\">").append(esc(ScoreLines.headline(s, en))).append("</td></tr>\n");
            }
        }
        h.append("</tbody>\n</table>\n");
        for (FrameworkReport r : reports) {
            framework(h, r, remediation, zone, en);
        }
        if (meta.verifyHelp() && en) {
            h.append("<h2>How to verify this snapshot</h2>\n<p>")
                    .append(esc("manifest.txt lists the SHA-256 of every file in this ZIP and manifest.sig is its Ed25519 signature. "
                            + "To verify without trusting the collector, obtain the collector's published public key and run "
                            + "java -jar akashi-agent.jar verify <this ZIP> --public-key <public-key.pem>, "
                            + "or check with openssl pkeyutl -verify -pubin -inkey <public-key.pem> -rawin -in manifest.txt -sigfile manifest.sig "
                            + "and sha256sum (README.txt in this ZIP; docs/SNAPSHOTS.md)."))
                    .append("</p>\n");
        } else if (meta.verifyHelp()) {
            h.append("<h2>このスナップショットの検証方法</h2>\n<p>")
                    .append(esc("manifest.txt はこの ZIP の全ファイルの SHA-256 を列挙し、manifest.sig はその Ed25519 署名です。"
                            + "収集サーバーを信頼せずに検証するには、公開された収集サーバーの公開鍵を入手し、"
                            + "java -jar akashi-agent.jar verify <この ZIP> --public-key <公開鍵.pem> を実行するか、"
                            + "openssl pkeyutl -verify -pubin -inkey <公開鍵.pem> -rawin -in manifest.txt -sigfile manifest.sig と "
                            + "sha256sum で確認してください（手順は docs/SNAPSHOTS.md）。"))
                    .append("</p>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void framework(StringBuilder h, FrameworkReport r, java.util.function.Function<FrameworkReport.Row, String> remediation,
                                  DisplayZone zone, boolean en) {
        h.append("<h2 class=\"fw\">").append(esc(r.name())).append(en ? " (" : "（").append(esc(r.version())).append(en ? ")" : "）").append("</h2>\n");
        if (r.sourceTitle() != null) {
            h.append("<p class=\"source\">").append(Labels.w(en, "出典: ", "Source: ")).append(esc(r.sourceTitle())).append("</p>\n");
        }
        for (Score s : r.scores()) {
            h.append("<div class=\"score\"><p class=\"headline st-").append(esc(s.status())).append("\">").append(esc(ScoreLines.headline(s, en)))
                    .append("</p>\n<ul>\n");
            ScoreLines.details(s, en).forEach(l -> h.append("<li>").append(esc(l.strip())).append("</li>\n"));
            h.append("</ul></div>\n");
        }
        h.append("<p class=\"counts\">");
        StringBuilder counts = new StringBuilder();
        r.verdictCounts().forEach((k, v) -> {
            if (v > 0) {
                counts.append(counts.length() == 0 ? "" : en ? ", " : "　").append(Labels.verdict(k, en)).append(" ").append(v);
            }
        });
        h.append(esc((en ? "Criteria: " + r.rows().size() + " — " : "評価基準 " + r.rows().size() + " 件: ") + counts)).append("</p>\n");
        h.append("<table class=\"criteria\">\n<thead><tr><th class=\"no\">No.</th><th class=\"req\">").append(Labels.w(en, "要求", "Requirement"))
                .append("</th><th class=\"v\">").append(Labels.w(en, "判定", "Verdict")).append("</th>")
                .append("<th class=\"st\">").append(Labels.w(en, "状況・理由", "Status and reasons")).append("</th><th class=\"ev\">")
                .append(Labels.w(en, "根拠", "Evidence")).append("</th></tr></thead>\n<tbody>\n");
        for (FrameworkReport.Row row : r.rows()) {
            List<String> status = RowText.status(row, zone, true, en);
            h.append("<tr class=\"v-").append(esc(row.verdict())).append("\"><td class=\"no\">").append(esc(row.number())).append("</td><td>");
            if (!row.path().isEmpty()) {
                h.append("<div class=\"path\">").append(esc(String.join(" ＞ ", row.path().stream().map(FrameworkReport.PathItem::label).toList())))
                        .append("</div>");
            }
            h.append(lines(RowText.requirement(row, en))).append(weight(row, en)).append("</td><td class=\"v\">").append(esc(Labels.verdict(row.verdict(), en)))
                    .append("</td><td>").append(lines(String.join("\n", status)));
            String fix = remediation == null ? "" : remediation.apply(row);
            if (fix != null && !fix.isEmpty()) {
                h.append("<div class=\"fix\"><div class=\"fix-h\">").append(Labels.w(en, "対処方法", "How to fix")).append("</div>")
                        .append(lines(fix)).append("</div>");
            }
            h.append("</td><td>").append(evidence(row, zone, en)).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static String weight(FrameworkReport.Row r, boolean en) {
        StringBuilder w = new StringBuilder();
        if (r.level() != null) {
            w.append("★").append(r.level());
        }
        if (r.required() != null && r.maxPoints() == null) {
            w.append(en ? (w.length() > 0 ? " " : "") + (r.required() ? "required" : "optional") : r.required() ? "必須" : "任意");
        }
        if (r.maxPoints() != null) {
            w.append(r.maxPoints()).append(Labels.w(en, "点", " points"))
                    .append("graded".equals(r.scoring()) ? Labels.w(en, "（段階評価）", " (graded)") : "");
        }
        if (r.nistCsf() != null) {
            w.append(w.length() > 0 ? "　" : "").append("NIST CSF ").append(r.nistCsf());
        }
        w.append(w.length() > 0 ? "　" : "").append(Labels.evidence(r.evidence(), en));
        return "<div class=\"weight\">" + esc(w.toString()) + "</div>";
    }

    /** Evidence lines; files inside a snapshot link to their place in the extracted ZIP. */
    private static String evidence(FrameworkReport.Row r, DisplayZone zone, boolean en) {
        StringBuilder sb = new StringBuilder();
        for (String l : RowText.evidence(r, zone, en)) {
            sb.append(esc(l)).append("<br/>");
        }
        if (r.answer() != null) {
            for (FrameworkReport.FileRef f : r.answer().files()) {
                if (f.zipPath() != null) {
                    sb.append("<a href=\"").append(esc(f.zipPath())).append("\">").append(esc(f.filename())).append("</a><br/>");
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String lines(String s) {
        return esc(s).replace("\n", "<br/>");
    }

    private static String css(String pdfFont) {
        String font = pdfFont != null ? "'" + pdfFont + "'" : "'Hiragino Sans', 'Yu Gothic', 'Meiryo', 'Noto Sans CJK JP', 'IPAGothic', sans-serif";
        String page = pdfFont != null ? "@page { size: A4 landscape; margin: 12mm 10mm; "
                + "@bottom-center { content: counter(page) ' / ' counter(pages); font-family: " + font + "; font-size: 8pt; } }\n"
                + "table.criteria { -fs-table-paginate: paginate; }\ntr { page-break-inside: avoid; }\n" : "";
        return page + "body { font-family: " + font + "; font-size: " + (pdfFont != null ? "8.5pt" : "14px") + "; color: #222; margin: "
                + (pdfFont != null ? "0" : "1.5em") + "; line-height: 1.45; }\n"
                + "h1 { font-size: 1.6em; border-bottom: 3px solid #1f4e79; padding-bottom: .2em; }\n"
                + "img.logo { float: right; max-height: 60px; max-width: 240px; }\n"
                + "h2 { font-size: 1.25em; color: #1f4e79; margin-top: 1.6em; }\n"
                + "h2.fw { page-break-before: always; }\n"
                + "table { border-collapse: collapse; width: 100%; margin: .5em 0; }\n"
                + "th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left; word-wrap: break-word; }\n"
                + "th { background: #e8eef5; }\n table.meta { width: auto; } table.meta th { white-space: nowrap; }\n"
                + "table.criteria { table-layout: fixed; } th.no { width: 6%; } th.req { width: 34%; } th.v { width: 6%; }"
                + " th.st { width: 22%; } th.ev { width: 32%; }\n"
                + "td.no { white-space: nowrap; } td.v { font-weight: bold; }\n"
                + ".path { color: #555; font-size: .85em; } .weight { color: #1f4e79; font-size: .85em; margin-top: .2em; }\n"
                + ".fix { margin-top: .4em; padding: .2em .4em; border-left: 3px solid #1f4e79; background: #f3f6fa; font-size: .9em; }"
                + " .fix-h { font-weight: bold; color: #1f4e79; }\n"
                + ".source { color: #555; font-size: .9em; } .headline { font-weight: bold; font-size: 1.05em; margin-bottom: .2em; }\n"
                + ".score ul { margin-top: 0; list-style-type: none; padding-left: 1em; }\n"
                + ".score li:before, .problems li:before { content: '・'; }\n .problems ul { list-style-type: none; }\n .problems { border: 2px solid #c00; padding: 0 1em; background: #fff3f3; }\n"
                + "tr.v-met td.v { color: #1b7a2f; } tr.v-not_met td.v { color: #c00000; } tr.v-expired td.v, tr.v-unanswered td.v { color: #b35c00; }\n"
                + "tr.v-unknown td.v { color: #666; } tr.v-not_applicable td.v { color: #555; }\n"
                + ".st-reached, .st-met, .st-pass { color: #1b7a2f; } .st-not_reached, .st-not_met, .st-fail { color: #c00000; }\n";
    }

    /** Escapes text for HTML/XML content and attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // characters XML 1.0 forbids (control characters) would make the PDF renderer fail
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
