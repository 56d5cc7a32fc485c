package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.util.Json;

/**
 * Self-update end to end with real processes: the collector jar, the agent jar running as the
 * daemon under a supervisor that restarts it on exit 75 (as systemd's Restart=on-failure does),
 * and other builds of the agent (the same jar with other versions in its manifest) served by the
 * collector. One agent goes through: a package changed after the admin allowed it (refused, the
 * jar untouched), a version that cannot start (installed, never reports, rolled back after two
 * intervals), and a good version (installed, reports, the daemon restarts onto it) — keeping its
 * enrolment and spool throughout.
 */
class SelfUpdateTest {
    /** Short interval (written into agent.json; enrol allows 60 s at least) so two intervals pass quickly. */
    static final int INTERVAL = 15;

    @Test
    void refusesATamperedPackageRollsBackASilentVersionAndUpdatesToAGoodOne() throws Exception {
        Path dir = Jars.tempDir("self-update-");
        Path packages = Files.createDirectories(dir.resolve("collector/agent-packages"));
        Path install = Files.createDirectories(dir.resolve("opt/lib"));
        Path jar = Files.copy(Jars.agent(), install.resolve("akashi-agent.jar"));
        byte[] original = Files.readAllBytes(jar);
        String oldVersion = AgentBuilds.version(jar);
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            collector.start();
            String admin = collector.adminToken();
            Path config = dir.resolve("agent");
            AgentProcess agent = new AgentProcess(config, jar);
            AgentProcess.Result enrolled = agent.run("enroll", "--server", collector.url(), "--token", collector.enrollmentToken(1),
                    "--fingerprint", collector.fingerprint(), "--name", "updating-host");
            assertThat(enrolled.exit()).as(enrolled.out()).isZero();
            assertThat(config.resolve("collector-signing.pem")).as("the signing key is pinned at enrolment").exists();
            ObjectNode cfg = (ObjectNode) Json.mapper().readTree(config.resolve("agent.json").toFile());
            cfg.put("intervalSeconds", INTERVAL);
            Files.write(config.resolve("agent.json"), Json.mapper().writeValueAsBytes(cfg));
            String agentId = cfg.get("agentId").asText();

            // not allowed yet: the acknowledgement offers nothing
            assertThat(collector.json(collector.get("/api/v1/agent-update", admin)).get("allowed").asBoolean()).isFalse();

            // 1. allowed, then the file changed on the collector's disk: the download does not match the signed hash
            Path pkg = AgentBuilds.withVersion(jar, packages.resolve("akashi-agent-9.9.7.jar"), "9.9.7", null, null);
            assertThat(collector.put("/api/v1/agent-update", admin, Map.of("file", "akashi-agent-9.9.7.jar")).statusCode()).isEqualTo(200);
            AgentBuilds.withVersion(jar, pkg, "9.9.7", null, "injected.txt");
            try (Supervisor daemon = new Supervisor(config, jar, dir.resolve("daemon.log"))) {
                JsonNode refused = awaitAgent(collector, admin, a -> "refused".equals(a.path("update").path("state").asText()), daemon);
                assertThat(refused.get("update").get("version").asText()).isEqualTo("9.9.7");
                assertThat(refused.get("update").get("detail").asText()).contains("SHA-256 mismatch");
                assertThat(refused.get("version").asText()).isEqualTo(oldVersion);
                assertThat(Files.readAllBytes(jar)).as("a refused update changes nothing").isEqualTo(original);
                assertThat(install.resolve("akashi-agent.jar.previous")).doesNotExist();
                // the health the report carries
                assertThat(refused.get("runtime").get("javaVersion").asText()).isEqualTo(System.getProperty("java.version"));
                assertThat(refused.get("runtime").get("bundled").asBoolean()).isFalse();
                assertThat(refused.get("peakRssSource").asText()).isEqualTo("VmHWM");
                assertThat(refused.get("peakRssBytes").asLong()).isBetween(8L << 20, 1L << 30);
                assertThat(refused.get("spoolPending").isInt()).isTrue();
                assertThat(refused.get("collectMillis").asLong()).isPositive();

                // 2. a version that cannot start: installed, never reports, rolled back after two intervals
                AgentBuilds.withVersion(jar, packages.resolve("akashi-agent-9.9.8.jar"), "9.9.8", "jp.akashi.agent.NoSuchMain", null);
                assertThat(collector.put("/api/v1/agent-update", admin, Map.of("file", "akashi-agent-9.9.8.jar")).statusCode()).isEqualTo(200);
                JsonNode rolledBack = awaitAgent(collector, admin, a -> "rolled_back".equals(a.path("update").path("state").asText()), daemon);
                assertThat(rolledBack.get("update").get("version").asText()).isEqualTo("9.9.8");
                assertThat(rolledBack.get("update").get("detail").asText()).contains("did not report within two intervals");
                assertThat(daemon.output()).contains("installed 9.9.8");
                assertThat(rolledBack.get("version").asText()).isEqualTo(oldVersion);
                assertThat(Files.readAllBytes(jar)).as("the previous jar is back").isEqualTo(original);
                assertThat(AgentBuilds.version(install.resolve("akashi-agent.jar.previous"))).isEqualTo(oldVersion);

                // 3. a good version: installed, reports, and the daemon restarts onto it (exit 75)
                AgentBuilds.withVersion(jar, packages.resolve("akashi-agent-9.9.9.jar"), "9.9.9", null, null);
                assertThat(collector.put("/api/v1/agent-update", admin, Map.of("file", "akashi-agent-9.9.9.jar")).statusCode()).isEqualTo(200);
                JsonNode updated = awaitAgent(collector, admin, a -> "9.9.9".equals(a.path("version").asText())
                        && "updated".equals(a.path("update").path("state").asText()), daemon);
                assertThat(updated.get("update").get("from").asText()).isEqualTo(oldVersion);
                assertThat(AgentBuilds.version(jar)).isEqualTo("9.9.9");
                assertThat(Files.readAllBytes(install.resolve("akashi-agent.jar.previous"))).isEqualTo(original);
                awaitTrue(() -> daemon.exits().contains(75), daemon);
                assertThat(daemon.output()).contains("akashi-agent running");
                // the restarted daemon is the new version and keeps reporting
                long seen = lastSeen(collector, admin);
                awaitAgent(collector, admin, a -> a.hasNonNull("lastSeenAt") && java.time.Instant.parse(a.get("lastSeenAt").asText())
                        .toEpochMilli() > seen, daemon);
            }
            // the enrolment survived: one agent, the same id, and the audit log shows the admin's three permissions
            JsonNode agents = collector.json(collector.get("/api/v1/agents", admin));
            assertThat(agents).hasSize(1);
            assertThat(agents.get(0).get("id").asText()).isEqualTo(agentId);
            assertThat(collector.get("/api/v1/audit-log?limit=200", admin).body()).contains("agent_update.allow");
        }
    }

    private static long lastSeen(CollectorProcess c, String admin) {
        return java.time.Instant.parse(c.json(c.get("/api/v1/agents", admin)).get(0).get("lastSeenAt").asText()).toEpochMilli();
    }

    private static JsonNode awaitAgent(CollectorProcess c, String admin, Predicate<JsonNode> done, Supervisor daemon) throws Exception {
        long end = System.currentTimeMillis() + 6L * INTERVAL * 1000 + 60_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < end) {
            JsonNode agents = c.json(c.get("/api/v1/agents", admin));
            if (agents.size() == 1) {
                last = agents.get(0);
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the agent did not get there; last seen as " + last + "\ndaemon:\n" + daemon.output());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier done, Supervisor daemon) throws Exception {
        long end = System.currentTimeMillis() + 60_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out; daemon:\n" + daemon.output());
            }
            Thread.sleep(500);
        }
    }

    /** Runs {@code akashi-agent run} and restarts it when it exits 75, like the service manager. */
    static final class Supervisor implements AutoCloseable {
        private final List<Integer> exits = new CopyOnWriteArrayList<>();
        private final Path log;
        private final Thread thread;
        private volatile boolean stopping;
        private volatile Process process;

        Supervisor(Path config, Path jar, Path log) throws IOException {
            this.log = log;
            Files.createFile(log);
            thread = new Thread(() -> {
                try {
                    while (!stopping) {
                        process = new ProcessBuilder(Jars.java().toString(), "-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                                "run", "--config-dir", config.toString())
                                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                        int code = process.waitFor();
                        exits.add(code);
                        if (stopping || code != 75) {
                            return;
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    exits.add(-1);
                }
            }, "agent-supervisor");
            thread.start();
        }

        List<Integer> exits() {
            return exits;
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopping = true;
            Process p = process;
            if (p != null) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
            thread.join(30_000);
        }
    }
}
