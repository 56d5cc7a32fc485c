package jp.akashi.collector.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.CatalogLoader;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.config.DisplayZone;

/**
 * The workbooks as a Japanese customer receives them, opened with POI: Kubota's source columns A–G
 * then the answers, numeric No. cells, a Japanese font everywhere, print setup, the header block
 * (会社名・提出者・提出日), the 回答 dropdown; 安全・安心マーク one sheet per application type with
 * its own texts and point totals, and the pass rule on the first sheet.
 */
class WorkbookWriterTest {
    static final Set<String> JAPANESE_FONTS = Set.of("游ゴシック", "Yu Gothic", "メイリオ", "Meiryo");
    static final long AS_OF = Instant.parse("2026-11-20T01:00:00Z").toEpochMilli();
    static final WorkbookWriter.Submission SUBMISSION = new WorkbookWriter.Submission("株式会社サンプル製作所", "山田 太郎", "2026-11-20");
    static Catalog catalog;

    @BeforeAll
    static void load() {
        catalog = Catalog.of(CatalogLoader.fromClasspath().load());
    }

    static XSSFWorkbook workbook(String framework, WorkbookWriter.Submission submission) throws Exception {
        List<FrameworkReport> reports = new ArrayList<>();
        for (FrameworkVersion v : catalog.framework(framework).orElseThrow().versions()) {
            reports.add(FrameworkReports.build(catalog, v, Map.of(), Map.of(), id -> null, FrameworkReports.BY_HASH, AS_OF, null));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookWriter.write(reports, out, null, submission, DisplayZone.standard());
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    static String text(Cell c) {
        return c == null ? "" : new DataFormatter().formatCellValue(c);
    }

    static List<String> row(Sheet s, int r) {
        List<String> out = new ArrayList<>();
        Row row = s.getRow(r);
        if (row != null) {
            for (int i = 0; i < row.getLastCellNum(); i++) {
                out.add(text(row.getCell(i)));
            }
        }
        return out;
    }

    /** The table's header row: the first row with a "No." cell. */
    static int headerRow(Sheet s) {
        for (int r = 0; r <= s.getLastRowNum(); r++) {
            if (row(s, r).contains("No.")) {
                return r;
            }
        }
        throw new AssertionError("no header row on " + s.getSheetName());
    }

    /** The value beside the label {@code label} in the header block above the table. */
    static Cell beside(Sheet s, String label) {
        for (int r = 0; r < headerRow(s); r++) {
            Row row = s.getRow(r);
            if (row != null && text(row.getCell(0)).equals(label)) {
                return row.getCell(1);
            }
        }
        throw new AssertionError("no " + label + " above the table of " + s.getSheetName());
    }

    static String sheetText(Sheet s) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r <= s.getLastRowNum(); r++) {
            sb.append(String.join(" | ", row(s, r))).append('\n');
        }
        return sb.toString();
    }

    @Test
    void kubotaKeepsTheSourceColumnsAToGAndAddsTheAnswerColumnsAfterThem() throws Exception {
        try (XSSFWorkbook wb = workbook("kubota", SUBMISSION)) {
            Sheet s = wb.getSheet("2.0");
            List<String> header = row(s, headerRow(s));
            assertThat(header.subList(0, 7)).containsExactly("ラベル", "目的", "要求事項", "No.", "回答対象", "達成条件", "達成基準");
            assertThat(header.subList(7, 10)).containsExactly("回答", "状況", "根拠");
        }
    }

    @Test
    void numericNumbersAreNumericCells() throws Exception {
        try (XSSFWorkbook wb = workbook("kubota", SUBMISSION)) {
            Sheet s = wb.getSheet("2.0");
            int h = headerRow(s);
            List<Integer> numbers = new ArrayList<>();
            for (int r = h + 1; r <= s.getLastRowNum(); r++) {
                Cell no = s.getRow(r).getCell(3);
                assertThat(no.getCellType()).as("No. on row %d", r + 1).isEqualTo(CellType.NUMERIC);
                numbers.add((int) no.getNumericCellValue());
            }
            assertThat(numbers).hasSize(153).startsWith(1, 2, 3).endsWith(153);
        }
        try (XSSFWorkbook wb = workbook("meti-scs", SUBMISSION)) {
            Sheet s = wb.getSheet("2026-03-27");
            int h = headerRow(s);
            int no = row(s, h).indexOf("No.");
            assertThat(s.getRow(h + 1).getCell(no).getCellType()).as("4-4-5-1 style numbers stay text").isEqualTo(CellType.STRING);
        }
    }

