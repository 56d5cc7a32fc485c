package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The foundation end to end with real processes: the collector jar with TLS and SQLite, the
 * agent jar enrolling over HTTPS with the pinned fingerprint, reports arriving, and nothing lost
 * or duplicated across a collector outage.
 */
class AgentToCollectorTest {

    @Test
    void enrollReportSurviveAnOutageAndDeliverExactlyOnce() throws Exception {
        Path dir = Jars.tempDir("e2e-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            java.nio.file.Files.createDirectories(collector.dataDir);
            collector.start();
            AgentProcess agent = new AgentProcess(dir.resolve("agent"));

            // a wrong fingerprint is refused before anything is sent
            String token = collector.enrollmentToken(1);
            AgentProcess.Result wrongPin = agent.run("enroll", "--server", collector.url(), "--token", token,
                    "--fingerprint", "sha256:" + "ab".repeat(32));
            assertThat(wrongPin.exit()).as(wrongPin.out()).isEqualTo(4);
            assertThat(wrongPin.out()).contains("does not match the pinned");

            AgentProcess.Result enrolled = agent.run("enroll", "--server", collector.url(), "--token", token,
                    "--fingerprint", collector.fingerprint(), "--name", "e2e-host");
            assertThat(enrolled.exit()).as(enrolled.out()).isZero();

            // the token had one use
            AgentProcess other = new AgentProcess(dir.resolve("agent-2"));
            AgentProcess.Result reused = other.run("enroll", "--server", collector.url(), "--token", token,
                    "--fingerprint", collector.fingerprint());
            assertThat(reused.exit()).isEqualTo(4);
            assertThat(reused.out()).contains("used up");

            AgentProcess.Result first = agent.run("run-once");
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("delivered 1 report");

            String admin = collector.adminToken();
            JsonNode assets = collector.json(collector.get("/api/v1/assets", admin));
            assertThat(assets.get("total").asInt()).isEqualTo(1);
            String assetId = assets.get("items").get(0).get("id").asText();
            JsonNode asset = collector.json(collector.get("/api/v1/assets/" + assetId, admin));
            assertThat(asset.get("osFamily").asText()).isEqualTo("linux");
            JsonNode osName = find(asset.get("facts"), "os.name");
            assertThat(osName.get("status").asText()).isEqualTo("ok");
            assertThat(osName.get("evidence").get("source").asText()).isEqualTo("file:/etc/os-release");
            assertThat(osName.get("evidence").get("sha256").asText()).hasSize(64);

            // the real host's facts decide criteria through the same checks: av.installed → METI 4-4-5-1
            JsonNode avFact = find(asset.get("facts"), "av.installed");
            assertThat(avFact.get("status").asText()).as("this host's anti-malware state is observed, not guessed").isEqualTo("ok");
            JsonNode avResult = awaitCheck(collector, admin, assetId, "av.installed");
            assertThat(avResult.get("status").asText()).isEqualTo(avFact.get("value").asBoolean() ? "PASS" : "FAIL");
            // criteria are judged after the batch's check results: wait for the verdict to be decided
            JsonNode c4451 = awaitCriterion(collector, admin, "meti-scs", "meti-scs:4-4-5-1");
            assertThat(c4451.get("verdict").asText()).isEqualTo(avFact.get("value").asBoolean() ? "met" : "not_met");

            // collector down: the report waits in the spool
            collector.stop();
            AgentProcess.Result offline = agent.run("run-once");
            assertThat(offline.exit()).as(offline.out()).isEqualTo(5);
            assertThat(agent.spooled()).isEqualTo(1);
            AgentProcess.Result status = agent.run("status");
            assertThat(status.out()).contains("1 report(s) waiting");

            // collector back: the spooled report and a new one arrive, each exactly once
            collector.start();
            AgentProcess.Result back = agent.run("run-once");
            assertThat(back.exit()).as(back.out()).isZero();
            assertThat(back.out()).contains("delivered 2 report");
            assertThat(agent.spooled()).isZero();
            AgentProcess.Result nothingLeft = agent.run("run-once", "--no-collect");
            assertThat(nothingLeft.out()).contains("delivered 0 report");

            JsonNode reports = collector.json(collector.get("/api/v1/assets/" + assetId, collector.adminToken())).get("reports");
            Set<String> ids = new HashSet<>();
            reports.forEach(r -> ids.add(r.get("id").asText()));
            assertThat(reports).hasSize(3);
            assertThat(ids).hasSize(3);
            assertThat(collector.json(collector.get("/api/v1/assets", collector.adminToken())).get("total").asInt()).isEqualTo(1);
        }
    }

