package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.testing.SshdServer;

/**
 * One host, one asset (issue 14): the real agent process reports this machine, the collector
 * process collects the same machine over SSH (real sshd on loopback): one asset with both sources.
 */
class OneHostOneAssetTest {

    @Test
    void theAgentAndAnSshTargetOfOneMachineAreOneAsset() throws Exception {
        Path dir = Jars.tempDir("one-host-");
        try (SshdServer sshd = SshdServer.start(); CollectorProcess collector = new CollectorProcess(dir.resolve("collector"))) {
            java.nio.file.Files.createDirectories(collector.dataDir);
            collector.start();
            AgentProcess agent = new AgentProcess(dir.resolve("agent"));
            AgentProcess.Result enrolled = agent.run("enroll", "--server", collector.url(), "--token", collector.enrollmentToken(1),
                    "--fingerprint", collector.fingerprint(), "--name", "this-host");
            assertThat(enrolled.exit()).as(enrolled.out()).isZero();
            AgentProcess.Result first = agent.run("run-once");
            assertThat(first.exit()).as(first.out()).isZero();
            String admin = collector.adminToken();
            JsonNode assets = collector.json(collector.get("/api/v1/assets", admin));
            assertThat(assets.get("total").asInt()).isEqualTo(1);
            String assetId = assets.get("items").get(0).get("id").asText();

            HttpResponse<String> cred = collector.post("/api/v1/credentials", admin, Map.of("name", "root key", "kind", "ssh-key",
                    "username", "root", "privateKey", sshd.clientKeyPem()));
            assertThat(cred.statusCode()).as(cred.body()).isEqualTo(201);
            HttpResponse<String> target = collector.post("/api/v1/targets", admin, Map.of("name", "this-host-over-ssh",
                    "address", "127.0.0.1", "probes", List.of("ssh"), "options", Map.of("sshPort", sshd.port()),
                    "credentialId", collector.json(cred).get("id").asText(), "enabled", false));
            assertThat(target.statusCode()).as(target.body()).isEqualTo(201);
            String id = collector.json(target).get("id").asText();
            assertThat(collector.post("/api/v1/targets/" + id + "/run", admin, Map.of()).statusCode()).isEqualTo(202);
            JsonNode t = null;
            long end = System.nanoTime() + 240_000_000_000L;
            while (System.nanoTime() < end) {
                t = collector.json(collector.get("/api/v1/targets/" + id, admin));
                if (!t.get("lastRunAt").isNull() && !t.get("running").asBoolean()) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(t.get("lastOutcome").asText()).as(t.toString()).isEqualTo("ok");
            assertThat(t.get("assetId").asText()).as("the SSH view of the agent's host").isEqualTo(assetId);
            assertThat(collector.json(collector.get("/api/v1/assets", admin)).get("total").asInt()).isEqualTo(1);

            JsonNode asset = collector.json(collector.get("/api/v1/assets/" + assetId, admin));
            Set<String> kinds = new HashSet<>();
            asset.get("sources").forEach(s -> kinds.add(s.get("source").asText()));
            assertThat(kinds).containsExactlyInAnyOrder("agent", "collector");
            for (JsonNode f : asset.get("facts")) {
                if (f.get("key").asText().equals("remote.ssh.host_key_fingerprint")) {
                    assertThat(f.get("source").asText()).startsWith("target:" + id + ":");
                    assertThat(f.get("evidence").get("source").asText()).startsWith("ssh:127.0.0.1:");
                }
                if (f.get("key").asText().equals("agent.version")) {
                    assertThat(f.get("source").asText()).startsWith("agent:");
                }
            }
        }
    }
}
