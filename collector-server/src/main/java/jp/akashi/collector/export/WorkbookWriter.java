package jp.akashi.collector.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.evaluate.Score;

/**
 * A framework's self-assessment as an Excel workbook shaped like its source table: a 概要 sheet
 * with the scores, then one sheet per framework version whose columns are the source's own
 * (Kubota: ラベル, 目的, 要求事項, No., 回答対象, 達成条件, 達成基準; METI: 大分類, 中分類, 要求事項, No.,
 * ★, NIST CSF, 評価基準; 安全・安心マーク: 大項目, 中項目, No., 区分, 確認内容 …) followed by
 * 回答 / 状況 / 根拠. Columns come from the catalog data (group kinds and field names), so a new
 * version with the same structure needs no code.
 */
public final class WorkbookWriter {
    /** Excel refuses cells longer than 32,767 characters. */
    static final int MAX_CELL = 32_000;
    public static final String SUMMARY_SHEET = "概要";
    public static final String ANSWER_HEADER = "回答";

    private WorkbookWriter() {
    }

    private record Column(String header, int width, Function<FrameworkReport.Row, String> value) {
    }

    /** @param versions the versions of one framework, oldest first */
    public static void write(List<FrameworkReport> versions, OutputStream out, DisplayZone zone) throws IOException {
        write(versions, out, null, zone);
    }

    /** The optional column of {@code write(…, remediation)}. */
    static final String REMEDIATION_HEADER = "対処方法（不適合・判定不能のチェック）";