    @Test
    void theDaemonReportsThroughChildRoundsAndStopsCleanly() throws Exception {
        Path dir = Jars.tempDir("daemon-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            java.nio.file.Files.createDirectories(collector.dataDir);
            collector.start();
            AgentProcess agent = new AgentProcess(dir.resolve("agent"));
            assertThat(agent.run("enroll", "--server", collector.url(), "--token", collector.enrollmentToken(1),
                    "--fingerprint", collector.fingerprint(), "--interval", "60").exit()).isZero();
            Process daemon = new ProcessBuilder(Jars.java().toString(), "-Xmx24m", "-XX:+UseSerialGC", "-jar", Jars.agent().toString(),
                    "run", "--config-dir", dir.resolve("agent").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
            try {
                String admin = collector.adminToken();
                long end = System.currentTimeMillis() + 60_000;
                int total = 0;
                while (total == 0 && System.currentTimeMillis() < end) {
                    Thread.sleep(500);
                    total = collector.json(collector.get("/api/v1/assets", admin)).get("total").asInt();
                }
                assertThat(total).as(java.nio.file.Files.readString(dir.resolve("daemon.log"))).isEqualTo(1);
            } finally {
                daemon.destroy();
                assertThat(daemon.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            assertThat(java.nio.file.Files.readString(dir.resolve("daemon.log"))).contains("akashi-agent running")
                    .contains("delivered 1 report");
        }
    }

    @Test
    void collectNeedsNoServerAndPrintsAReport() throws Exception {
        Path dir = Jars.tempDir("collect-");
        AgentProcess.Result r = new AgentProcess(dir.resolve("agent")).run("collect");
        assertThat(r.exit()).as(r.out()).isZero();
        JsonNode report = jp.akashi.probes.util.Json.mapper().readTree(r.out());
        assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(report.get("asset").get("osFamily").asText()).isEqualTo("linux");
        assertThat(report.get("facts").size()).isGreaterThan(10);
    }

    /** Polls the asset's check results until the evaluator has produced {@code check}. */
    static JsonNode awaitCheck(CollectorProcess collector, String token, String assetId, String check) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode results = collector.json(collector.get("/api/v1/assets/" + assetId + "/checks", token)).get("results");
            for (JsonNode r : results) {
                if (r.get("check").asText().equals(check)) {
                    return r;
                }
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("no result for " + check + " within 30 s");
            }
            Thread.sleep(300);
        }
    }

    /** The criterion once its verdict is no longer unknown, or as it is after 30 s. */
    static JsonNode awaitCriterion(CollectorProcess collector, String token, String framework, String id) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode found = null;
            for (JsonNode c : collector.json(collector.get("/api/v1/compliance/" + framework, token)).get("criteria")) {
                if (c.get("id").asText().equals(id)) {
                    found = c;
                }
            }
            if (found == null) {
                throw new AssertionError("no criterion " + id);
            }
            if (!found.get("verdict").asText().equals("unknown") || System.currentTimeMillis() > end) {
                return found;
            }
            Thread.sleep(300);
        }
    }

    static JsonNode find(JsonNode facts, String key) {
        for (JsonNode f : facts) {
            if (f.get("key").asText().equals(key)) {
                return f;
            }
        }
        throw new AssertionError("no fact " + key);
    }
}
