package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.DiskFiller;

/**
 * The real collector jar with its data directory on a small tmpfs filled to the last byte (needs
 * root to mount; skipped elsewhere), and the real agent: the collector answers 503 with
 * Retry-After and /health goes DOWN; the agent keeps its report, does not contact the collector
 * again before the time it was given, and delivers everything once space is freed.
 */
class CollectorBackPressureTest {

    @Test
    void onACollectorWithAFullDiskTheAgentKeepsItsReportsHonoursRetryAfterAndDeliversAfterwards() throws Exception {
        Path dir = Jars.tempDir("collector-full-");
        Path mnt = Files.createDirectories(dir.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here (not root)");
        try (CollectorProcess collector = new CollectorProcess(mnt.resolve("collector"))) {
            collector.env.put("AKASHI_HEALTH_RETRY_AFTER", "PT40S");
            collector.env.put("AKASHI_HEALTH_PROBE_INTERVAL", "1s");
            collector.env.put("AKASHI_HEALTH_MIN_FREE_SPACE", "8MB"); // the default 64 MB is the whole small disk
            AgentProcess agent = SpoolHealingTest.startAndEnroll(collector, dir);
            assertThat(agent.run("run-once").exit()).isZero();

            Path filler = mnt.resolve("filler");
            DiskFiller.fill(filler);
            assertThat(collector.get("/health", null).statusCode()).isEqualTo(503);
            assertThat(collector.get("/health/readiness", null).statusCode()).isEqualTo(503);

            AgentProcess.Result refused = agent.run("run-once");
            assertThat(refused.exit()).as(refused.out()).isEqualTo(5);
            assertThat(refused.out()).contains("disk full on the collector's data volume").contains("Retry-After");
            assertThat(agent.spooled()).isEqualTo(1);
            AgentProcess.Result status = agent.run("status");
            assertThat(status.out()).as(status.out()).contains("asked to wait until");

            // space is back at once, but the agent was told to wait: it does not send yet
            Files.delete(filler);
            AgentProcess.Result early = agent.run("run-once", "--no-collect");
            assertThat(early.exit()).as(early.out()).isEqualTo(5);
            assertThat(early.out()).contains("asked to wait until");
            assertThat(agent.spooled()).isEqualTo(1);

            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (collector.get("/health", null).statusCode() != 200 && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertThat(collector.get("/health", null).statusCode()).isEqualTo(200);
            String until = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(dir.resolve("agent").resolve("state").resolve("state.json").toFile()).path("retryAfterUntil").asText();
            long left = Duration.between(java.time.Instant.now(), java.time.Instant.parse(until)).toMillis();
            assertThat(left).as("the wait the collector asked for").isLessThanOrEqualTo(40_000);
            Thread.sleep(Math.max(0, left) + 500);
            AgentProcess.Result after = agent.run("run-once");
            assertThat(after.exit()).as(after.out()).isZero();
            assertThat(after.out()).contains("delivered 2 report(s)");
            assertThat(agent.spooled()).isZero();

            String admin = collector.adminToken();
            String assetId = collector.json(collector.get("/api/v1/assets", admin)).get("items").get(0).get("id").asText();
            assertThat(collector.json(collector.get("/api/v1/assets/" + assetId, admin)).get("reports")).hasSize(3);
        } finally {
            new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
        }
    }

}