    /**
     * @param remediation when not null, a last column with what to do about each criterion's failing or
     *                    undecided checks
     * @param zone        the zone times are shown in
     */
    public static void write(List<FrameworkReport> versions, OutputStream out, Function<FrameworkReport.Row, String> remediation,
                             DisplayZone zone) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles st = new Styles(wb);
            FrameworkReport first = versions.get(0);
            Instant asOf = Instant.parse(first.asOf());
            wb.getProperties().getCoreProperties().setCreator("Akashi");
            wb.getProperties().getCoreProperties().setTitle(first.name());
            wb.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(asOf)));
            summary(wb, st, versions, zone);
            Set<String> used = new HashSet<>(Set.of(SUMMARY_SHEET));
            for (FrameworkReport v : versions) {
                versionSheet(wb, st, v, sheetName(v.version(), used), remediation, zone);
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

    private static void summary(XSSFWorkbook wb, Styles st, List<FrameworkReport> versions, DisplayZone zone) {
        Sheet s = wb.createSheet(SUMMARY_SHEET);
        s.setColumnWidth(0, 22 * 256);
        s.setColumnWidth(1, 100 * 256);
        FrameworkReport first = versions.get(0);
        int r = 0;
        Cell title = s.createRow(r++).createCell(0);
        title.setCellValue(first.name() + "　自己評価");
        title.setCellStyle(st.title);
        r = pair(s, st, r, "発行者", first.publisher());
        r = pair(s, st, r, "時点", Labels.time(first.asOf(), zone) + "（" + first.asOf() + "）");
        r = pair(s, st, r, "スナップショット", first.snapshotId() == null ? "（現在の状態から作成）" : first.snapshotId());
        for (FrameworkReport v : versions) {
            r++;
            Cell h = s.createRow(r++).createCell(0);
            h.setCellValue("版 " + v.version() + (v.sourceTitle() == null ? "" : "　" + v.sourceTitle()));
            h.setCellStyle(st.header);
            for (Score sc : v.scores()) {
                r = pair(s, st, r, "評価" + (Labels.application(sc.application()).isEmpty() ? "" : "（" + Labels.application(sc.application()) + "）"),
                        ScoreLines.headline(sc));
                for (String line : ScoreLines.details(sc)) {
                    r = pair(s, st, r, "", line.strip());
                }
            }
            StringBuilder counts = new StringBuilder();
            v.verdictCounts().forEach((k, n) -> counts.append(counts.length() == 0 ? "" : "、").append(Labels.verdict(k)).append(" ").append(n));
            r = pair(s, st, r, "評価基準 " + v.rows().size() + " 件", counts.toString());
        }
    }

    private static int pair(Sheet s, Styles st, int r, String k, String v) {
        Row row = s.createRow(r);
        Cell a = row.createCell(0);
        a.setCellValue(k);
        a.setCellStyle(st.label);
        Cell b = row.createCell(1);
        b.setCellValue(clip(v));
        b.setCellStyle(st.wrap);
        return r + 1;
    }

    private static void versionSheet(XSSFWorkbook wb, Styles st, FrameworkReport v, String name,
                                     Function<FrameworkReport.Row, String> remediation, DisplayZone zone) {
        Sheet s = wb.createSheet(name);
        List<Column> cols = new ArrayList<>(columns(v, zone));
        if (remediation != null) {
            cols.add(new Column(REMEDIATION_HEADER, 80, remediation));
        }
        Row header = s.createRow(0);
        for (int i = 0; i < cols.size(); i++) {
            Cell c = header.createCell(i);
            c.setCellValue(cols.get(i).header());
            c.setCellStyle(st.header);
            s.setColumnWidth(i, cols.get(i).width() * 256);
        }
        int answerCol = -1;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).header().equals(ANSWER_HEADER)) {
                answerCol = i;
            }
        }
        int r = 1;
        for (FrameworkReport.Row row : v.rows()) {
            Row x = s.createRow(r++);
            for (int i = 0; i < cols.size(); i++) {
                Cell c = x.createCell(i);
                c.setCellValue(clip(cols.get(i).value().apply(row)));
                c.setCellStyle(i == answerCol ? st.verdict(row.verdict()) : st.wrap);
            }
        }
        s.createFreezePane(0, 1);
        if (r > 1) {
            s.setAutoFilter(new CellRangeAddress(0, r - 1, 0, cols.size() - 1));
            // the 回答 column keeps to the sheet's vocabulary when a supplier edits it
            DataValidationHelper dv = s.getDataValidationHelper();
            DataValidation validation = dv.createValidation(dv.createExplicitListConstraint(Labels.ANSWER_CHOICES),
                    new CellRangeAddressList(1, r - 1, answerCol, answerCol));
            validation.setShowErrorBox(true);
            s.addValidationData(validation);
        }
    }

    /** The source's columns (from the data), then the answer columns. */
    private static List<Column> columns(FrameworkReport v, DisplayZone zone) {
        List<Column> cols = new ArrayList<>();
        // group kinds in the order they nest, and the group fields worth a column (not a repeat of the title)
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        Set<String> criterionFields = new LinkedHashSet<>();
        for (FrameworkReport.Row row : v.rows()) {
            for (FrameworkReport.PathItem p : row.path()) {
                Set<String> fields = kinds.computeIfAbsent(p.kind(), k -> new LinkedHashSet<>());
                p.fields().forEach((k, val) -> {
                    if (val != null && !val.isBlank() && !val.equals(p.title())) {
                        fields.add(k);
                    }
                });
            }
            criterionFields.addAll(row.fields().keySet());
        }
        Set<String> placed = new HashSet<>();
        for (Map.Entry<String, Set<String>> k : kinds.entrySet()) {
            String kind = k.getKey();
            cols.add(new Column(kind, 20, row -> row.path().stream().filter(p -> p.kind().equals(kind)).map(FrameworkReport.PathItem::label)
                    .findFirst().orElse("")));
            for (String field : k.getValue()) {
                if (placed.add(field)) {
                    // METI's 要求事項 groups carry a field named like their kind: the requirement's own text
                    String header = kinds.containsKey(field) ? field + "（内容）" : field;
                    cols.add(new Column(header, 36, row -> groupField(row, field)));
                }
            }
        }
        cols.add(new Column("No.", 9, FrameworkReport.Row::number));
        String textHeader;
        switch (v.scoringKind()) {
            case "meti-levels" -> {
                cols.add(new Column("★", 6, r -> r.level() == null ? "不明" : "★" + r.level()));
                cols.add(new Column("NIST CSF", 9, r -> r.nistCsf() == null ? "" : r.nistCsf()));
                textHeader = "評価基準";
            }
            case "required-optional" -> {
                cols.add(new Column("回答対象", 9, r -> r.required() == null ? "" : r.required() ? "必須" : "任意"));
                textHeader = "達成条件";
            }
            default -> {
                cols.add(new Column("区分", 12, r -> r.maxPoints() != null
                        ? r.maxPoints() + "点" + ("graded".equals(r.scoring()) ? "（段階評価）" : "") : Boolean.TRUE.equals(r.required()) ? "必須" : ""));
                textHeader = "確認内容";
            }
        }
        cols.add(new Column(textHeader, 50, RowText::requirement));
        for (String f : criterionFields) {
            cols.add(new Column(f, 45, row -> row.fields().getOrDefault(f, "")));
        }
        cols.add(new Column(ANSWER_HEADER, 13, r -> Labels.answerColumn(r.verdict())));
        if ("points".equals(v.scoringKind())) {
            cols.add(new Column("得点", 8, r -> r.maxPoints() == null ? "" : r.points() == null ? "" : String.valueOf(r.points())));
        }
        cols.add(new Column("状況", 45, r -> String.join("\n", RowText.status(r, zone))));
        cols.add(new Column("根拠", 70, r -> String.join("\n", RowText.evidence(r, zone))));
        cols.add(new Column("判定方法", 14, r -> Labels.evidence(r.evidence())
                + (r.checks().isEmpty() ? "" : "\n" + String.join("\n", r.checks()))));
        return cols;
    }

    /** A group field of the criterion's path; the innermost group that has it wins (Kubota puts some 目的 on 要求事項). */
    private static String groupField(FrameworkReport.Row row, String field) {
        String v = "";
        for (FrameworkReport.PathItem p : row.path()) {
            String x = p.fields().get(field);
            if (x != null && !x.isBlank()) {
                v = x;
            }
        }
        return v;
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL) + "…（以下省略）";
    }

    /** Cell styles, made once per workbook (Excel limits their number). */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle label;
        final CellStyle wrap;
        final Map<String, CellStyle> verdicts = new LinkedHashMap<>();

        Styles(XSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = wb.createCellStyle();
            title.setFont(big);
            header = bordered(wb);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setAlignment(HorizontalAlignment.CENTER);
            label = bordered(wb);
            label.setFont(bold);
            wrap = bordered(wb);
            Map<String, IndexedColors> colors = Map.of("met", IndexedColors.LIGHT_GREEN, "not_met", IndexedColors.ROSE,
                    "unanswered", IndexedColors.LIGHT_YELLOW, "expired", IndexedColors.LIGHT_ORANGE,
                    "unknown", IndexedColors.GREY_25_PERCENT, "not_applicable", IndexedColors.WHITE);
            colors.forEach((k, c) -> {
                CellStyle s = bordered(wb);
                s.setFont(bold);
                s.setFillForegroundColor(c.getIndex());
                s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                verdicts.put(k, s);
            });
        }

        CellStyle verdict(String wire) {
            return verdicts.getOrDefault(wire, verdicts.get("unknown"));
        }

        private static CellStyle bordered(XSSFWorkbook wb) {
            CellStyle s = wb.createCellStyle();
            s.setWrapText(true);
            s.setVerticalAlignment(VerticalAlignment.TOP);
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
            return s;
        }
    }
}
