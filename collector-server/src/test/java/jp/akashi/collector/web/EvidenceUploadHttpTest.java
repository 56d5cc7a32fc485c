package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.answer.AttachmentSweeper;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.collector.web.WebClient.Upload;

/**
 * Evidence files through the real API and console: an answer keeps the name, type and size a
 * file was accepted with (not what the client says), names lose invisible format characters,
 * content of another type than its extension is refused, each answer's file keeps its own type,
 * a refused answer stores nothing, and files no answer uses are swept after a grace period.
 */
class EvidenceUploadHttpTest {
    static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static TestCollector c;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    static Response upload(String filename, byte[] content) {
        return c.uploadAttachment(admin, filename, content);
    }

    static Response answer(String criterion, Map<String, Object> file) {
        return c.postJson("/api/v1/criteria/" + criterion + "/answers", admin, Map.of("status", "met", "attachments", List.of(file)));
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static long filesOnDisk() throws IOException {
        Path dir = c.dataDir().resolve("attachments");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void anAnswerKeepsTheNameAndSizeTheFileWasAcceptedWith() {
        byte[] body = text("2026-11-20 backup finished\n");
        Response up = upload("backup.txt", body);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String sha = up.json().get("sha256").asText();

        Response hta = answer("jaipa-isp:4-1-1", Map.of("sha256", sha, "filename", "report.hta"));
        assertThat(hta.status()).as("a name the file was never accepted under").isEqualTo(400);
        assertThat(hta.json().get("error").asText()).contains("backup.txt").contains("report.hta");
        Response size = answer("jaipa-isp:4-1-1", Map.of("sha256", sha, "filename", "backup.txt", "size", 1));
        assertThat(size.status()).as("a size the client made up").isEqualTo(400);
        Response type = answer("jaipa-isp:4-1-1", Map.of("sha256", sha, "contentType", "text/html"));
        assertThat(type.status()).as("a type the client made up").isEqualTo(400);
        assertThat(c.get("/api/v1/criteria/jaipa-isp:4-1-1/answers", admin).json()).as("refused answers store nothing").isEmpty();

        Response ok = answer("jaipa-isp:4-1-1", Map.of("sha256", sha));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        JsonNode f = ok.json().get("attachments").get(0);
        assertThat(f.get("filename").asText()).isEqualTo("backup.txt");
        assertThat(f.get("size").asLong()).isEqualTo(body.length);
        assertThat(f.get("contentType").asText()).startsWith("text/plain");

        Response asked = c.get("/api/v1/attachments/" + sha + "?name=report.hta", admin);
        assertThat(asked.status()).as("the download is never named after the request").isEqualTo(404);
        Response dl = c.get("/api/v1/attachments/" + sha, admin);
        assertThat(dl.status()).isEqualTo(200);
        assertThat(dl.raw().headers().firstValue("Content-Disposition").orElse("")).isEqualTo("attachment; filename*=UTF-8''backup.txt");
        assertThat(dl.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void namesLoseBidiAndOtherFormatCharacters() {
        Response up = upload("\u202Egpj.exe.txt", text("not a picture\n"));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        assertThat(up.json().get("filename").asText()).isEqualTo("gpj.exe.txt");
        Response up2 = upload("re\u200Bport\u2066\u2069\uFEFF\u00AD.txt", text("zero width\n"));
        assertThat(up2.json().get("filename").asText()).isEqualTo("report.txt");
        Response ok = answer("jaipa-isp:2-1-2", Map.of("sha256", up.json().get("sha256").asText(), "filename", "\u202Egpj.exe.txt"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("attachments").get(0).get("filename").asText()).isEqualTo("gpj.exe.txt");
        String disposition = c.get("/api/v1/attachments/" + up.json().get("sha256").asText(), admin).raw().headers()
                .firstValue("Content-Disposition").orElse("");
        assertThat(disposition).doesNotContain("%E2%80%AE").endsWith("gpj.exe.txt");
    }

    @Test
    void contentOfAnotherTypeThanItsExtensionIsRefused() {
        Response pdfAsText = upload("notes.txt", PDF);
        assertThat(pdfAsText.status()).isEqualTo(400);
        assertThat(pdfAsText.json().get("error").asText()).contains("PDF").contains(".txt");
        Response html = upload("notes.txt", text("<!DOCTYPE html><html><script>alert(1)</script></html>"));
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.json().get("error").asText()).contains("HTML");
        assertThat(upload("page.csv", text("  <script>alert(1)</script>")).status()).isEqualTo(400);
        assertThat(upload("image.xml", text("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")).status()).isEqualTo(400);
        assertThat(upload("fine.xml", text("<?xml version=\"1.0\"?><policy/>")).status()).isEqualTo(201);
    }

    @Test
    void eachAnswersFileKeepsItsOwnContentType() {
        byte[] same = text("host,os\nweb01,linux\n");
        String sha = upload("inventory.csv", same).json().get("sha256").asText();
        assertThat(upload("inventory.txt", same).json().get("sha256").asText()).isEqualTo(sha);
        Response asCsv = answer("jaipa-isp:2-2-1", Map.of("sha256", sha, "filename", "inventory.csv"));
        Response asText = answer("jaipa-isp:2-3-1", Map.of("sha256", sha, "filename", "inventory.txt"));
        assertThat(asCsv.json().get("attachments").get(0).get("contentType").asText()).startsWith("text/csv");
        assertThat(asText.json().get("attachments").get(0).get("contentType").asText()).startsWith("text/plain");
        JsonNode stored = c.get("/api/v1/criteria/jaipa-isp:2-3-1/answers", admin).json().get(0).get("attachments").get(0);
        assertThat(stored.get("contentType").asText()).as("not first-wins per SHA-256").startsWith("text/plain");
        assertThat(stored.get("filename").asText()).isEqualTo("inventory.txt");
        assertThat(c.get("/api/v1/attachments/" + sha + "?name=inventory.txt", admin).raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/plain");
        assertThat(c.get("/api/v1/attachments/" + sha + "?name=inventory.csv", admin).raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/csv");
    }

    @Test
    void aRefusedConsoleAnswerStoresNoFile() throws Exception {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.get("/criteria/jaipa-isp:3-1-1");
        long before = filesOnDisk();
        List<Upload> files = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            files.add(new Upload("evidence", "log-" + i + ".txt", "text/plain", text("line " + i + " of a refused answer\n")));
        }
        Page refused = w.submitMultipart("/criteria/jaipa-isp:3-1-1/answers", Map.of("status", "met"), files);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("20");
        assertThat(filesOnDisk()).as("no file of the refused answer stays on disk").isEqualTo(before);
        assertThat(c.get("/api/v1/criteria/jaipa-isp:3-1-1/answers", admin).json()).isEmpty();

        w.get("/criteria/jaipa-isp:3-1-1");
        Page ok = w.submitMultipart("/criteria/jaipa-isp:3-1-1/answers", Map.of("status", "met"), files.subList(0, 20));
        assertThat(ok.status()).as(ok.body()).isEqualTo(303);
        assertThat(filesOnDisk()).isEqualTo(before + 20);
    }

    @Test
    void filesNoAnswerUsesAreSweptAfterTheGracePeriod() throws Exception {
        String kept = upload("kept.txt", text("attached to an answer\n")).json().get("sha256").asText();
        assertThat(answer("jaipa-isp:3-2-1", Map.of("sha256", kept)).status()).isEqualTo(201);
        String orphan = upload("orphan.txt", text("never attached\n")).json().get("sha256").asText();
        Path stray = c.dataDir().resolve("attachments").resolve("ab").resolve("ab" + "0".repeat(62));
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, "left by a crash");
        Files.setLastModifiedTime(stray, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        AttachmentSweeper sweeper = c.bean(AttachmentSweeper.class);
        assertThat(sweeper.sweep()).as("within the grace period nothing goes").isEqualTo(0);
        assertThat(c.get("/api/v1/attachments/" + orphan, admin).status()).isEqualTo(200);

        // at start, with a grace period of zero: every file no answer references goes
        c.restartWith(Map.of("akashi.targets.scheduler-enabled", false, "akashi.attachments.orphan-grace", "PT0S"));
        admin = c.adminToken();
        long deadline = System.currentTimeMillis() + 10_000;
        while (c.get("/api/v1/attachments/" + orphan, admin).status() != 404 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(c.get("/api/v1/attachments/" + orphan, admin).status()).isEqualTo(404);
        assertThat(Files.exists(c.dataDir().resolve("attachments").resolve(orphan.substring(0, 2)).resolve(orphan))).isFalse();
        assertThat(c.get("/api/v1/attachments/" + kept, admin).status()).as("an answered file stays").isEqualTo(200);
        assertThat(Files.exists(stray)).isFalse();
        String audit = c.get("/api/v1/audit-log?limit=50", admin).body();
        assertThat(audit).contains("attachment.orphan_removed").contains(orphan);
    }
}
