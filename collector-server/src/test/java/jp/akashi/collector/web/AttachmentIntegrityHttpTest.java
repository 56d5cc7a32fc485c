package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * Evidence files stay what they were accepted as (issue 16 §3): a file whose stored bytes no
 * longer match its SHA-256 is not served as if intact (409 with the reason, in the API and in
 * the console), uploading the original again repairs it, and temporary files of uploads that
 * never finished are removed at start.
 */
class AttachmentIntegrityHttpTest {
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

    static Path stored(String sha) {
        return c.dataDir().resolve("attachments").resolve(sha.substring(0, 2)).resolve(sha);
    }

    @Test
    void aDamagedFileIsRefusedWithTheReasonAndReUploadingRepairsIt() throws Exception {
        byte[] original = "2026-11-20 backup verified: 42 volumes\n".getBytes(StandardCharsets.UTF_8);
        Response up = c.uploadAttachment(admin, "backup-log.txt", original);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String sha = up.json().get("sha256").asText();
        Response answer = c.postJson("/api/v1/criteria/jaipa-isp:4-1-1/answers", admin,
                Map.of("status", "met", "attachments", List.of(Map.of("sha256", sha))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        String answerId = answer.json().get("id").asText();

        // bit rot, a bad restore or tampering on the collector's disk: same size, other bytes
        byte[] damaged = original.clone();
        damaged[5] ^= 0x01;
        Files.write(stored(sha), damaged);

        Response api = c.get("/api/v1/attachments/" + sha, admin);
        assertThat(api.status()).as("the API does not serve damaged evidence").isEqualTo(409);
        assertThat(api.json().get("error").asText()).contains(sha).contains("damaged").contains("upload the original file again");
        assertThat(api.json().get("errorJa").asText()).contains("破損");
        WebClient web = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        web.get("/assets");
        web.submit("/lang", Map.of("lang", "ja", "next", "/")); // the language is saved per person
        WebClient.Page page = web.get(EvidencePages.href(answerId, sha));
        assertThat(page.status()).as("nor does the console").isEqualTo(409);
        assertThat(page.body()).contains("破損しています").doesNotContain("42 volumes");
        web.submit("/lang", Map.of("lang", "en", "next", "/"));
        assertThat(web.get(EvidencePages.href(answerId, sha)).body()).contains("is damaged on the collector");
        assertThat(Files.readAllBytes(stored(sha))).as("refusing changes nothing").isEqualTo(damaged);
    }

    @Test
    void uploadingTheOriginalAgainRepairsADamagedFile() throws Exception {
        byte[] original = "2026-11-21 restore test passed: 7 hosts\n".getBytes(StandardCharsets.UTF_8);
        String sha = c.uploadAttachment(admin, "restore-test.txt", original).json().get("sha256").asText();
        String answerId = c.postJson("/api/v1/criteria/jaipa-isp:4-1-2/answers", admin,
                Map.of("status", "met", "attachments", List.of(Map.of("sha256", sha)))).json().get("id").asText();
        byte[] damaged = original.clone();
        damaged[0] ^= 0x01;
        Files.write(stored(sha), damaged);
        WebClient web = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);

        Response again = c.uploadAttachment(admin, "backup-log.txt", original);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(Files.readAllBytes(stored(sha))).as("repaired on disk").isEqualTo(original);
        assertThat(c.get("/api/v1/audit-log?limit=20", admin).body()).as("the repair is audit-logged").contains("attachment.repaired");
        Response repaired = c.get("/api/v1/attachments/" + sha, admin);
        assertThat(repaired.status()).isEqualTo(200);
        assertThat(repaired.body()).isEqualTo(new String(original, StandardCharsets.UTF_8));
        assertThat(web.get(EvidencePages.href(answerId, sha)).status()).isEqualTo(200);
    }

    @Test
    void temporaryFilesOfUnfinishedUploadsAreRemovedAtStart() throws Exception {
        Path dir = Files.createDirectories(c.dataDir().resolve("attachments").resolve("ab"));
        Path orphan = Files.write(dir.resolve(".upload-1234567890.tmp"), new byte[4096]);
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        Path writing = Files.write(dir.resolve(".upload-9876543210.tmp"), new byte[16]);
        c.stop();
        c.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (Files.exists(orphan) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(orphan).as("an upload's temporary file from hours ago").doesNotExist();
        assertThat(writing).as("one being written just now").exists();
        admin = c.adminToken();
    }
}
