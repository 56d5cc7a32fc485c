package jp.akashi.collector.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Picture;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.evaluate.ScoreCalculator;
import jp.akashi.collector.store.ReportSettings;

/**
 * A framework's self-assessment as an Excel workbook shaped like its source table: a 概要 sheet
 * with the scores (and, for points, the pass rule in words), then one sheet per framework version
 * whose columns are the source's own (Kubota: ラベル, 目的, 要求事項, No., 回答対象, 達成条件, 達成基準 in
 * A–G; METI: 大分類, 中分類, 要求事項, No., ★, NIST CSF, 評価基準) followed by 回答 / 状況 / 根拠. A
 * version scored per application type (安全・安心マーク 新規/更新申請) has one sheet per type instead,
 * with that type's texts, weights and point total. Each sheet starts with a header block (会社名,
 * 提出者, 提出日) and prints A4 landscape one page wide ({@link SheetLayout}); columns come from the
 * catalog data ({@link WorkbookColumns}), so a new version with the same structure needs no code.
 */
public final class WorkbookWriter {
    /** Excel refuses cells longer than 32,767 characters. */
    static final int MAX_CELL = 32_000;
    public static final String SUMMARY_SHEET = "概要";
    public static final String SUMMARY_SHEET_EN = "Summary";
    public static final String ANSWER_HEADER = "回答";
    public static final String ANSWER_HEADER_EN = "Answer";
    /** The tallest the logo is drawn on the first sheet, in pixels (a wider one keeps its proportions). */
    static final int LOGO_HEIGHT = 60;
    /** The header block's label of a sheet's point total (安全・安心マーク, per application type). */
    static final String HELD_POINTS = "配点合計（この表の項目）";
    static final String PASS_RULE = "合格基準（協議会の公表値）";

    private WorkbookWriter() {
    }

    /**
     * The header block of each sheet: who submits the self-assessment and when.
     *
     * @param company   the submitting company, or null for a line to fill in
     * @param submitter the exporting user's display name, or null for a line to fill in
     * @param date      the export (or as-of) date, e.g. 2026-11-20
     */
    public record Submission(String company, String submitter, String date, String basis, ReportSettings.Logo logo, boolean en) {
        public Submission(String company, String submitter, String date) {
            this(company, submitter, date, null);
        }

        public Submission(String company, String submitter, String date, String basis) {
            this(company, submitter, date, basis, null, false);
        }
    }

    static String answerHeader(boolean en) {
        return en ? ANSWER_HEADER_EN : ANSWER_HEADER;
    }

    /** @param versions the versions of one framework, oldest first */
    public static void write(List<FrameworkReport> versions, OutputStream out, DisplayZone zone) throws IOException {
        write(versions, out, null, zone);
    }

    /** The optional column of {@code write(…, remediation)}. */
    static final String REMEDIATION_HEADER = "対処方法（不適合・判定不能のチェック）";

    /** With a header block naming nobody, dated the reports' instant. */
    public static void write(List<FrameworkReport> versions, OutputStream out, Function<FrameworkReport.Row, String> remediation,
                             DisplayZone zone) throws IOException {
        write(versions, out, remediation, new Submission(null, null, Labels.day(versions.get(0).asOf(), zone)), zone);
    }

