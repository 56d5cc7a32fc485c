package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.DiskFiller;

/**
 * The agent's spool never gets stuck (issue 16 §2), against the real collector and agent jars:
 * a file the collector refuses for good is set aside and delivery goes on, and reports spooled
 * under an old identity are delivered at once after {@code enroll --force}.
 */
class SpoolHealingTest {

    /** Starts the collector on a fresh data dir and enrolls an agent under {@code dir/agent} with it. */
    static AgentProcess startAndEnroll(CollectorProcess collector, Path dir, String... extra) throws Exception {
        Files.createDirectories(collector.dataDir);
        collector.start();
        AgentProcess agent = new AgentProcess(dir.resolve("agent"));
        List<String> args = new ArrayList<>(List.of("enroll", "--server", collector.url(), "--token", collector.enrollmentToken(1),
                "--fingerprint", collector.fingerprint()));
        args.addAll(List.of(extra));
        assertThat(agent.run(args.toArray(String[]::new)).exit()).isZero();
        return agent;
    }

    @Test
    void aCorruptSpoolFileIsSetAsideAndTheReportsBehindItAreDelivered() throws Exception {
        Path dir = Jars.tempDir("spool-bad-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            AgentProcess agent = startAndEnroll(collector, dir);
            collector.stop();
            assertThat(agent.run("run-once").exit()).isEqualTo(5);
            // a damaged file that sorts before the good one (not gzip at all)
            Path spool = dir.resolve("agent").resolve("state").resolve("spool");
            Files.write(spool.resolve("0000000000001-00000000-0000-0000-0000-000000000000.json.gz"), "not gzip at all".getBytes());
            assertThat(agent.spooled()).isEqualTo(2);

            collector.start();
            AgentProcess.Result back = agent.run("run-once");
            assertThat(back.exit()).as(back.out()).isZero();
            assertThat(back.out()).contains("delivered 2 report(s), 1 refused");
            assertThat(agent.spooled()).isZero();
            Path rejected = spool.resolve("rejected");
            assertThat(rejected.resolve("0000000000001-00000000-0000-0000-0000-000000000000.json.gz")).exists();
            assertThat(Files.readString(rejected.resolve("0000000000001-00000000-0000-0000-0000-000000000000.json.gz.reason.txt")))
                    .contains("HTTP 400");
            AgentProcess.Result status = agent.run("status");
            assertThat(status.out()).as(status.out()).contains("rejected:        1 report(s) refused by the collector, kept in " + rejected);
        }
    }

    @Test
    void reportsSpooledBeforeReEnrolmentAreDeliveredByTheNewIdentity() throws Exception {
        Path dir = Jars.tempDir("spool-reenroll-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            AgentProcess agent = startAndEnroll(collector, dir, "--name", "reenrolled");
            assertThat(agent.run("run-once").exit()).isZero();
            String token = collector.enrollmentToken(1);
            collector.stop();
            assertThat(agent.run("run-once").exit()).isEqualTo(5);
            assertThat(agent.run("run-once").exit()).isEqualTo(5);
            assertThat(agent.spooled()).isEqualTo(2);

            collector.start();
            AgentProcess.Result again = agent.run("enroll", "--force", "--server", collector.url(), "--token", token,
                    "--fingerprint", collector.fingerprint(), "--name", "reenrolled");
            assertThat(again.exit()).as(again.out()).isZero();
            AgentProcess.Result deliver = agent.run("run-once", "--no-collect");
            assertThat(deliver.exit()).as(deliver.out()).isZero();
            assertThat(deliver.out()).contains("delivered 2 report(s)");
            assertThat(agent.spooled()).isZero();
            assertThat(dir.resolve("agent").resolve("state").resolve("spool").resolve("rejected")).doesNotExist();
            AgentProcess.Result next = agent.run("run-once");
            assertThat(next.exit()).as(next.out()).isZero();
        }
    }

    @Test
    void aBrokenConfigurationIsExit3AndEnrollForceRepairsIt() throws Exception {
        Path dir = Jars.tempDir("spool-config-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            AgentProcess agent = startAndEnroll(collector, dir);
            Path config = dir.resolve("agent").resolve("agent.json");
            Files.writeString(config, Files.readString(config).substring(0, 40));
            AgentProcess.Result broken = agent.run("run-once");
            assertThat(broken.exit()).as(broken.out()).isEqualTo(3);
            assertThat(broken.out()).contains(config.toString()).contains("enroll --force");
            AgentProcess.Result again = agent.run("enroll", "--force", "--server", collector.url(), "--token",
                    collector.enrollmentToken(1), "--fingerprint", collector.fingerprint());
            assertThat(again.exit()).as(again.out()).isZero();
            AgentProcess.Result works = agent.run("run-once");
            assertThat(works.exit()).as(works.out()).isZero();
            assertThat(works.out()).contains("delivered 1 report(s)");
        }
    }

