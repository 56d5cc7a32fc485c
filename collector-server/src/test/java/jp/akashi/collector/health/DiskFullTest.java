package jp.akashi.collector.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Report;
import jp.akashi.collector.testing.DiskFiller;

/**
 * A real full disk: the collector's data directory on a small tmpfs (needs root to mount;
 * skipped elsewhere), filled to the last byte. Reports get an API-shaped 503 with Retry-After,
 * /health goes DOWN, and when space is freed the collector heals by itself; no acknowledged
 * report is lost.
 */
class DiskFullTest {
    static final String DISK_FULL = "disk full on the collector's data volume";

    @TempDir
    Path tmp;
    Path mnt;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mnt = Files.createDirectories(tmp.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here (not root)");
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
    }

    @Test
    void belowTheFreeSpaceFloorReportsGet503WithRetryAfterAndTheCollectorHealsWhenSpaceIsFreed() throws Exception {
        try (TestCollector c = TestCollector.unstarted(mnt.resolve("data"), Map.of(
                "akashi.health.probe-interval", "1s", "akashi.health.min-free-space", "4MB"))) {
            c.start();
            String[] agent = c.enrollAgent();
            List<Report> acknowledged = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acknowledged.add(post(c, agent, i, 201));
            }
            assertThat(c.get("/health", null).status()).isEqualTo(200);

            Path filler = mnt.resolve("filler");
            DiskFiller.fill(filler);

            Report refused = report(agent, 100);
            TestCollector.Response r = c.postJson("/api/v1/reports", agent[1], refused);
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(r.json().get("error").asText()).isEqualTo(DISK_FULL);
            assertThat(r.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());

            TestCollector.Response health = c.get("/health", null);
            assertThat(health.status()).as(health.body()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(health.body()).contains("disk");
            assertThat(c.get("/health/readiness", null).status()).isEqualTo(503);
            assertThat(c.get("/health/liveness", null).status()).isEqualTo(200);

            Files.delete(filler);
            awaitHealthy(c);
            TestCollector.Response again = c.postJson("/api/v1/reports", agent[1], refused);
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            acknowledged.add(refused);
            assertAllStored(c, acknowledged);
        }
    }

    @Test
    void whenSqliteItselfHitsTheFullDiskTheAnswerIs503NeverA500AndNothingAcknowledgedIsLost() throws Exception {
        try (TestCollector c = TestCollector.unstarted(mnt.resolve("data"), Map.of(
                "akashi.health.probe-interval", "1s", "akashi.health.min-free-space", "0"))) {
            c.start();
            String[] agent = c.enrollAgent();
            List<Report> acknowledged = new ArrayList<>();
            acknowledged.add(post(c, agent, 0, 201));

            Path filler = mnt.resolve("filler");
            DiskFiller.fill(filler);

            TestCollector.Response refusal = null;
            Report refused = null;
            for (int i = 1; i < 400 && refusal == null; i++) {
                Report next = report(agent, i);
                TestCollector.Response r = c.postJson("/api/v1/reports", agent[1], next);
                assertThat(r.status()).as(r.body()).isIn(201, 503);
                if (r.status() == 201) {
                    acknowledged.add(next);
                } else {
                    refusal = r;
                    refused = next;
                }
            }
            assertThat(refusal).as("a full disk must refuse some report").isNotNull();
            assertThat(refusal.json().get("error").asText()).isEqualTo(DISK_FULL);
            assertThat(refusal.raw().headers().firstValue("Retry-After")).isPresent();
            TestCollector.Response health = c.get("/health", null);
            assertThat(health.status()).as(health.body()).isEqualTo(503);

            Files.delete(filler);
            awaitHealthy(c);
            assertThat(c.postJson("/api/v1/reports", agent[1], refused).status()).isEqualTo(201);
            acknowledged.add(refused);
            assertAllStored(c, acknowledged);
        }
    }

    @Test
    void anEvidenceUploadOntoTheFullDiskIsA503DiskFullAndLeavesNoFileBehind() throws Exception {
        // the floor is 0: the write itself meets ENOSPC (it answered 500 before)
        try (TestCollector c = TestCollector.unstarted(mnt.resolve("data"), Map.of(
                "akashi.health.probe-interval", "1s", "akashi.health.min-free-space", "0"))) {
            c.start();
            String admin = c.adminToken();
            Path filler = mnt.resolve("filler");
            DiskFiller.fill(filler);
            byte[] pdf = new byte[2 * 1024 * 1024];
            byte[] head = ("%PDF-1.7\n" + System.nanoTime() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, pdf, 0, head.length);
            new java.util.Random(7).nextBytes(pdf); // incompressible
            System.arraycopy(head, 0, pdf, 0, head.length);
            TestCollector.Response r = upload(c, admin, pdf);
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(r.json().get("error").asText()).isEqualTo(DISK_FULL);
            assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
            Path attachments = mnt.resolve("data").resolve("attachments");
            if (Files.isDirectory(attachments)) {
                try (java.util.stream.Stream<Path> files = Files.walk(attachments)) {
                    assertThat(files.filter(Files::isRegularFile).toList()).as("nothing half-written stays").isEmpty();
                }
            }
            Files.delete(filler);
            awaitHealthy(c);
            assertThat(upload(c, admin, pdf).status()).isEqualTo(201);
        }
    }

    private static TestCollector.Response upload(TestCollector c, String admin, byte[] content) {
        String boundary = "----akashi" + System.nanoTime();
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        b.writeBytes(content);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return c.send("POST", "/api/v1/attachments", admin, b.toByteArray(), Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    private static Report report(String[] agent, int i) {
        return Reports.host(agent[0], "host-" + i, "machine-" + i, Reports.linuxPolicyFacts("host-" + i, i % 2 == 0));
    }

    private static Report post(TestCollector c, String[] agent, int i, int expected) {
        Report r = report(agent, i);
        TestCollector.Response resp = c.postJson("/api/v1/reports", agent[1], r);
        assertThat(resp.status()).as(resp.body()).isEqualTo(expected);
        return r;
    }

    private static void awaitHealthy(TestCollector c) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        TestCollector.Response h = c.get("/health", null);
        while (h.status() != 200 && System.nanoTime() < end) {
            Thread.sleep(200);
            h = c.get("/health", null);
        }
        assertThat(h.status()).as("health after freeing space: " + h.body()).isEqualTo(200);
        assertThat(c.get("/health/readiness", null).status()).isEqualTo(200);
    }

    private static void assertAllStored(TestCollector c, List<Report> acknowledged) {
        for (Report r : acknowledged) {
            long n = c.bean(Database.class).read(h -> h.createQuery("SELECT COUNT(*) FROM reports WHERE id = :id")
                    .bind("id", r.reportId().toString()).mapTo(Long.class).one());
            assertThat(n).as("acknowledged report " + r.reportId()).isEqualTo(1);
        }
    }

}