    /**
     * @param remediation when not null, a last column with what to do about each criterion's failing or
     *                    undecided checks
     * @param submission  the header block of every sheet
     * @param zone        the zone times are shown in
     */
    public static void write(List<FrameworkReport> versions, OutputStream out, Function<FrameworkReport.Row, String> remediation,
                             Submission submission, DisplayZone zone) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            WorkbookStyles st = new WorkbookStyles(wb);
            FrameworkReport first = versions.get(0);
            Instant asOf = Instant.parse(first.asOf());
            wb.getProperties().getCoreProperties().setCreator("Akashi");
            wb.getProperties().getCoreProperties().setTitle(first.name());
            wb.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(asOf)));
            boolean en = submission.en();
            summary(wb, st, versions, submission, zone);
            Set<String> used = new HashSet<>(Set.of(en ? SUMMARY_SHEET_EN : SUMMARY_SHEET));
            for (FrameworkReport v : versions) {
                List<Score> perApplication = v.scores().stream().filter(ScoreRule::hasPoints)
                        .filter(sc -> !ScoreCalculator.DEFAULT_APPLICATION.equals(sc.application())).toList();
                if (perApplication.isEmpty()) {
                    Sheet s = wb.createSheet(sheetName(v.version(), used));
                    int top = SheetLayout.headerBlock(s, st, v.name() + Labels.w(en, "　自己評価", " — self-assessment"), submission, Map.of());
                    table(wb, st, s, top, v, WorkbookColumns.of(v, null, Map.of(), zone, en), remediation, en);
                }
                for (Score sc : perApplication) {
                    applicationSheet(wb, st, v, sc, sheetName(v.version() + " " + Labels.application(sc.application(), en), used),
                            submission, remediation, zone);
                }
                if (!perApplication.isEmpty() && BeforeChangeSheet.has(v)) {
                    BeforeChangeSheet.write(wb, st, wb.createSheet(sheetName(v.version() + Labels.w(en, " 変更前（参考）", " before change"), used)),
                            v, submission);
                }
            }
            wb.write(out);
        }
    }

    static String sheetName(String version, Set<String> used) {
        String base = WorkbookUtil.createSafeSheetName(version.isBlank() ? "版" : version);
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = WorkbookUtil.createSafeSheetName(base.substring(0, Math.min(base.length(), 27)) + " (" + i + ")");
        }
        return name;
    }

    private static void summary(XSSFWorkbook wb, WorkbookStyles st, List<FrameworkReport> versions, Submission submission, DisplayZone zone) {
        boolean en = submission.en();
        Sheet s = wb.createSheet(en ? SUMMARY_SHEET_EN : SUMMARY_SHEET);
        s.setColumnWidth(0, 22 * 256);
        s.setColumnWidth(1, 100 * 256);
        FrameworkReport first = versions.get(0);
        int r = 0;
        Cell title = s.createRow(r++).createCell(0);
        title.setCellValue(first.name() + Labels.w(en, "　自己評価", " — self-assessment"));
        title.setCellStyle(st.title);
        r = pair(s, st, r, SheetLayout.company(en), submission.company());
        r = pair(s, st, r, Labels.w(en, "発行者", "Publisher"), first.publisher());
        r = pair(s, st, r, Labels.w(en, "時点", "As of"), Labels.time(first.asOf(), zone) + Labels.w(en, "（" + first.asOf() + "）", " (" + first.asOf() + ")"));
        if (submission.basis() != null) {
            r = pair(s, st, r, SheetLayout.basis(en), submission.basis());
        }
        r = pair(s, st, r, Labels.w(en, "スナップショット", "Snapshot"), first.snapshotId() != null ? first.snapshotId()
                : submission.basis() == null ? Labels.w(en, "（現在の状態から作成）", "(made from the current state)")
                : Labels.w(en, "なし（判定の履歴から作成）", "none (made from the verdict history)"));
        for (FrameworkReport v : versions) {
            r++;
            Cell h = s.createRow(r++).createCell(0);
            h.setCellValue(Labels.w(en, "版 ", "Version ") + v.version() + (v.sourceTitle() == null ? "" : "　" + v.sourceTitle()));
            h.setCellStyle(st.header);
            for (Score sc : v.scores()) {
                String app = Labels.application(sc.application(), en);
                r = pair(s, st, r, en ? "Score" + (app.isEmpty() ? "" : " (" + app + ")") : "評価" + (app.isEmpty() ? "" : "（" + app + "）"),
                        ScoreLines.headline(sc, en));
                for (String line : ScoreLines.details(sc, en)) {
                    r = pair(s, st, r, "", line.strip());
                }
            }
            String label = Labels.w(en, "合格基準", "Pass rule");
            for (String line : ScoreRule.explained(v.scores(), en)) {
                r = pair(s, st, r, label, line);
                label = "";
            }
            StringBuilder counts = new StringBuilder();
            v.verdictCounts().forEach((k, n) -> counts.append(counts.length() == 0 ? "" : Labels.w(en, "、", ", "))
                    .append(Labels.verdict(k, en)).append(" ").append(n));
            r = pair(s, st, r, en ? "Criteria: " + v.rows().size() : "評価基準 " + v.rows().size() + " 件", counts.toString());
        }
        if (submission.logo() != null) {
            logo(wb, s, submission.logo());
        }
        SheetLayout.print(wb, s, -1, 2);
    }

    /** The company's logo at the top right of the first sheet, at most {@link #LOGO_HEIGHT} pixels tall. */
    private static void logo(XSSFWorkbook wb, Sheet s, ReportSettings.Logo logo) {
        s.setColumnWidth(2, 24 * 256);
        int index = wb.addPicture(logo.bytes(), "png".equals(logo.type()) ? Workbook.PICTURE_TYPE_PNG : Workbook.PICTURE_TYPE_JPEG);
        ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
        anchor.setCol1(2);
        anchor.setRow1(0);
        anchor.setAnchorType(ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
        Picture p = s.createDrawingPatriarch().createPicture(anchor, index);
        p.resize(Math.min(1.0, (double) LOGO_HEIGHT / logo.height()));
    }

    private static int pair(Sheet s, WorkbookStyles st, int r, String k, String v) {
        Row row = s.createRow(r);
        Cell a = row.createCell(0);
        a.setCellValue(k);
        a.setCellStyle(st.label);
        Cell b = row.createCell(1);
        b.setCellValue(clip(v));
        b.setCellStyle(st.wrap);
        return r + 1;
    }

    /** A sheet of one application type: its weights, texts and points; the rule and the totals above the table. */
    private static void applicationSheet(XSSFWorkbook wb, WorkbookStyles st, FrameworkReport v, Score score, String name,
                                         Submission submission, Function<FrameworkReport.Row, String> remediation, DisplayZone zone) {
        boolean en = submission.en();
        Sheet s = wb.createSheet(name);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(Labels.w(en, "申請区分", "Application type"), Labels.application(score.application(), en));
        facts.put(Labels.w(en, HELD_POINTS, "Points of the items on this sheet"), ScoreRule.heldPoints(score));
        facts.put(Labels.w(en, PASS_RULE, "Pass rule (published by the association)"), ScoreRule.passRule(score, en));
        String note = ScoreRule.heldNote(score, en);
        if (!note.isEmpty()) {
            facts.put(Labels.w(en, "注", "Note"), note);
        }
        String app = Labels.application(score.application(), en);
        int top = SheetLayout.headerBlock(s, st, v.name() + (en ? " — self-assessment (" + app + ")" : "　自己評価（" + app + "）"), submission, facts);
        table(wb, st, s, top, v, WorkbookColumns.of(v, score.application(), earned(score), zone, en), remediation, en);
    }

    /** Points earned per criterion on a score's application type (parts.points.items). */
    private static Map<String, Integer> earned(Score score) {
        Map<String, Integer> out = new HashMap<>();
        if (score.parts().get("points") instanceof Map<?, ?> pts && pts.get("items") instanceof List<?> items) {
            for (Object o : items) {
                if (o instanceof Map<?, ?> m && m.get("points") instanceof Number n) {
                    out.put(String.valueOf(m.get("criterion")), n.intValue());
                }
            }
        }
        return out;
    }

    /** The table from row {@code top}: header, one row per criterion, filter, 回答 dropdown, print setup. */
    private static void table(XSSFWorkbook wb, WorkbookStyles st, Sheet s, int top, FrameworkReport v, List<WorkbookColumns.Column> columns,
                              Function<FrameworkReport.Row, String> remediation, boolean en) {
        List<WorkbookColumns.Column> cols = new ArrayList<>(columns);
        if (remediation != null) {
            cols.add(new WorkbookColumns.Column(en ? "Remediation (failing and undetermined checks)" : REMEDIATION_HEADER, 80, remediation));
        }
        Row header = s.createRow(top);
        int answerCol = -1;
        for (int i = 0; i < cols.size(); i++) {
            Cell c = header.createCell(i);
            c.setCellValue(cols.get(i).header());
            c.setCellStyle(st.header);
            s.setColumnWidth(i, cols.get(i).width() * 256);
            if (cols.get(i).header().equals(answerHeader(en))) {
                answerCol = i;
            }
        }
        int r = top + 1;
        for (FrameworkReport.Row row : v.rows()) {
            Row x = s.createRow(r++);
            for (int i = 0; i < cols.size(); i++) {
                Cell c = x.createCell(i);
                String value = clip(cols.get(i).value().apply(row));
                if (cols.get(i).numeric() && WHOLE_NUMBER.matcher(value).matches()) {
                    c.setCellValue(Long.parseLong(value));
                    c.setCellStyle(st.number);
                } else {
                    c.setCellValue(value);
                    c.setCellStyle(i == answerCol ? st.verdict(row.verdict()) : st.wrap);
                }
            }
        }
        s.createFreezePane(0, top + 1);
        if (r > top + 1) {
            s.setAutoFilter(new CellRangeAddress(top, r - 1, 0, cols.size() - 1));
            // the 回答 column keeps to the sheet's vocabulary when a supplier edits it
            DataValidationHelper dv = s.getDataValidationHelper();
            String[] choices = en ? Labels.ANSWER_CHOICES_EN : Labels.ANSWER_CHOICES;
            DataValidation validation = dv.createValidation(dv.createExplicitListConstraint(choices),
                    new CellRangeAddressList(top + 1, r - 1, answerCol, answerCol));
            // POI's XSSF inverts this flag: true writes showDropDown="0", which shows the in-cell arrow
            validation.setSuppressDropDownArrow(true);
            validation.setShowErrorBox(true);
            validation.createErrorBox(answerHeader(en), Labels.w(en, "一覧から選んでください: ", "Choose from the list: ") + String.join(" / ", choices));
            s.addValidationData(validation);
        }
        SheetLayout.print(wb, s, top, cols.size() - 1);
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,15}");

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL) + "…（以下省略）";
    }
}
