package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.api.ApiBodyShapeTest;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.collector.web.WebClient.Upload;

/**
 * Importing filled-in sheets through the real collector: the Kubota workbook exported by the
 * collector, filled in with POI and imported with a preview (API and console); an unchanged
 * re-import changes nothing; a customer's own layout and a METI ★3 sheet found by header names;
 * macro, external-link, huge, zip-bomb, garbage, encrypted and Word files refused with nothing
 * stored; a confirmation after a concurrent change is 409 with nothing stored.
 */
class SheetImportHttpTest {
    static final String ANSWER = "回答";
    static final String COMMENT = "コメント";
    static final String EVIDENCE = "証跡（資料名・保管場所）";
    static TestCollector c;
    static String admin;
    static String security;
    static String auditor;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
        admin = c.adminToken();
        security = c.userToken("sato", "security");
        auditor = c.userToken("audit1", "auditor");
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    // ---- helpers ----

    static WebClient console() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    static byte[] export(String framework) {
        WebClient.Download d = console().download("/exports/" + framework + ".xlsx");
        assertThat(d.status()).isEqualTo(200);
        return d.body();
    }

    /** Writes answer / comment / evidence into the rows of the given No. on {@code sheet} (null: left as it is). */
    static byte[] fill(byte[] xlsx, String sheet, Map<String, String[]> byNumber) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheet(sheet);
            int h = headerRow(s);
            Map<String, Integer> cols = new LinkedHashMap<>();
            for (Cell x : s.getRow(h)) {
                cols.put(x.getStringCellValue(), x.getColumnIndex());
            }
            for (int r = h + 1; r <= s.getLastRowNum(); r++) {
                Row row = s.getRow(r);
                String no = number(row.getCell(cols.get("No.")));
                String[] v = byNumber.get(no);
                if (v == null) {
                    continue;
                }
                String[] headers = {ANSWER, COMMENT, EVIDENCE};
                for (int i = 0; i < v.length; i++) {
                    if (v[i] != null) {
                        row.getCell(cols.get(headers[i])).setCellValue(v[i]);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    static int headerRow(Sheet s) {
        for (int r = 0; r <= s.getLastRowNum(); r++) {
            Row row = s.getRow(r);
            if (row != null && row.getCell(0) != null) {
                for (Cell x : row) {
                    if ("No.".equals(x.toString())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no header row");
    }

    static String number(Cell x) {
        if (x == null) {
            return "";
        }
        return switch (x.getCellType()) {
            case NUMERIC -> String.valueOf((long) x.getNumericCellValue());
            default -> x.toString();
        };
    }

    static Response importApi(String token, String framework, byte[] file, String query) {
        String boundary = "----import" + System.nanoTime();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sheet.xlsx\"\r\n"
                + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.send("POST", "/api/v1/frameworks/" + framework + "/import" + query, token, b.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    static JsonNode row(JsonNode preview, String criterion) {
        for (JsonNode r : preview.get("rows")) {
            if (criterion.equals(r.path("criterion").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row of " + criterion + " in " + preview);
    }

    static JsonNode answers(String criterion) {
        return c.get("/api/v1/criteria/" + criterion + "/answers", admin).json();
    }

    static byte[] workbook(java.util.function.Consumer<XSSFWorkbook> build) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            build.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    static void cells(Sheet s, int r, Object... values) {
        Row row = s.createRow(r);
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else if (values[i] != null) {
                row.createCell(i).setCellValue(values[i].toString());
            }
        }
    }

    /** The ZIP package with one more entry (a part a workbook must not have). */
    static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                z.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(z);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    /** The workbook encrypted with a password, as Excel's 「パスワードを使用して暗号化」 does (agile encryption in an OLE2 file). */
    static byte[] encrypted(byte[] xlsx) throws Exception {
        org.apache.poi.poifs.crypt.EncryptionInfo info = new org.apache.poi.poifs.crypt.EncryptionInfo(
                org.apache.poi.poifs.crypt.EncryptionMode.agile);
        org.apache.poi.poifs.crypt.Encryptor enc = info.getEncryptor();
        enc.confirmPassword("himitsu");
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            try (java.io.OutputStream os = enc.getDataStream(fs)) {
                os.write(xlsx);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    /** A simple sheet answering Kubota No. 20 (the row the refused files carry). */
    static byte[] answering20() throws IOException {
        return workbook(wb -> {
            Sheet s = wb.createSheet("回答");
            cells(s, 0, "No.", "回答");
            cells(s, 1, 20, "はい");
        });
    }

    // ---- tests ----

    @Test
    void kubotaSheetExportedFilledInWithPoiAndImportedWithAPreview() throws Exception {
        byte[] sheet = fill(export("kubota"), "2.0", Map.of(
                "1", new String[]{"はい", "方針は2026年4月に取締役会で承認", "ISMS/01_情報セキュリティ方針.pdf"},
                "2", new String[]{"いいえ", null, null},
                "3", new String[]{"一部", "周知は役員のみ", null},
                "4", new String[]{"たぶん", null, null}));
        // No. 5: a formula whose saved value is 該当なし — read as saved, never calculated
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
            Sheet s = wb.getSheet("2.0");
            int h = headerRow(s);
            int answerCol = -1;
            for (Cell x : s.getRow(h)) {
                if (ANSWER.equals(x.getStringCellValue())) {
                    answerCol = x.getColumnIndex();
                }
            }
            for (int r = h + 1; r <= s.getLastRowNum(); r++) {
                if ("5".equals(number(s.getRow(r).getCell(headerNo(s, h))))) {
                    Cell f = s.getRow(r).getCell(answerCol);
                    f.setCellFormula("IF(1=1,\"はい\",\"いいえ\")");
                    f.setCellValue("該当なし");
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            sheet = out.toByteArray();
        }

        assertThat(importApi(auditor, "kubota", sheet, "?dryRun=true").status()).as("auditors do not import").isEqualTo(403);
        Response dry = importApi(security, "kubota", sheet, "?dryRun=true");
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        JsonNode p = dry.json();
        assertThat(p.get("dryRun").asBoolean()).isTrue();
        assertThat(p.get("sheetsRead").toString()).contains("2.0");
        assertThat(row(p, "kubota:1").get("kind").asText()).isEqualTo("new");
        assertThat(row(p, "kubota:1").get("status").asText()).isEqualTo("met");
        assertThat(row(p, "kubota:1").get("comment").asText()).isEqualTo("方針は2026年4月に取締役会で承認\n証跡: ISMS/01_情報セキュリティ方針.pdf");
        assertThat(row(p, "kubota:1").get("cell").asText()).matches("'2\\.0'!H[0-9]+");
        assertThat(row(p, "kubota:2").get("status").asText()).isEqualTo("not_met");
        assertThat(row(p, "kubota:3").get("status").asText()).as("一部 is not met").isEqualTo("not_met");
        assertThat(row(p, "kubota:3").get("comment").asText()).isEqualTo("シートの回答: 一部\n周知は役員のみ");
        assertThat(row(p, "kubota:4").get("kind").asText()).isEqualTo("refused");
        assertThat(row(p, "kubota:4").get("reasonJa").asText()).contains("たぶん");
        assertThat(row(p, "kubota:5").get("status").asText()).as("the formula's saved value").isEqualTo("not_applicable");
        assertThat(p.get("counts").get("new").asInt()).isEqualTo(4);
        assertThat(p.get("counts").get("refused").asInt()).isEqualTo(1);
        assertThat(p.get("noAnswer").asInt()).as("the export's 未回答 rows").isGreaterThan(100);
        assertThat(answers("kubota:1")).as("a preview stores nothing").isEmpty();

        Response done = importApi(security, "kubota", sheet, "?dryRun=false&basis=" + p.get("basis").asText());
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("written")).hasSize(4);
        // the bodies' shapes (names, order, nulls written; ImportController.ImportView, issue #17 §4): preview, a refused row, import
        // (a sheet not read was a Map.of before, its two fields in no fixed order)
        assertThat(ApiBodyShapeTest.shape(p)).isEqualTo("{framework,version,filename,sha256,dryRun,counts{new,changed,unchanged,refused},noAnswer,sheetsRead[_],sheetsNotRead{概要{reason,reasonJa}},basis,rows[{kind,criterion,id,cell,answer,status,comment,current=null,reason=null,reasonJa=null}]}");
        assertThat(ApiBodyShapeTest.shape(row(p, "kubota:4"))).isEqualTo("{kind,criterion,id,cell,answer,status=null,comment=null,current=null,reason,reasonJa}");
        assertThat(ApiBodyShapeTest.shape(done.json())).isEqualTo("{framework,version,filename,sha256,dryRun,counts{new,changed,unchanged,refused},noAnswer,sheetsRead[_],sheetsNotRead{概要{reason,reasonJa}},basis,rows[{kind,criterion,id,cell,answer,status,comment,current=null,reason=null,reasonJa=null}],written[_]}");
        JsonNode a1 = answers("kubota:1").get(0);
        assertThat(a1.get("answeredBy").asText()).isEqualTo("sato");
        assertThat(a1.get("status").asText()).isEqualTo("met");
        assertThat(a1.get("comment").asText()).endsWith("証跡: ISMS/01_情報セキュリティ方針.pdf");
        assertThat(answers("kubota:4")).as("the refused row").isEmpty();
        assertThat(answers("kubota:5").get(0).get("status").asText()).isEqualTo("not_applicable");
        String audit = c.get("/api/v1/audit-log?limit=20", admin).body();
        assertThat(audit).contains("answer.import").contains(p.get("sha256").asText());

        // exported again, left as it is and imported: nothing changes; the comment and the evidence are in their own columns
        byte[] again = export("kubota");
        assertThat(cellOf(again, "2.0", "1", COMMENT)).isEqualTo("方針は2026年4月に取締役会で承認");
        assertThat(cellOf(again, "2.0", "1", EVIDENCE)).isEqualTo("ISMS/01_情報セキュリティ方針.pdf");
        JsonNode same = importApi(security, "kubota", again, "").json();
        assertThat(row(same, "kubota:1").get("kind").asText()).isEqualTo("unchanged");
        assertThat(row(same, "kubota:3").get("kind").asText()).isEqualTo("unchanged");
        assertThat(same.get("counts").get("new").asInt() + same.get("counts").get("changed").asInt()).as(same.toString()).isZero();
    }

    static String cellOf(byte[] xlsx, String sheet, String no, String column) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheet(sheet);
            int h = headerRow(s);
            int col = -1;
            for (Cell x : s.getRow(h)) {
                if (column.equals(x.toString())) {
                    col = x.getColumnIndex();
                }
            }
            for (int r = h + 1; r <= s.getLastRowNum(); r++) {
                if (no.equals(number(s.getRow(r).getCell(headerNo(s, h))))) {
                    return s.getRow(r).getCell(col).toString();
                }
            }
            throw new AssertionError("no row " + no);
        }
    }

    private static int headerNo(Sheet s, int h) {
        for (Cell x : s.getRow(h)) {
            if ("No.".equals(x.toString())) {
                return x.getColumnIndex();
            }
        }
        throw new AssertionError();
    }

    @Test
    void theConsoleShowsThePreviewAndStoresThePreviewedFile() throws Exception {
        byte[] sheet = fill(export("kubota"), "2.0", Map.of("30", new String[]{"はい", "年1回棚卸し", null},
                "31", new String[]{"×", null, null}));
        WebClient w = console();
        Page form = w.get("/frameworks/kubota/import");
        assertThat(form.status()).isEqualTo(200);
        Page preview = w.submitMultipart("/frameworks/kubota/import", Map.of(),
                List.of(new Upload("file", "kubota.xlsx", "application/octet-stream", sheet)));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains("import-row-new").contains("年1回棚卸し").contains("id=\"count-new\">2<");
        assertThat(answers("kubota:30")).as("nothing stored by the preview").isEmpty();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("action=\"(/frameworks/kubota/import/[0-9a-f]+)\"").matcher(preview.body());
        assertThat(m.find()).isTrue();
        String confirm = m.group(1);

        Seed.user(c, "suzuki", "security", "suzuki-password-1");
        WebClient other = WebClient.loggedIn(c, "suzuki", "suzuki-password-1");
        other.get("/frameworks/kubota/import");
        assertThat(other.submit(confirm, Map.of()).status()).as("a preview is bound to the user who uploaded it").isEqualTo(410);
        assertThat(answers("kubota:30")).isEmpty();
        Page ok = w.submit(confirm, Map.of());
        assertThat(ok.status()).as(ok.body()).isEqualTo(303);
        assertThat(ok.location()).isEqualTo("/frameworks/kubota/import?stored=2");
        assertThat(answers("kubota:30").get(0).get("answeredBy").asText()).isEqualTo("admin");
        assertThat(answers("kubota:31").get(0).get("status").asText()).isEqualTo("not_met");
        assertThat(w.get(ok.location()).body()).contains("2 件の回答を取り込みました");
        assertThat(w.submit(confirm, Map.of()).status()).as("a preview is confirmed once").isEqualTo(410);
    }

    @Test
    void aConfirmationAfterAConcurrentChangeIs409AndStoresNothing() throws Exception {
        byte[] sheet = fill(export("kubota"), "2.0", Map.of("40", new String[]{"はい", null, null}, "41", new String[]{"はい", null, null}));
        JsonNode p = importApi(admin, "kubota", sheet, "?dryRun=true").json();
        assertThat(c.postJson("/api/v1/criteria/kubota:40/answers", security, Map.of("status", "not_met")).status()).isEqualTo(201);
        Response late = importApi(admin, "kubota", sheet, "?dryRun=false&basis=" + p.get("basis").asText());
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.json().get("errorJa").asText()).contains("もう一度プレビュー");
        assertThat(answers("kubota:41")).as("all or none").isEmpty();
        assertThat(answers("kubota:40")).hasSize(1);

        // the console: preview, someone answers, confirm → 409 page, nothing stored
        WebClient w = console();
        w.get("/frameworks/kubota/import");
        Page preview = w.submitMultipart("/frameworks/kubota/import", Map.of(),
                List.of(new Upload("file", "kubota.xlsx", "application/octet-stream", sheet)));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("action=\"(/frameworks/kubota/import/[0-9a-f]+)\"").matcher(preview.body());
        assertThat(m.find()).isTrue();
        assertThat(c.postJson("/api/v1/criteria/kubota:41/answers", security, Map.of("status", "not_applicable")).status()).isEqualTo(201);
        Page refused = w.submit(m.group(1), Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("もう一度プレビューしてください");
        assertThat(answers("kubota:40")).hasSize(1);
        assertThat(answers("kubota:41")).hasSize(1);
    }

    @Test
    void aCustomersOwnLayoutIsFoundByHeaderNames() throws Exception {
        byte[] own = workbook(wb -> {
            cells(wb.createSheet("表紙"), 0, "自己評価シート　株式会社サンプル");
            Sheet s = wb.createSheet("チェック表");
            cells(s, 0, "情報セキュリティ自己評価");
            cells(s, 1, "会社名", "株式会社サンプル");
            cells(s, 3, " 備 考 ", "項目", "自己評価\n（はい/いいえ）", "ＮＯ．", "エビデンス");
            cells(s, 4, "委託先一覧あり", "…", "○", 12, "委託先管理台帳.xlsx");
            cells(s, 5, null, "…", "×", "１３", null);
            cells(s, 6, null, "…", "Yes", 14, null);
            cells(s, 7, null, "…", "No", "14", null);
            cells(s, 8, null, "…", "N/A", 15, null);
            cells(s, 9, null, "…", "はい", 999, null);
            cells(s, 10, null, "…", "", 16, null);
        });
        JsonNode p = importApi(admin, "kubota", own, "").json();
        assertThat(p.get("sheetsRead").toString()).isEqualTo("[\"チェック表\"]");
        assertThat(p.get("sheetsNotRead").has("表紙")).isTrue();
        assertThat(row(p, "kubota:12").get("status").asText()).isEqualTo("met");
        assertThat(row(p, "kubota:12").get("comment").asText()).isEqualTo("委託先一覧あり\n証跡: 委託先管理台帳.xlsx");
        assertThat(row(p, "kubota:12").get("cell").asText()).isEqualTo("チェック表!C5");
        assertThat(row(p, "kubota:13").get("status").asText()).as("全角の番号").isEqualTo("not_met");
        assertThat(row(p, "kubota:15").get("status").asText()).isEqualTo("not_applicable");
        List<String> fourteen = new ArrayList<>();
        for (JsonNode r : p.get("rows")) {
            if ("kubota:14".equals(r.path("criterion").asText())) {
                fourteen.add(r.get("kind").asText() + " " + r.get("reason").asText());
            }
        }
        assertThat(fourteen).hasSize(2).allMatch(x -> x.startsWith("refused") && x.contains("more than once"));
        JsonNode unknown = null;
        for (JsonNode r : p.get("rows")) {
            if ("999".equals(r.get("id").asText())) {
                unknown = r;
            }
        }
        assertThat(unknown).isNotNull();
        assertThat(unknown.get("kind").asText()).isEqualTo("refused");
        assertThat(unknown.get("reason").asText()).contains("unknown id 999");
        assertThat(p.get("noAnswer").asInt()).isEqualTo(1);
        Response done = importApi(admin, "kubota", own, "?dryRun=false");
        assertThat(done.json().get("written")).hasSize(3);
        assertThat(answers("kubota:14")).isEmpty();
    }

    @Test
    void aMetiStar3SelfAssessmentSheet() throws Exception {
        // the columns of the official ★3 list (shared/seeds/ipa-scs-star3-2026-03-27.tsv) with the assessment added
        byte[] meti = workbook(wb -> {
            Sheet s = wb.createSheet("★3自己評価");
            cells(s, 0, "criterion_id", "requirement_id", "major_category", "star3_seq", "excel_no", "requirement_text",
                    "criterion_text", "実施状況", "補足", "証跡");
            cells(s, 1, "1-2-1-1", "1-2-1", "ガバナンスの整備", 1, 6, "…", "…", "実施済", "CISO を任命", "体制図.pdf");
            cells(s, 2, "1-2-1-2", "1-2-1", "ガバナンスの整備", 2, 7, "…", "…", "未実施", null, null);
            cells(s, 3, "4-4-5-1", "4-4-5", "…", 3, 8, "…", "…", "実施済", null, null);
            cells(s, 4, "4-4-5-2", "4-4-5", "…", 4, 9, "…", "…", "該当なし", "該当する機器なし", null);
        });
        Response r = importApi(security, "meti-scs", meti, "?dryRun=true");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.get("version").asText()).isEqualTo("2026-03-27");
        assertThat(row(p, "meti-scs:1-2-1-1").get("status").asText()).isEqualTo("met");
        assertThat(row(p, "meti-scs:1-2-1-1").get("comment").asText()).isEqualTo("CISO を任命\n証跡: 体制図.pdf");
        assertThat(row(p, "meti-scs:1-2-1-2").get("status").asText()).isEqualTo("not_met");
        assertThat(row(p, "meti-scs:4-4-5-1").get("kind").asText()).as("decided by checks").isEqualTo("refused");
        assertThat(row(p, "meti-scs:4-4-5-1").get("reasonJa").asText()).contains("自動判定");
        Response done = importApi(security, "meti-scs", meti, "?dryRun=false");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(answers("meti-scs:1-2-1-1").get(0).get("answeredBy").asText()).isEqualTo("sato");
        assertThat(answers("meti-scs:4-4-5-1")).isEmpty();

        // the product's own METI export: the sheet of the latest version is read, the older version's is not
        byte[] own = fill(export("meti-scs"), "2026-03-27", Map.of("1-2-3-1", new String[]{"はい", "年次で確認", null}));
        JsonNode q = importApi(security, "meti-scs", own, "").json();
        assertThat(q.get("sheetsRead").toString()).isEqualTo("[\"2026-03-27\"]");
        assertThat(q.get("sheetsNotRead").has("2025")).isTrue();
        assertThat(row(q, "meti-scs:1-2-3-1").get("kind").asText()).isEqualTo("new");
        assertThat(row(q, "meti-scs:1-2-1-1").get("kind").asText()).isEqualTo("unchanged");
    }

    @Test
    void unsafeOrUnreadableFilesAreRefusedAndStoreNothing() throws Exception {
        byte[] ok = answering20();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("macros", withEntry(ok, "xl/vbaProject.bin", new byte[]{1, 2, 3}));
        files.put("external link", withEntry(ok, "xl/externalLinks/externalLink1.xml", "<externalLink/>".getBytes(StandardCharsets.UTF_8)));
        files.put("garbage", "this is not a workbook at all".getBytes(StandardCharsets.UTF_8));
        files.put("encrypted", encrypted(ok));
        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook old = new org.apache.poi.hssf.usermodel.HSSFWorkbook()) {
            Sheet s = old.createSheet("回答");
            cells(s, 0, "No.", "回答");
            cells(s, 1, 20, "はい");
            old.write(xls);
        }
        files.put("old xls", xls.toByteArray());
        ByteArrayOutputStream xlsm = new ByteArrayOutputStream();
        try (XSSFWorkbook m = new XSSFWorkbook(org.apache.poi.xssf.usermodel.XSSFWorkbookType.XLSM)) {
            Sheet s = m.createSheet("回答");
            cells(s, 0, "No.", "回答");
            cells(s, 1, 20, "はい");
            m.write(xlsm);
        }
        files.put("xlsm", xlsm.toByteArray());
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(docx)) {
            z.putNextEntry(new ZipEntry("[Content_Types].xml"));
            z.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("word/document.xml"));
            z.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
        }
        files.put("docx renamed", docx.toByteArray());
        byte[] truncated = java.util.Arrays.copyOf(ok, ok.length / 2);
        files.put("truncated", truncated);
        Map<String, String> expected = Map.of("macros", "マクロ", "external link", "外部参照", "garbage", "Excel ブック",
                "encrypted", "パスワード", "old xls", ".xls", "xlsm", "マクロ", "docx renamed", "Word", "truncated", "");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            for (String q : List.of("?dryRun=true", "?dryRun=false")) {
                Response r = importApi(admin, "kubota", f.getValue(), q);
                assertThat(r.status()).as(f.getKey() + ": " + r.body()).isEqualTo(400);
                assertThat(r.json().get("errorJa").asText()).as(f.getKey()).contains(expected.get(f.getKey()));
            }
        }
        // a sheet of more rows than the bound, and a part that inflates beyond the bound (a ZIP bomb)
        byte[] huge = workbook(wb -> {
            Sheet s = wb.createSheet("回答");
            cells(s, 0, "No.", "回答");
            cells(s, 1, 20, "はい");
            for (int r = 2; r <= 5_001; r++) {
                s.createRow(r).createCell(0).setCellValue("x");
            }
        });
        Response big = importApi(admin, "kubota", huge, "?dryRun=false");
        assertThat(big.status()).as(big.body()).isEqualTo(413);
        assertThat(big.json().get("errorJa").asText()).contains("5000");
        byte[] bomb = withEntry(ok, "xl/media/padding.xml", " ".repeat(20 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
        Response b = importApi(admin, "kubota", bomb, "?dryRun=false");
        assertThat(b.status()).as(b.body()).isEqualTo(413);
        assertThat(b.json().get("errorJa").asText()).contains("MB");
        assertThat(answers("kubota:20")).as("nothing stored by any refused file").isEmpty();

        // the console shows the refusal in the page's language
        WebClient w = console();
        w.get("/frameworks/kubota/import");
        Page page = w.submitMultipart("/frameworks/kubota/import", Map.of(),
                List.of(new Upload("file", "macro.xlsm", "application/octet-stream", files.get("macros"))));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("マクロ");
        assertThat(importApi(admin, "jaipa-isp", ok, "").status()).as("points frameworks are not imported").isEqualTo(400);
        assertThat(importApi(admin, "kubota", ok, "").status()).as("the file itself is fine").isEqualTo(200);
    }
}
