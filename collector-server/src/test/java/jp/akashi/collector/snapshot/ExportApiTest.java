package jp.akashi.collector.snapshot;

import static jp.akashi.collector.snapshot.SnapshotTesting.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.export.Labels;
import jp.akashi.collector.testing.TestCollector;

/** Excel, PDF and CSV exports of the current state and of a snapshot, read back the way a person's tools would. */
class ExportApiTest {
    static TestCollector c;
    static String admin;
    static String auditor;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"));
        admin = c.adminToken();
        // a person with a display name: the workbooks' 提出者
        assertThat(c.postJson("/api/v1/users", admin, Map.of("username", "auditor-x", "displayName", "監査 花子", "role", "auditor",
                "password", "password-of-auditor-x")).status()).isEqualTo(201);
        auditor = c.login("auditor-x", "password-of-auditor-x");
        SnapshotTesting.seed(c, admin);
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static List<String> row(Sheet s, int r) {
        List<String> out = new ArrayList<>();
        Row row = s.getRow(r);
        for (int i = 0; i < row.getLastCellNum(); i++) {
            Cell cell = row.getCell(i);
            out.add(cell == null ? "" : new DataFormatter().formatCellValue(cell));
        }
        return out;
    }

    /** The table's header row, below the header block (会社名, 提出者, 提出日 …): the first row with a "No." cell. */
    static int headerRow(Sheet s) {
        for (int r = 0; r <= s.getLastRowNum(); r++) {
            if (s.getRow(r) != null && row(s, r).contains("No.")) {
                return r;
            }
        }
        throw new AssertionError("no table on " + s.getSheetName());
    }