    @Test
    void everyCellStyleOfEveryWorkbookUsesAJapaneseFont() throws Exception {
        for (String framework : List.of("kubota", "meti-scs", "jaipa-isp")) {
            try (XSSFWorkbook wb = workbook(framework, SUBMISSION)) {
                for (int i = 0; i < wb.getNumCellStyles(); i++) {
                    String font = wb.getFontAt(wb.getCellStyleAt(i).getFontIndex()).getFontName();
                    assertThat(JAPANESE_FONTS).as("%s style %d font %s", framework, i, font).contains(font);
                }
                for (int i = 0; i < wb.getNumberOfFonts(); i++) {
                    assertThat(JAPANESE_FONTS).as("%s font %d", framework, i).contains(wb.getFontAt(i).getFontName());
                }
            }
        }
    }

    @Test
    void everySheetPrintsLandscapeOnePageWideWithItsTitleRowsRepeated() throws Exception {
        for (String framework : List.of("kubota", "jaipa-isp")) {
            try (XSSFWorkbook wb = workbook(framework, SUBMISSION)) {
                for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                    Sheet s = wb.getSheetAt(i);
                    String what = framework + " " + s.getSheetName();
                    assertThat(wb.getPrintArea(i)).as(what).isNotBlank().contains("$A$1");
                    assertThat(s.getPrintSetup().getLandscape()).as(what).isTrue();
                    assertThat(s.getFitToPage()).as(what).isTrue();
                    assertThat(s.getPrintSetup().getFitWidth()).as(what).isEqualTo((short) 1);
                    assertThat(s.getPrintSetup().getFitHeight()).as(what + ": as many pages tall as needed").isEqualTo((short) 0);
                    if (i > 0) {
                        int h = headerRow(s);
                        assertThat(s.getRepeatingRows()).as(what).isEqualTo(new CellRangeAddress(h, h, -1, -1));
                        String area = wb.getPrintArea(i);
                        assertThat(area).as(what).endsWith("$" + (s.getLastRowNum() + 1));
                    }
                }
            }
        }
    }

    @Test
    void theHeaderBlockNamesTheCompanyTheSubmitterAndTheDate() throws Exception {
        try (XSSFWorkbook wb = workbook("kubota", SUBMISSION)) {
            Sheet s = wb.getSheet("2.0");
            assertThat(text(beside(s, "会社名"))).isEqualTo("株式会社サンプル製作所");
            assertThat(text(beside(s, "提出者"))).isEqualTo("山田 太郎");
            assertThat(text(beside(s, "提出日"))).isEqualTo("2026-11-20");
            assertThat(text(s.getRow(0).getCell(0))).contains("クボタグループ");
        }
        try (XSSFWorkbook wb = workbook("kubota", new WorkbookWriter.Submission(null, null, "2026-11-20"))) {
            Sheet s = wb.getSheet("2.0");
            for (String label : List.of("会社名", "提出者")) {
                Cell blank = beside(s, label);
                assertThat(text(blank)).as(label).isEmpty();
                assertThat(blank.getCellStyle().getBorderBottom()).as(label + ": a line to write on").isEqualTo(BorderStyle.THIN);
            }
        }
    }

    @Test
    void theAnswerColumnHasADropDownOfTheAllowedAnswers() throws Exception {
        try (XSSFWorkbook wb = workbook("kubota", SUBMISSION)) {
            Sheet s = wb.getSheet("2.0");
            int h = headerRow(s);
            int answer = row(s, h).indexOf("回答");
            assertThat(answer).isEqualTo(7);
            List<? extends DataValidation> dvs = s.getDataValidations();
            assertThat(dvs).singleElement().satisfies(dv -> {
                assertThat(dv.getValidationConstraint().getExplicitListValues()).contains("はい", "いいえ", "対象外");
                assertThat(dv.getRegions().getCellRangeAddresses())
                        .containsExactly(new CellRangeAddress(h + 1, s.getLastRowNum(), answer, answer));
                // OOXML's showDropDown="1" hides the in-cell arrow
            });
            assertThat(((XSSFSheet) s).getCTWorksheet().getDataValidations().getDataValidationArray(0).getShowDropDown())
                    .as("the arrow shows").isFalse();
        }
    }

    @Test
    void ispHasOneSheetPerApplicationTypeWithItsOwnTextsAndPointTotals() throws Exception {
        try (XSSFWorkbook wb = workbook("jaipa-isp", SUBMISSION)) {
            Sheet newApp = wb.getSheet("2026-02-16 新規申請");
            Sheet renewal = wb.getSheet("2026-02-16 更新申請");
            assertThat(newApp).isNotNull();
            assertThat(renewal).isNotNull();
            assertThat(wb.getSheet("checksheet 新規申請")).isNotNull();
            assertThat(wb.getSheet("2026-02-16")).as("no sheet mixing both application types").isNull();

            assertThat(beside(newApp, "配点合計（この表の項目）").getNumericCellValue()).isEqualTo(127);
            assertThat(beside(renewal, "配点合計（この表の項目）").getNumericCellValue()).isEqualTo(122);
            assertThat(text(beside(newApp, "合格基準（協議会の公表値）"))).contains("必須 29 項目").contains("推奨 119 点中 92 点以上");
            assertThat(text(beside(renewal, "合格基準（協議会の公表値）"))).contains("必須 30 項目").contains("推奨 114 点中 88 点以上");
            assertThat(sheetText(newApp)).doesNotContain("114 点").doesNotContain("122");
            assertThat(sheetText(renewal)).doesNotContain("119 点").doesNotContain("127");

            for (Sheet s : List.of(newApp, renewal)) {
                assertThat(row(s, headerRow(s))).noneMatch(h -> h.contains("変更前"))
                        .containsSubsequence("大項目", "中項目", "No.", "区分", "確認内容", "回答文", "回答", "得点", "状況", "根拠");
            }
            assertThat(cell(newApp, "1-1-2", "区分")).isEqualTo("5点");
            assertThat(cell(renewal, "1-1-2", "区分")).isEqualTo("必須");
            assertThat(cell(newApp, "1-1-1", "確認内容")).startsWith("以下の内容が盛り込まれた").doesNotContain("【");
            assertThat(cell(renewal, "1-1-1", "確認内容")).startsWith("貴社ネットワークは").doesNotContain("【");
            assertThat(cell(renewal, "1-1-1", "回答文")).startsWith("□以下の内容が盛り込まれたセキュリティポリシーに則って");
            assertThat(cell(newApp, "2-1-4", "区分")).isEqualTo("配点未公表");

            Sheet before = wb.getSheet("2026-02-16 変更前（参考）");
            assertThat(wb.getSheetIndex(before)).as("the texts before the change come after the current ones")
                    .isGreaterThan(wb.getSheetIndex(renewal));
            assertThat(sheetText(before)).contains("1-1-1 | 変更前 新規申請 質問 | 以下の内容が盛り込まれた");
            assertThat(cell(renewal, "1-1-2", "状況")).as("points are in 得点, not said with another type's maximum")
                    .doesNotContain("得点");

            String summary = sheetText(wb.getSheet("概要"));
            assertThat(summary).contains("合格基準").contains("新規申請: 必須 29 項目すべてを満たし、推奨 119 点中 92 点以上")
                    .contains("更新申請: 必須 30 項目すべてを満たし、推奨 114 点中 88 点以上")
                    .contains("7-1-1, 7-1-2, 7-1-3").contains("0点");
            assertThat(summary).as("the check sheet states no threshold").contains("新規申請: 必須 25 項目すべてを満たすこと、推奨 122 点（合格点の記載なし）。");
        }
    }

    static String cell(Sheet s, String number, String column) {
        int h = headerRow(s);
        List<String> header = row(s, h);
        for (int r = h + 1; r <= s.getLastRowNum(); r++) {
            List<String> x = row(s, r);
            if (x.get(header.indexOf("No.")).equals(number)) {
                return x.get(header.indexOf(column));
            }
        }
        throw new AssertionError("no " + number + " on " + s.getSheetName());
    }
}