    /** A real full disk: the agent's state directory on a 256 KiB tmpfs (needs root to mount; skipped elsewhere). */
    @Test
    void onAFullDiskTheAgentDeliversWhatWaitsFirstAndSendsNewReportsFromMemory() throws Exception {
        Path dir = Jars.tempDir("spool-full-");
        Path mnt = Files.createDirectories(dir.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here (not root)");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            AgentProcess agent = startAndEnroll(collector, dir);
            collector.stop();
            assertThat(agent.run("run-once", "--state-dir", mnt.toString()).exit()).isEqualTo(5);
            Path spool = mnt.resolve("spool");
            Files.write(spool.resolve(".0000000000002-leftover.json.gz.tmp"), new byte[1000]);
            DiskFiller.fill(mnt.resolve("filler-1"));

            // the waiting report goes first, which makes room for the new one
            collector.start();
            AgentProcess.Result first = agent.run("run-once", "--state-dir", mnt.toString());
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("delivered 2 report(s)").contains("removed 1 temporary file(s)");
            assertThat(spool.resolve(".0000000000002-leftover.json.gz.tmp")).doesNotExist();

            // nothing waits and the disk is full: the report is sent from memory
            DiskFiller.fill(mnt.resolve("filler-2"));
            AgentProcess.Result direct = agent.run("run-once", "--state-dir", mnt.toString());
            assertThat(direct.exit()).as(direct.out()).isZero();
            assertThat(direct.out()).contains("sending this report directly").contains("delivered 1 report(s)");
            try (var l = Files.list(spool)) {
                assertThat(l.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            AgentProcess.Result status = agent.run("status", "--state-dir", mnt.toString());
            assertThat(status.out()).as(status.out()).contains("spool problem:   cannot write to " + spool);
            String admin = collector.adminToken();
            String assetId = collector.json(collector.get("/api/v1/assets", admin)).get("items").get(0).get("id").asText();
            assertThat(collector.json(collector.get("/api/v1/assets/" + assetId, admin)).get("reports")).hasSize(3);
            // the collector shows that this agent's spool cannot be written, while its latest report says so
            assertThat(collector.get("/assets/" + assetId, admin).body()).contains("このホストのエージェントはスプールに書き込めません")
                    .contains("No space left on device");
            assertThat(collector.get("/agents", admin).body()).contains("スプール書込不可");
        } finally {
            new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
        }
    }


    @Test
    void reportsDroppedByTheSpoolBoundAreToldToTheCollectorAndSurviveAGarbledStateFile() throws Exception {
        Path dir = Jars.tempDir("spool-drops-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            AgentProcess agent = startAndEnroll(collector, dir);
            collector.stop();
            for (int i = 0; i < 3; i++) {
                assertThat(agent.run("run-once", "--spool-max-files", "1").exit()).isEqualTo(5);
            }
            Path spool = dir.resolve("agent").resolve("state").resolve("spool");
            Path waiting;
            try (var l = Files.list(spool)) {
                waiting = l.filter(p -> p.getFileName().toString().endsWith(".json.gz")).findFirst().orElseThrow();
            }
            com.fasterxml.jackson.databind.JsonNode body;
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(waiting))) {
                body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
            }
            // the third report tells of the first drop (the second drop is told by the next report)
            assertThat(body.path("spoolDrops").path("total").asInt()).as("spoolDrops of the waiting report").isEqualTo(1);
            assertThat(body.path("spoolDrops").path("oldestCollectedAt").asText()).isNotEmpty();

            Path state = dir.resolve("agent").resolve("state").resolve("state.json");
            Files.writeString(state, "{\"droppedReports\": ");
            collector.start();
            AgentProcess.Result back = agent.run("run-once", "--spool-max-files", "1");
            assertThat(back.exit()).as(back.out()).isZero();
            assertThat(back.out()).contains("delivered 2 report(s)");
            AgentProcess.Result status = agent.run("status");
            assertThat(status.out()).as(status.out()).contains("dropped:         2 report(s)");
        }
    }
}
