package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.EarlyAnswerClient;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.collector.web.WebClient.Upload;
import jp.akashi.probes.util.Json;

/**
 * Smaller holes, through the real HTTP API: spreadsheet formulas behind a leading TAB or CR in
 * CSV exports, cached API responses, share links of disabled creators, a bad-link throttle that
 * locked out valid links, and one upload limit with API-shaped 413 errors.
 */
class HardeningHttpTest {
    static final int MB = 1024 * 1024;
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

    @Test
    void csvCellsStartingWithTabOrCarriageReturnAreNoFormulas() {
        // anyone can put a user name into the audit log by failing to log in
        for (String name : List.of("\t=HYPERLINK(\"http://evil.example/\",\"open\")", "\r=1+2", "\t@SUM(1)")) {
            assertThat(c.postJson("/api/v1/auth/login", null, Map.of("username", name, "password", "wrong-password-1")).status())
                    .isEqualTo(401);
        }
        Response csv = c.get("/api/v1/audit-log/export?format=csv", admin);
        assertThat(csv.status()).isEqualTo(200);
        String text = csv.body();
        assertThat(text).contains("\"'\t=HYPERLINK(\"\"http://evil.example/\"\",\"\"open\"\")\"").contains("\"'\r=1+2\"")
                .contains(",'\t@SUM(1),");
        assertThat(text).doesNotContain(",\t=").doesNotContain(",\"\t=").doesNotContain(",\"\r=").doesNotContain(",\t@");
    }

    @Test
    void authenticatedApiResponsesAreNeverCached() {
        for (String path : List.of("/api/v1/assets", "/api/v1/audit-log", "/api/v1/users", "/api/v1/assets/no-such-asset")) {
            Response r = c.get(path, admin);
            assertThat(r.raw().headers().firstValue("Cache-Control")).as(path).contains("no-store");
        }
        Response login = c.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD));
        assertThat(login.raw().headers().firstValue("Cache-Control")).as("the response with the token").contains("no-store");
        assertThat(c.get("/static/app.css", null).raw().headers().firstValue("Cache-Control")).as("static files may be cached")
                .isNotEqualTo(java.util.Optional.of("no-store"));
    }

    static String userId(String username) {
        for (JsonNode u : c.get("/api/v1/users", admin).json()) {
            if (u.get("username").asText().equals(username)) {
                return u.get("id").asText();
            }
        }
        throw new IllegalStateException("no user " + username);
    }

    static String snapshot() {
        Response s = c.postJson("/api/v1/snapshots", admin, Map.of());
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        return s.json().get("id").asText();
    }

    @Test
    void shareLinksStopWorkingWhenTheirCreatorIsDisabled() {
        String sharer = c.userToken("sharer-h", "security");
        String id = snapshot();
        String path = c.postJson("/api/v1/snapshots/" + id + "/share", sharer, Map.of("days", 7)).json().get("path").asText();
        assertThat(c.get(path, null).status()).isEqualTo(200);

        String user = userId("sharer-h");
        assertThat(c.send("PATCH", "/api/v1/users/" + user, admin, json(Map.of("disabled", true)), Map.of()).status()).isEqualTo(200);
        assertThat(c.get(path, null).status()).as("the creator is disabled").isIn(404, 429);
        assertThat(c.send("PATCH", "/api/v1/users/" + user, admin, json(Map.of("disabled", false, "role", "auditor")), Map.of()).status())
                .isEqualTo(200);
        assertThat(c.get(path, null).status()).as("the creator may no longer share").isIn(404, 429);
    }

    @Test
    void theBadLinkThrottleLetsValidLinksThrough() {
        String id = snapshot();
        String path = c.postJson("/api/v1/snapshots/" + id + "/share", admin, Map.of()).json().get("path").asText();
        int throttled = 0;
        for (int i = 0; i < 25; i++) {
            int s = c.get("/share/aks_" + "x".repeat(43 - String.valueOf(i).length()) + i, null).status();
            assertThat(s).isIn(404, 429);
            throttled += s == 429 ? 1 : 0;
        }
        assertThat(throttled).as("bad tokens from this address are throttled").isGreaterThan(0);
        Response bad = c.get("/share/aks_nope", null);
        assertThat(bad.status()).isEqualTo(429);
        assertThat(c.get(path, null).status()).as("a valid link still works from the same address").isEqualTo(200);
    }

    static byte[] json(Object o) {
        try {
            return Json.mapper().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response upload(byte[] content) {
        String boundary = "----akashi" + System.nanoTime();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(content);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        // an oversized body is refused on its Content-Length before it is read: sent so that the answer is heard
        try {
            return EarlyAnswerClient.send(c.uri("/api/v1/attachments"), "POST", admin, b.toByteArray(),
                    Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] pdf(int size) {
        byte[] b = new byte[size];
        byte[] head = ("%PDF-1.7\n" + System.nanoTime() + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    static void assertApiShaped413(Response r) {
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json()).as("JSON error body: " + r.body()).isNotNull();
        assertThat(r.json().get("status").asInt()).isEqualTo(413);
        assertThat(r.json().get("error").asText()).contains("20 MB");
    }

    @Test
    void oneUploadLimitOf20MegabytesWithApiShaped413Errors() throws Exception {
        Response exactly = upload(pdf(20 * MB));
        assertThat(exactly.status()).as("the documented 20 MB are accepted: " + exactly.body()).isEqualTo(201);
        assertApiShaped413(upload(pdf(20 * MB + 1)));
        Response huge = upload(pdf(25 * MB));
        assertApiShaped413(huge);
        assertThat(huge.json().get("errorJa").asText()).contains("20 MB");

        // the console form: the files of one answer together, also 20 MB; nothing is stored
        long before = filesOnDisk();
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String form = w.get("/criteria/jaipa-isp:4-1-2").body();
        assertThat(form).contains("1ファイル20MBまで、1回の送信で合計20MBまで");
        Page tooMuch = w.submitMultipart("/criteria/jaipa-isp:4-1-2/answers", Map.of("status", "met"),
                List.of(new Upload("evidence", "a.pdf", "application/pdf", pdf(10 * MB + MB / 4)),
                        new Upload("evidence", "b.pdf", "application/pdf", pdf(10 * MB + MB / 4))));
        assertThat(tooMuch.status()).isEqualTo(413);
        assertThat(filesOnDisk()).isEqualTo(before);
        assertThat(c.get("/api/v1/criteria/jaipa-isp:4-1-2/answers", admin).json()).isEmpty();
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
}
