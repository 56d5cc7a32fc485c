package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.api.ApiBodyShapeTest;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.snapshot.SnapshotKeys;
import jp.akashi.probes.update.UpdateStatement;
import jp.akashi.probes.util.Json;

/**
 * What agents say about themselves (issue 18 §3: runtime, peak memory, spool depth, failing probes,
 * the outcome of their last self-update) reaches the API and the agents page; the admin's
 * self-update permission is audit-logged, signed with the collector's signing key, and offered in
 * the report acknowledgements of older agents only. Real reports over HTTP to a real collector.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class AgentSelfReportHttpTest {
    TestCollector c;

    @BeforeAll
    void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
    }

    @AfterAll
    void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    static ObjectNode report(String agentId, String host, String version) {
        Report r = Reports.linuxHost(agentId, host);
        return Json.mapper().valueToTree(new Report(r.schemaVersion(), r.reportId(), r.agentId(), version, r.source(), r.asset(),
                r.startedAt(), r.finishedAt(), r.facts()));
    }

    static ObjectNode withHealth(ObjectNode r) {
        ObjectNode h = r.putObject("agentHealth");
        h.putObject("runtime").put("javaVersion", "17.0.9").put("javaVendor", "Eclipse Adoptium").put("bundled", true);
        h.put("peakRssBytes", 48L * 1024 * 1024).put("peakRssSource", "VmHWM").put("spoolPending", 2);
        h.putObject("update").put("state", "refused").put("version", "0.3.0").put("from", "0.2.0")
                .put("detail", "SHA-256 mismatch: downloaded ab…, published cd…").put("at", "2026-11-20T00:00:00Z");
        return r;
    }

    Response post(String credential, ObjectNode body) throws Exception {
        return c.send("POST", "/api/v1/reports", credential, Json.mapper().writeValueAsBytes(body), Map.of());
    }

    JsonNode agent(String id) {
        for (JsonNode a : c.get("/api/v1/agents", c.adminToken()).json()) {
            if (a.get("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no agent " + id);
    }

    @Test
    void theAgentsOwnHealthIsShownAndForgottenWhenALaterReportDoesNotSayIt() throws Exception {
        String[] agent = c.enrollAgent();
        Response sent = post(agent[1], withHealth(report(agent[0], "self01", "0.2.0")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        JsonNode a = agent(agent[0]);
        assertThat(a.get("runtime").get("javaVersion").asText()).isEqualTo("17.0.9");
        assertThat(a.get("runtime").get("bundled").asBoolean()).isTrue();
        assertThat(a.get("peakRssBytes").asLong()).isEqualTo(48L * 1024 * 1024);
        assertThat(a.get("spoolPending").asInt()).isEqualTo(2);
        assertThat(a.get("failingProbes").get(0).asText()).as("the probe of the failed fact").isEqualTo("test");
        assertThat(a.get("update").get("state").asText()).isEqualTo("refused");
        assertThat(ApiBodyShapeTest.shape(a.get("update"))).as("EnrollmentController.UpdateView").isEqualTo("{state,version,from,detail,at}");

        WebClient web = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        web.get("/agents");
        web.submit("/lang", Map.of("lang", "ja", "next", "/"));
        String ja = web.get("/agents").body();
        assertThat(ja).contains("17.0.9 (Eclipse Adoptium)").contains("（同梱ランタイム）").contains("ピークメモリ 48 MB（OS 計測 VmHWM）")
                .contains("スプール待ち 2 件").contains("失敗したプローブ: test").contains("0.3.0 への更新を拒否しました: SHA-256 mismatch");
        web.submit("/lang", Map.of("lang", "en", "next", "/"));
        assertThat(web.get("/agents").body()).contains("Peak memory 48 MB (OS figure VmHWM)").contains("Refused the update to 0.3.0");

        // an older agent sends no agentHealth: its self-report is unknown, not the previous one
        Thread.sleep(5);
        assertThat(post(agent[1], report(agent[0], "self01", "0.2.0")).status()).isEqualTo(201);
        JsonNode later = agent(agent[0]);
        assertThat(later.get("runtime").get("javaVersion").isNull()).isTrue();
        assertThat(later.get("peakRssBytes").isNull()).isTrue();
        assertThat(later.get("update").isNull()).isTrue();
        assertThat(web.get("/agents").body()).contains("Unknown (an older version that sends no self-report)");
    }

    @Test
    void aMalformedAgentHealthIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
        String[] agent = c.enrollAgent();
        String admin = c.adminToken();
        int before = c.get("/api/v1/assets", admin).json().get("total").asInt();
        ObjectNode negative = withHealth(report(agent[0], "bad02", "0.2.0"));
        ((ObjectNode) negative.get("agentHealth")).put("peakRssBytes", -1);
        ObjectNode state = withHealth(report(agent[0], "bad02", "0.2.0"));
        ((ObjectNode) state.get("agentHealth").get("update")).put("state", "exploded");
        ObjectNode control = withHealth(report(agent[0], "bad02", "0.2.0"));
        ((ObjectNode) control.get("agentHealth").get("runtime")).put("javaVendor", "evil\u202evendor");
        ObjectNode future = withHealth(report(agent[0], "bad02", "0.2.0"));
        ((ObjectNode) future.get("agentHealth").get("update")).put("at", "2099-01-01T00:00:00Z");
        Map<ObjectNode, String> cases = Map.of(negative, "agentHealth.peakRssBytes", state, "agentHealth.update.state",
                control, "agentHealth.runtime.javaVendor", future, "agentHealth.update.at");
        for (Map.Entry<ObjectNode, String> e : cases.entrySet()) {
            Response r = post(agent[1], e.getKey());
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).startsWith(e.getValue());
        }
        assertThat(c.get("/api/v1/assets", admin).json().get("total").asInt()).isEqualTo(before);
    }

    @Test
    void anAllowedUpdateIsSignedAuditedAndOfferedToOlderAgentsOnly() throws Exception {
        Path dir = Files.createDirectories(c.dataDir().resolve("agent-packages"));
        byte[] jar = "stand-in jar 0.5.0".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("akashi-agent-0.5.0.jar"), jar);
        Files.write(dir.resolve("akashi-agent_0.5.0_amd64.deb"), jar);
        String admin = c.adminToken();
        String[] agent = c.enrollAgent();
        assertThat(post(agent[1], report(agent[0], "upd01", "0.2.0")).json().has("update")).as("not allowed: no offer").isFalse();

        // refused: not a served agent jar (a deb updates nothing by itself), or no such file; nothing is set
        for (String bad : new String[] {"akashi-agent_0.5.0_amd64.deb", "akashi-agent-0.6.0.jar", "../secret.jar"}) {
            Response r = c.send("PUT", "/api/v1/agent-update", admin, Json.mapper().writeValueAsBytes(Map.of("file", bad)),
                    Map.of("Content-Type", "application/json"));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
        }
        assertThat(c.get("/api/v1/agent-update", admin).json().get("allowed").asBoolean()).isFalse();
        Response notAdmin = c.send("PUT", "/api/v1/agent-update", c.userToken("sec-upd", "security"),
                Json.mapper().writeValueAsBytes(Map.of("file", "akashi-agent-0.5.0.jar")), Map.of("Content-Type", "application/json"));
        assertThat(notAdmin.status()).isEqualTo(403);

        Response allowed = c.send("PUT", "/api/v1/agent-update", admin, Json.mapper().writeValueAsBytes(Map.of("file", "akashi-agent-0.5.0.jar")),
                Map.of("Content-Type", "application/json"));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(ApiBodyShapeTest.shape(allowed.json())).as("AgentUpdateController.Permission while allowed")
                .isEqualTo("{allowed,file,version,sha256,signature,keyFingerprint,setBy,setAt}");
        Thread.sleep(5);
        JsonNode offer = post(agent[1], report(agent[0], "upd01", "0.2.0")).json().get("update");
        assertThat(offer).as("an older agent is offered the package").isNotNull();
        assertThat(offer.get("version").asText()).isEqualTo("0.5.0");
        assertThat(offer.get("url").asText()).isEqualTo("/agent/packages/akashi-agent-0.5.0.jar");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(jar));
        assertThat(offer.get("sha256").asText()).isEqualTo(sha);
        // the signature verifies with the public snapshot key, over exactly (file, version, sha256)
        java.security.PublicKey key = SnapshotKeys.readPublicKeyPem(c.get("/api/v1/snapshots/public-key", null).body());
        byte[] sig = Base64.getDecoder().decode(offer.get("signature").asText());
        assertThat(SnapshotKeys.verify(key, new UpdateStatement("akashi-agent-0.5.0.jar", "0.5.0", sha).bytes(), sig)).isTrue();
        assertThat(SnapshotKeys.verify(key, new UpdateStatement("akashi-agent-0.5.0.jar", "0.6.0", sha).bytes(), sig)).isFalse();

        Thread.sleep(5);
        assertThat(post(agent[1], report(agent[0], "upd01", "0.5.0")).json().has("update")).as("up to date: no offer").isFalse();
        assertThat(post(agent[1], report(agent[0], "upd01", "0.6.0")).json().has("update")).as("newer: no offer").isFalse();

        // the console shows the permission; withdrawing it stops the offers; both are in the audit log
        WebClient web = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        web.get("/agents");
        web.submit("/lang", Map.of("lang", "ja", "next", "/"));
        assertThat(web.get("/agents/deploy").body()).contains("自己更新を許可中: 0.5.0（akashi-agent-0.5.0.jar").contains(sha);
        assertThat(c.send("DELETE", "/api/v1/agent-update", admin, null, Map.of()).status()).isEqualTo(204);
        Thread.sleep(5);
        assertThat(post(agent[1], report(agent[0], "upd01", "0.2.0")).json().has("update")).isFalse();
        assertThat(web.get("/agents/deploy").body()).contains("自己更新は許可されていません");
        // the console's form gives it again
        web.submit("/agents/deploy/self-update", Map.of("file", "akashi-agent-0.5.0.jar"));
        assertThat(web.get("/agents/deploy").body()).contains("自己更新を許可中: 0.5.0");
        assertThat(c.get("/api/v1/agent-update", admin).json().get("setBy").asText()).isNotBlank();
        String audit = c.get("/api/v1/audit-log", admin).body();
        assertThat(audit).contains("agent_update.allow").contains("agent_update.disallow");
    }
}
