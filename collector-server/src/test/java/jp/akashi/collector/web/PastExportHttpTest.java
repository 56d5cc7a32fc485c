package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;

/**
 * Exports of the state at a past date ({@code ?at=}): from the latest snapshot taken by the end of that day
 * (its full, signed detail), else from the verdict history (verdicts and scores only, labelled so); today is the
 * current state; a future, unreadable or too early date is refused; the past-date view's buttons point here.
 * The history and the snapshot are moved into the past in the database: the snapshot three days back, every
 * recorded verdict change four days back, then one answer is changed now.
 */
class PastExportHttpTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    static final long DAY = 86_400_000L;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static TestCollector c;
    static String admin;
    static String snapshotId;
    static LocalDate today;

    record Bytes(int status, byte[] body, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"));
        admin = c.adminToken();
        answer("kubota:1", "met");
        answer("kubota:2", "not_met");
        c.awaitEvaluation();
        TestCollector.Response s = c.postJson("/api/v1/snapshots", admin, Map.of("note", "before kubota:2 was met"));
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        snapshotId = s.json().get("id").asText();
        c.bean(Database.class).write(h -> {
            h.execute("UPDATE criterion_transitions SET at = at - ?", 4 * DAY);
            h.execute("UPDATE snapshots SET created_at = created_at - ?", 3 * DAY);
            return null;
        });
        answer("kubota:2", "met");
        c.awaitEvaluation();
        today = LocalDate.now(ZONE);
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static void answer(String criterion, String status) {
        TestCollector.Response r = c.postJson("/api/v1/criteria/" + criterion + "/answers", admin, Map.of("status", status));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    static Bytes api(String path) {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(c.uri(path)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String compact(LocalDate d) {
        return d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    static List<String> row(Sheet s, int r) {
        List<String> out = new ArrayList<>();
        Row row = s.getRow(r);
        for (int i = 0; row != null && i < row.getLastCellNum(); i++) {
            out.add(row.getCell(i) == null ? "" : new DataFormatter().formatCellValue(row.getCell(i)));
        }
        return out;
    }

    static String sheetText(byte[] xlsx, String sheet) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheet(sheet);
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r <= s.getLastRowNum(); r++) {
                sb.append(String.join(" | ", row(s, r))).append('\n');
            }
            return sb.toString();
        }
    }

    /** The 回答 cell of a Kubota criterion on the 2.0 sheet. */
    static String kubotaAnswer(byte[] xlsx, String number) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheet("2.0");
            for (int r = 0; r <= s.getLastRowNum(); r++) {
                List<String> header = row(s, r);
                if (header.contains("No.")) {
                    for (int x = r + 1; x <= s.getLastRowNum(); x++) {
                        if (row(s, x).get(header.indexOf("No.")).equals(number)) {
                            return row(s, x).get(header.indexOf("回答"));
                        }
                    }
                }
            }
            throw new AssertionError("no row " + number);
        }
    }

    static long downloads() {
        JsonNode log = c.get("/api/v1/audit-log?limit=500", admin).json();
        long n = 0;
        for (JsonNode e : log.get("entries")) {
            n += "export.download".equals(e.get("action").asText()) ? 1 : 0;
        }
        return n;
    }

    /** The newest export.download entry, its details parsed. */
    static JsonNode lastDownload() throws IOException {
        for (JsonNode e : c.get("/api/v1/audit-log?limit=500", admin).json().get("entries")) {
            if ("export.download".equals(e.get("action").asText())) {
                ObjectNode out = e.deepCopy();
                out.set("details", new ObjectMapper().readTree(e.get("details").asText()));
                return out;
            }
        }
        throw new AssertionError("no export.download");
    }

    @Test
    void aPastDateWithASnapshotBeforeItIsThatSnapshot() throws Exception {
        LocalDate day = today.minusDays(2);
        Bytes x = api("/api/v1/exports/kubota.xlsx?at=" + day);
        assertThat(x.status()).as(x.text()).isEqualTo(200);
        assertThat(x.header("Content-Disposition"))
                .contains("akashi-kubota-asof-" + compact(day) + "-snapshot-" + snapshotId.substring(0, 8) + ".xlsx");
        assertThat(x.header("X-Akashi-As-Of")).isEqualTo(day.toString());
        assertThat(x.header("X-Akashi-Source")).isEqualTo("snapshot");
        assertThat(x.header("X-Akashi-Snapshot")).isEqualTo(snapshotId);
        assertThat(kubotaAnswer(x.body(), "1")).isEqualTo("はい");
        assertThat(kubotaAnswer(x.body(), "2")).as("the change made after the snapshot is not in it").isEqualTo("いいえ");
        assertThat(sheetText(x.body(), "概要")).contains(snapshotId).contains(day.toString());
        JsonNode logged = lastDownload();
        assertThat(logged.get("target").asText()).isEqualTo("kubota.xlsx");
        assertThat(logged.get("details").get("at").asText()).isEqualTo(day.toString());
        assertThat(logged.get("details").get("snapshot").asText()).isEqualTo(snapshotId);

        Bytes csv = api("/api/v1/exports/verdicts.csv?at=" + day);
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("akashi-verdicts-asof-" + compact(day) + "-snapshot-");

        Bytes now = api("/api/v1/exports/kubota.xlsx");
        assertThat(kubotaAnswer(now.body(), "2")).as("the current state has the change").isEqualTo("はい");
    }

    @Test
    void aPastDateWithoutASnapshotIsTheVerdictHistoryLabelledSo() throws Exception {
        LocalDate day = today.minusDays(4);
        Bytes x = api("/api/v1/exports/kubota.xlsx?at=" + day);
        assertThat(x.status()).as(x.text()).isEqualTo(200);
        assertThat(x.header("Content-Disposition")).contains("akashi-kubota-asof-" + compact(day) + "-verdicts-only.xlsx");
        assertThat(x.header("X-Akashi-As-Of")).isEqualTo(day.toString());
        assertThat(x.header("X-Akashi-Source")).isEqualTo("history");
        assertThat(x.header("X-Akashi-Snapshot")).isEmpty();
        assertThat(kubotaAnswer(x.body(), "1")).isEqualTo("はい");
        assertThat(kubotaAnswer(x.body(), "2")).isEqualTo("いいえ");
        assertThat(sheetText(x.body(), "概要")).contains(day + " 時点、判定のみ").contains("理由は履歴に残りません")
                .contains("as of " + day + ", verdicts only; reasons are not kept in the history")
                .doesNotContain("現在の状態から作成");
        assertThat(sheetText(x.body(), "2.0")).contains(day + " 時点、判定のみ");
        JsonNode logged = lastDownload();
        assertThat(logged.get("details").get("at").asText()).isEqualTo(day.toString());
        assertThat(logged.get("details").get("source").asText()).isEqualTo("history");

        long before = downloads();
        Bytes csv = api("/api/v1/exports/verdicts.csv?at=" + day);
        assertThat(csv.status()).as("check results of a past date are only in snapshots").isEqualTo(409);
        assertThat(csv.text()).contains("no snapshot").contains("スナップショット");
        assertThat(downloads()).isEqualTo(before);
    }

    @Test
    void thePdfOfAPastDateSaysWhatItIs() throws Exception {
        LocalDate day = today.minusDays(4);
        Bytes history = api("/api/v1/exports/kubota.pdf?at=" + day);
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(new String(history.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(history.header("Content-Disposition")).contains("akashi-kubota-asof-" + compact(day) + "-verdicts-only.pdf");
        Bytes snap = api("/api/v1/exports/kubota.pdf?at=" + today.minusDays(2));
        assertThat(snap.status()).as(snap.text()).isEqualTo(200);
        assertThat(snap.header("X-Akashi-Source")).isEqualTo("snapshot");
        Assumptions.assumeTrue(new java.io.File("/usr/bin/pdftotext").canExecute(), "pdftotext (poppler-utils)");
        assertThat(pdfText(history.body())).contains(day + "時点、判定のみ").contains("理由は履歴に残りません").doesNotContain("現在の状態から作成");
        assertThat(pdfText(snap.body())).contains(snapshotId);
    }

    /** The PDF's text as pdftotext reads it, whitespace removed (lines wrap anywhere in Japanese). */
    static String pdfText(byte[] pdf) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("past-export", ".pdf");
        try {
            java.nio.file.Files.write(file, pdf);
            Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return text.replaceAll("\\s+", "");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void todayIsTheCurrentState() throws Exception {
        Bytes x = api("/api/v1/exports/kubota.xlsx?at=" + today);
        assertThat(x.status()).as(x.text()).isEqualTo(200);
        assertThat(x.header("Content-Disposition")).contains("akashi-kubota-" + compact(today) + ".xlsx");
        assertThat(x.header("X-Akashi-Source")).isEqualTo("current");
        assertThat(kubotaAnswer(x.body(), "2")).isEqualTo("はい");
    }

    @Test
    void aFutureUnreadableOrTooEarlyDateIsRefusedAndNothingIsExported() {
        long before = downloads();
        for (String at : List.of("2999-01-01", "2026-13-45", "garbage", today.minusDays(6).toString())) {
            Bytes x = api("/api/v1/exports/kubota.xlsx?at=" + at);
            assertThat(x.status()).as(at).isEqualTo(400);
            assertThat(x.text()).as(at).contains("\"error\"").contains("\"errorJa\"");
        }
        assertThat(api("/api/v1/exports/kubota.xlsx?at=2999-01-01").text()).contains("after today").contains("今日");
        assertThat(api("/api/v1/exports/kubota.xlsx?at=garbage").text()).contains("2026-10-31").contains("日付");
        assertThat(api("/api/v1/exports/kubota.xlsx?at=" + today.minusDays(6)).text()).contains("no data before");
        assertThat(api("/api/v1/exports/kubota.xlsx?at=" + today.minusDays(2) + "&remediation=true").status()).isEqualTo(400);
        assertThat(downloads()).isEqualTo(before);
    }

    @Test
    void thePastDateViewsButtonsExportThatDate() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        LocalDate day = today.minusDays(4);
        WebClient.Page past = w.get("/frameworks/kubota?at=" + day);
        assertThat(past.status()).isEqualTo(200);
        String footer = past.body().substring(past.body().indexOf("fw-exports"));
        assertThat(footer).contains("href=\"/exports/kubota.xlsx?at=" + day + "\"")
                .contains("href=\"/exports/kubota.pdf?at=" + day + "\"")
                .contains(day + " 時点の状態をエクスポート")
                .doesNotContain("現在の状態をエクスポート").doesNotContain("remediation=true");
        assertThat(w.get("/frameworks/kubota").body()).contains("現在の状態をエクスポート");

        WebClient.Download d = w.download("/exports/kubota.xlsx?at=" + day);
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.header("Content-Disposition")).contains("akashi-kubota-asof-" + compact(day) + "-verdicts-only.xlsx");
        WebClient.Download s = w.download("/exports/kubota.xlsx?at=" + today.minusDays(2));
        assertThat(s.header("Content-Disposition")).contains("-snapshot-" + snapshotId.substring(0, 8));

        WebClient.Page future = w.get("/exports/kubota.xlsx?at=2999-01-01");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("日付 2999-01-01 は今日");
        w.setCookie(WebCookies.LANG, "en");
        assertThat(w.get("/exports/kubota.xlsx?at=2026-13-45").body()).contains("2026-13-45");
    }
}