    static String sheetText(Sheet s) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r <= s.getLastRowNum(); r++) {
            if (s.getRow(r) != null) {
                sb.append(String.join(" | ", row(s, r))).append('\n');
            }
        }
        return sb.toString();
    }

    /** The 回答 cell of criterion {@code number} on a version's sheet. */
    static String answerOf(byte[] xlsx, String sheet, String number) throws Exception {
        return cellOf(xlsx, sheet, number, "回答");
    }

    static String cellOf(byte[] xlsx, String sheet, String number, String column) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheet(sheet);
            int h = headerRow(s);
            List<String> header = row(s, h);
            int no = header.indexOf("No.");
            int answer = header.indexOf(column);
            for (int r = h + 1; r <= s.getLastRowNum(); r++) {
                if (row(s, r).get(no).equals(number)) {
                    return row(s, r).get(answer);
                }
            }
            throw new AssertionError("no row " + number + " on " + sheet);
        }
    }

    Map<String, String> verdicts(String framework, String version) {
        JsonNode comp = c.get("/api/v1/compliance/" + framework + "?version=" + version, admin).json();
        Map<String, String> m = new HashMap<>();
        comp.get("criteria").forEach(x -> m.put(x.get("number").asText(), x.get("verdict").asText()));
        return m;
    }

    /**
     * Every criterion of every version is on its sheet with the answer its verdict amounts to (a
     * version scored per application type: on each type's sheet).
     */
    void everyCriterionWithItsVerdict(byte[] xlsx, String framework) throws Exception {
        Catalog catalog = c.bean(Catalog.class);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("概要");
            for (FrameworkVersion v : catalog.framework(framework).orElseThrow().versions()) {
                List<String> sheets = v.scoring().applications() == null || v.scoring().applications().isEmpty() ? List.of(v.version())
                        : v.scoring().applications().keySet().stream().map(a -> v.version() + " " + Labels.application(a)).toList();
                Map<String, String> expected = verdicts(framework, v.version());
                for (String name : sheets) {
                    Sheet s = wb.getSheet(name);
                    assertThat(s).as(framework + " " + name).isNotNull();
                    assertThat(s.getPaneInformation().isFreezePane()).isTrue();
                    int h = headerRow(s);
                    List<String> header = row(s, h);
                    int no = header.indexOf("No.");
                    int answer = header.indexOf("回答");
                    Map<String, String> got = new HashMap<>();
                    for (int r = h + 1; r <= s.getLastRowNum(); r++) {
                        got.put(row(s, r).get(no), row(s, r).get(answer));
                    }
                    assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(v.criteria().stream().map(Criterion::number).toList());
                    expected.forEach((number, verdict) -> assertThat(got.get(number)).as(framework + " " + number)
                            .isEqualTo(Labels.answerColumn(verdict)));
                }
            }
        }
    }

    @Test
    void kubotaWorkbookIsShapedLikeTheSourceTable() throws Exception {
        SnapshotTesting.Bytes x = get(c, "/api/v1/exports/kubota.xlsx", auditor);
        assertThat(x.status()).as(x.text()).isEqualTo(200);
        assertThat(x.header("Content-Disposition")).contains("akashi-kubota-");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body()))) {
            Sheet s = wb.getSheet("2.0");
            int h = headerRow(s);
            assertThat(row(s, h).subList(0, 10)).containsExactly("ラベル", "目的", "要求事項", "No.", "回答対象", "達成条件", "達成基準",
                    "回答", "状況", "根拠");
            // the header block names the exporting person; no company is configured: a line to fill in
            assertThat(sheetText(s)).contains("提出者 | 監査 花子").contains("会社名 |  | ");
            List<String> first = row(s, h + 1);
            assertThat(first.get(0)).isEqualTo("1 方針");
            assertThat(first.get(3)).isEqualTo("1");
            assertThat(s.getRow(h + 1).getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.get(4)).isEqualTo("必須");
            assertThat(first.get(5)).isEqualTo("自社の情報セキュリティ対応方針(ポリシー)を策定している");
            assertThat(first.get(7)).isEqualTo("はい");
            assertThat(first.get(9)).contains("回答: 満たしている").contains("方針書あり");
            assertThat(s.getDataValidations()).singleElement().satisfies(dv ->
                    assertThat(dv.getValidationConstraint().getExplicitListValues()).contains("はい", "いいえ", "対象外"));
            assertThat(sheetText(wb.getSheet("概要"))).contains("クボタグループ").contains("必須").contains("任意").contains("未達の必須項目");
        }
        everyCriterionWithItsVerdict(x.body(), "kubota");
    }

    @Test
    void metiAndIspWorkbooksHoldEveryCriterion() throws Exception {
        SnapshotTesting.Bytes meti = get(c, "/api/v1/exports/meti-scs.xlsx", admin);
        assertThat(meti.status()).isEqualTo(200);
        everyCriterionWithItsVerdict(meti.body(), "meti-scs");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(meti.body()))) {
            List<String> header = row(wb.getSheet("2026-03-27"), headerRow(wb.getSheet("2026-03-27")));
            assertThat(header).containsSubsequence("大分類", "中分類", "要求事項", "No.", "★", "NIST CSF", "評価基準", "回答", "状況", "根拠");
        }
        SnapshotTesting.Bytes isp = get(c, "/api/v1/exports/jaipa-isp.xlsx", admin);
        assertThat(isp.status()).isEqualTo(200);
        everyCriterionWithItsVerdict(isp.body(), "jaipa-isp");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(isp.body()))) {
            Sheet checksheet = wb.getSheet("checksheet 新規申請");
            List<String> header = row(checksheet, headerRow(checksheet));
            assertThat(header).containsSubsequence("大項目", "中項目", "No.", "区分", "確認内容", "回答", "得点", "状況", "根拠");
            assertThat(sheetText(wb.getSheet("概要"))).contains("新規申請").contains("更新申請").contains("合格点 92");
        }
        assertThat(answerOf(isp.body(), "checksheet 新規申請", "1-1-1")).isEqualTo("はい");
        assertThat(cellOf(isp.body(), "2026-02-16 更新申請", "1-1-1", "根拠")).contains("証跡ファイル: セキュリティ ポリシー.pdf（SHA-256 ");
        assertThat(get(c, "/api/v1/exports/meti-scs.xlsx?version=2025", admin).status()).isEqualTo(200);
        assertThat(get(c, "/api/v1/exports/meti-scs.xlsx?version=1999", admin).status()).isEqualTo(404);
        assertThat(get(c, "/api/v1/exports/nist.xlsx", admin).status()).isEqualTo(404);
        assertThat(get(c, "/api/v1/exports/kubota.docx", admin).status()).isEqualTo(404);
    }

    @Test
    void pdfReportCarriesTheJapaneseCriterionTexts() throws Exception {
        String flat = pdfText("kubota");
        assertThat(flat).contains("クボタグループお取引先様向け情報セキュリティ対策基準2.0版")
                .contains("自社の情報セキュリティ対応方針(ポリシー)を策定している")
                .contains("退職や期間満了時には必要な機密情報、情報機器などを回収している")
                .contains("適合").contains("未回答").contains("必須");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"meti-scs", "jaipa-isp"})
    void everyFrameworksPdfCarriesItsNameAndCriterionTexts(String framework) throws Exception {
        String flat = pdfText(framework);
        jp.akashi.collector.catalog.FrameworkVersion v = c.bean(jp.akashi.collector.catalog.Catalog.class).latest(framework).orElseThrow();
        assertThat(flat).contains(v.name().ja().replaceAll("\\s+", ""));
        List<jp.akashi.collector.catalog.Criterion> texts = v.criteria().stream().filter(x -> !x.textMissing()).toList();
        // the first, a middle and the last criterion: the report runs through the whole catalog
        for (jp.akashi.collector.catalog.Criterion cr : List.of(texts.get(0), texts.get(texts.size() / 2), texts.get(texts.size() - 1))) {
            String start = cr.text().replaceAll("\\s+", "");
            assertThat(flat).as(cr.globalId()).contains(start.substring(0, Math.min(12, start.length())));
        }
    }

    /** The report's text as pdftotext reads it, whitespace removed (lines wrap anywhere in Japanese). */
    private String pdfText(String framework) throws Exception {
        SnapshotTesting.Bytes pdf = get(c, "/api/v1/exports/" + framework + ".pdf", auditor);
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Path file = Files.write(dir.resolve(framework + ".pdf"), pdf.body());
        Assumptions.assumeTrue(onPath("pdftotext"), "pdftotext (poppler-utils) is installed by scripts/install-test-deps.sh");
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return text.replaceAll("\\s+", "");
    }

    @Test
    void verdictsCsvHasEveryCheckResultAndTheSnapshotCopyMatchesIt() throws Exception {
        SnapshotTesting.Bytes csv = get(c, "/api/v1/exports/verdicts.csv", auditor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String text = csv.text();
        assertThat(text).startsWith("\uFEFF資産ID,資産名,ホスト名,チェックID,チェック名,判定,status,理由");
        long rows = text.lines().count() - 1;
        long stored = c.bean(jp.akashi.collector.store.Database.class)
                .read(h -> h.createQuery("SELECT COUNT(*) FROM check_results").mapTo(Long.class).one());
        assertThat(rows).isEqualTo(stored).isGreaterThan(10);
        assertThat(text).contains("snap-db-1").contains("av.installed").contains("不適合");

        JsonNode s = c.postJson("/api/v1/snapshots", admin, Map.of()).json();
        SnapshotTesting.Bytes fromSnapshot = get(c, "/api/v1/snapshots/" + s.get("id").asText() + "/exports/verdicts.csv", auditor);
        assertThat(fromSnapshot.status()).as(fromSnapshot.text()).isEqualTo(200);
        assertThat(fromSnapshot.text().lines().skip(1).sorted().toList()).isEqualTo(text.lines().skip(1).sorted().toList());
        SnapshotTesting.Bytes pdf = get(c, "/api/v1/snapshots/" + s.get("id").asText() + "/exports/jaipa-isp.pdf", auditor);
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        SnapshotTesting.Bytes metiFromSnapshot = get(c, "/api/v1/snapshots/" + s.get("id").asText() + "/exports/meti-scs.xlsx", auditor);
        everyCriterionWithItsVerdict(metiFromSnapshot.body(), "meti-scs");
    }

    static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
