package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFPictureData;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.collector.web.WebClient.Upload;
import jp.akashi.probes.util.Hashes;

/**
 * The レポート設定 page against the real collector: admins only; logo uploads checked (a PNG kept;
 * SVG, a PNG named .jpg, a too-large file and a non-image refused with nothing stored); the company
 * and logo in the Excel workbook (read back with POI), the PDF and a snapshot's report.html (a data:
 * URI); an English workbook with English headers that the sheet import reads; a snapshot built
 * before a settings change keeps its files and its exports byte for byte and still verifies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportSettingsHttpTest {
    static final String COMPANY = "株式会社あかし工業";
    static TestCollector c;
    static String admin;
    static String auditor;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false, "akashi.export.company-name", "既定の会社"));
        admin = c.adminToken();
        auditor = c.userToken("audit1", "auditor");
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    static WebClient console() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x1f4e79));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static Page uploadLogo(WebClient w, String filename, String type, byte[] bytes) {
        w.get("/report-settings");
        return w.submitMultipart("/report-settings/logo", Map.of(), List.of(new Upload("logo", filename, type, bytes)));
    }

    /** A saved form answers 303 to the page, which says what was done. */
    static Page followed(WebClient w, Page r) {
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        String to = r.headers().firstValue("Location").orElseThrow();
        assertThat(to).startsWith("/report-settings?done=");
        return w.get(to);
    }

    static long logoAudits() {
        JsonNode log = c.get("/api/v1/audit-log?limit=200", admin).json();
        long n = 0;
        for (JsonNode e : log.path("entries")) {
            if (e.path("action").asText().startsWith("report-settings.logo")) {
                n++;
            }
        }
        return n;
    }

    static TestCollector.Response importDryRun(byte[] file) {
        String boundary = "----import" + System.nanoTime();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sheet.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.send("POST", "/api/v1/frameworks/kubota/import?dryRun=true", admin, b.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static String text(Sheet s) {
        StringBuilder sb = new StringBuilder();
        for (Row r : s) {
            r.forEach(x -> sb.append(x.toString()).append('\t'));
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    @Order(1)
    void onlyAdminsOpenTheSettingsAndTheDefaultsAreTheConfiguredCompany() {
        assertThat(c.get("/report-settings", auditor).status()).isEqualTo(403);
        assertThat(c.send("POST", "/report-settings", auditor, "company=x&language=en".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded")).status()).isIn(403);
        Page p = console().get("/report-settings");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("レポート設定").contains("既定の会社").contains("id=\"no-logo\"");
    }

    @Test
    @Order(2)
    void logoUploadsAreCheckedAndARefusedOneStoresNothing() throws Exception {
        WebClient w = console();
        long before = logoAudits();
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
        Page r = uploadLogo(w, "logo.svg", "image/svg+xml", svg);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("SVG");
        r = uploadLogo(w, "logo.png", "image/png", svg);
        assertThat(r.status()).as("an SVG named .png").isEqualTo(400);
        assertThat(r.body()).contains("PNG / JPEG の画像ではありません");
        r = uploadLogo(w, "logo.jpg", "image/jpeg", png(120, 40));
        assertThat(r.status()).as("a PNG renamed .jpg").isEqualTo(400);
        assertThat(r.body()).contains("ファイル名は JPEG ですが、内容が PNG の画像です");
        byte[] big = Arrays.copyOf(png(120, 40), 600 * 1024);
        r = uploadLogo(w, "logo.png", "image/png", big);
        assertThat(r.status()).as("over 512 KB").isEqualTo(400);
        assertThat(r.body()).contains("512 KB");
        r = uploadLogo(w, "logo.png", "image/png", "not an image at all".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as("a non-image").isEqualTo(400);
        byte[] cut = Arrays.copyOf(png(120, 40), 40);
        r = uploadLogo(w, "logo.png", "image/png", cut);
        assertThat(r.status()).as("a PNG cut short").isEqualTo(400);
        r = uploadLogo(w, "huge.png", "image/png", png(2400, 10));
        assertThat(r.status()).as("too wide").isEqualTo(400);
        assertThat(logoAudits()).as("nothing stored").isEqualTo(before);
        assertThat(w.get("/report-settings").body()).contains("id=\"no-logo\"");
    }

    /** A snapshot taken now with the configured defaults: its files and exports must survive the settings changes below. */
    static String oldSnapshot;
    static byte[] oldZip;
    static byte[] oldXlsx;

    @Test
    @Order(3)
    void aSnapshotBeforeTheChangeRecordsTheDefaults() throws Exception {
        JsonNode s = c.postJson("/api/v1/snapshots", admin, Map.of()).json();
        oldSnapshot = s.get("id").asText();
        oldZip = console().download("/api/v1/snapshots/" + oldSnapshot + "/download").body();
        WebClient.Download d = console().download("/snapshots/" + oldSnapshot + "/exports/kubota.xlsx");
        assertThat(d.status()).isEqualTo(200);
        oldXlsx = d.body();
        Map<String, byte[]> files = unzip(oldZip);
        assertThat(new String(files.get("data/report-settings.json"), StandardCharsets.UTF_8)).contains("既定の会社").contains("\"logo\" : null");
        assertThat(new String(files.get("snapshot.json"), StandardCharsets.UTF_8)).contains("reportSettings");
        assertThat(new String(files.get("report.html"), StandardCharsets.UTF_8)).contains("既定の会社").doesNotContain("data:image");
    }

    @Test
    @Order(4)
    void aPngLogoAndTheCompanyGoIntoExcelPdfAndTheSnapshotReport() throws Exception {
        WebClient w = console();
        byte[] logo = png(240, 80);
        Page r = followed(w, uploadLogo(w, "会社ロゴ.png", "image/png", logo));
        assertThat(r.body()).contains("ロゴを保存しました").contains("id=\"current-logo\"").contains("data:image/png;base64,");
        w.get("/report-settings");
        r = followed(w, w.submit("/report-settings", Map.of("company", COMPANY, "language", "ja", "framework", "kubota")));
        assertThat(r.body()).contains("レポート設定を保存しました").contains(COMPANY);
        String audit = c.get("/api/v1/audit-log?limit=50", admin).body();
        assertThat(audit).contains("report-settings.update").contains("report-settings.logo").contains(Hashes.sha256Hex(logo));

        r = w.submit("/report-settings", Map.of("company", "a\nb", "language", "ja"));
        assertThat(r.status()).as("a company over two lines").isEqualTo(400);
        r = w.submit("/report-settings", Map.of("company", COMPANY, "language", "fr"));
        assertThat(r.status()).as("an unknown language").isEqualTo(400);
        r = w.submit("/report-settings", Map.of("company", COMPANY, "language", "ja", "framework", "nosuch"));
        assertThat(r.status()).as("an unknown framework").isEqualTo(400);
        assertThat(w.get("/report-settings").body()).contains("value=\"" + COMPANY + "\"");

        WebClient.Download x = w.download("/exports/kubota.xlsx");
        assertThat(x.status()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body()))) {
            Sheet first = wb.getSheetAt(0);
            assertThat(first.getSheetName()).isEqualTo("概要");
            assertThat(text(first)).contains("会社名\t" + COMPANY);
            assertThat(text(wb.getSheetAt(1))).contains("会社名\t" + COMPANY);
            List<XSSFPictureData> pictures = wb.getAllPictures();
            assertThat(pictures).hasSize(1);
            assertThat(pictures.get(0).getData()).isEqualTo(logo);
            assertThat(((org.apache.poi.xssf.usermodel.XSSFSheet) first).getDrawingPatriarch().getShapes()).hasSize(1);
        }

        WebClient.Download pdf = w.download("/exports/kubota.pdf");
        // the test command installs the PDF fonts and poppler-utils (scripts/install-test-deps.sh): no skipping here
        assertThat(pdf.status()).as("PDF export").isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.body().length).as("the logo is embedded").isGreaterThan(logo.length);
        assertThat(PastExportHttpTest.pdfText(pdf.body())).contains(COMPANY);

        JsonNode s = c.postJson("/api/v1/snapshots", admin, Map.of()).json();
        Map<String, byte[]> files = unzip(w.download("/api/v1/snapshots/" + s.get("id").asText() + "/download").body());
        String html = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains(COMPANY).contains("src=\"data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(logo) + "\"");
        assertThat(html).as("the default frameworks only").contains("クボタ").doesNotContain("<h2>安全・安心マーク");
        assertThat(files.get("data/report-logo.png")).isEqualTo(logo);
        assertThat(new String(files.get("data/report-settings.json"), StandardCharsets.UTF_8)).contains(COMPANY).contains(Hashes.sha256Hex(logo));
        assertThat(files.keySet()).as("the data keeps every framework").anyMatch(n -> n.startsWith("data/frameworks/meti-scs/"));
    }

    @Test
    @Order(5)
    void theSnapshotBeforeTheChangeKeepsItsFilesAndExportsAndVerifies() throws Exception {
        WebClient w = console();
        assertThat(Hashes.sha256Hex(w.download("/api/v1/snapshots/" + oldSnapshot + "/download").body())).isEqualTo(Hashes.sha256Hex(oldZip));
        JsonNode v = c.get("/api/v1/snapshots/" + oldSnapshot + "?verify=true", auditor).json();
        assertThat(v.get("verification").get("ok").asBoolean()).as(v.toString()).isTrue();
        byte[] again = w.download("/snapshots/" + oldSnapshot + "/exports/kubota.xlsx").body();
        try (XSSFWorkbook a = new XSSFWorkbook(new ByteArrayInputStream(oldXlsx)); XSSFWorkbook b = new XSSFWorkbook(new ByteArrayInputStream(again))) {
            assertThat(text(b.getSheetAt(0))).isEqualTo(text(a.getSheetAt(0))).contains("既定の会社").doesNotContain(COMPANY);
            assertThat(b.getAllPictures()).as("no logo: the snapshot had none").isEmpty();
        }
    }

    @Test
    @Order(6)
    void anEnglishWorkbookHasEnglishHeadersAndIsReadBackByTheSheetImport() throws Exception {
        WebClient w = console();
        w.get("/report-settings");
        followed(w, w.submit("/report-settings", Map.of("company", COMPANY, "language", "en")));
        String pdf = PastExportHttpTest.pdfText(w.download("/exports/kubota.pdf").body());
        assertThat(pdf).contains("Company").contains(COMPANY).contains("Publisher").contains("Requirement").contains("Verdict")
                .doesNotContain("会社名").doesNotContain("評価報告書").doesNotContain("状況・理由");
        JsonNode snap = c.postJson("/api/v1/snapshots", admin, Map.of("note", "英語のレポート")).json();
        String html = new String(unzip(w.download("/api/v1/snapshots/" + snap.get("id").asText() + "/download").body()).get("report.html"),
                StandardCharsets.UTF_8);
        assertThat(html).contains("lang=\"en\"").contains("<h1>Compliance evidence snapshot</h1>").contains("<th>Snapshot ID</th>")
                .contains("<th>Company</th><td>" + COMPANY).contains("How to verify this snapshot").contains(">Verdict</th>")
                .as("a person's note stays as written").contains("英語のレポート")
                .doesNotContain("スナップショット ID").doesNotContain("検証方法").doesNotContain("状況・理由");
        byte[] xlsx = w.download("/exports/kubota.xlsx").body();
        byte[] filled;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Summary");
            String summary = text(wb.getSheetAt(0));
            assertThat(summary).contains("Company\t" + COMPANY).contains("Publisher").contains("Score\trequired ").contains("Required: 0/129 met").doesNotContain("発行者");
            Sheet s = wb.getSheetAt(1);
            int h = SheetImportHttpTest.headerRow(s);
            StringBuilder hb = new StringBuilder();
            s.getRow(h).forEach(x -> hb.append(x.getStringCellValue()).append('\t'));
            String header = hb.toString();
            assertThat(header).contains("No.\t").contains("Answer\t").contains("Comment\t").contains("Evidence (document name, location)")
                    .contains("Condition").doesNotContain("回答\t").doesNotContain("達成条件");
            assertThat(text(s)).as("criterion texts stay Japanese").contains("情報セキュリティ").contains("Unanswered");
            assertThat(text(s)).contains("Submitted by").contains("Company\t" + COMPANY);
            Map<String, Integer> cols = new HashMap<>();
            s.getRow(h).forEach(x -> cols.put(x.getStringCellValue(), x.getColumnIndex()));
            assertThat(s.getDataValidations().get(0).getValidationConstraint().getExplicitListValues())
                    .containsExactly("Yes", "No", "N/A", "Unanswered", "Expired (re-check)", "Unknown");
            String[] words = {"Yes", "No", "N/A"};
            int k = 0;
            for (int r = h + 1; r <= s.getLastRowNum() && k < 3; r++) {
                Row row = s.getRow(r);
                if ("1".equals(SheetImportHttpTest.number(row.getCell(cols.get("No.")))) || "2".equals(SheetImportHttpTest.number(row.getCell(cols.get("No."))))
                        || "3".equals(SheetImportHttpTest.number(row.getCell(cols.get("No."))))) {
                    row.getCell(cols.get("Answer")).setCellValue(words[k++]);
                    row.getCell(cols.get("Comment")).setCellValue("english sheet " + k);
                }
            }
            assertThat(k).isEqualTo(3);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            filled = out.toByteArray();
        }
        JsonNode p = importDryRun(filled).json();
        assertThat(p.get("counts").get("new").asInt()).as(p.toString()).isEqualTo(3);
        assertThat(p.get("counts").get("refused").asInt()).as(p.toString()).isZero();
        assertThat(SheetImportHttpTest.row(p, "kubota:1").get("status").asText()).isEqualTo("met");
        assertThat(SheetImportHttpTest.row(p, "kubota:2").get("status").asText()).isEqualTo("not_met");
        assertThat(SheetImportHttpTest.row(p, "kubota:3").get("status").asText()).isEqualTo("not_applicable");
        assertThat(p.get("noAnswer").asInt()).as("Unanswered rows are no answer").isGreaterThan(100);
        assertThat(p.get("sheetsNotRead").toString()).contains("Summary");
    }

    @Test
    @Order(7)
    void theViewersLanguageFollowsTheConsoleLanguageAndTheLogoCanBeRemoved() throws Exception {
        WebClient w = console();
        w.get("/report-settings");
        followed(w, w.submit("/report-settings", Map.of("company", "", "language", "viewer")));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(w.download("/exports/kubota.xlsx").body()))) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("概要");
            assertThat(text(wb.getSheetAt(0))).as("an empty company: the configured one").contains("会社名\t既定の会社");
        }
        w.setCookie(WebCookies.LANG, "en");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(w.download("/exports/kubota.xlsx").body()))) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Summary");
        }
        w.get("/report-settings");
        assertThat(followed(w, w.submit("/report-settings/logo/delete", Map.of())).body()).contains("Logo removed.").contains("id=\"no-logo\"");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(w.download("/exports/kubota.xlsx").body()))) {
            assertThat(wb.getAllPictures()).isEmpty();
        }
        assertThat(c.get("/api/v1/audit-log?limit=50", admin).body()).contains("report-settings.logo-removed");
    }
}
