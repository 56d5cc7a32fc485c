package jp.akashi.collector.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.SnmpdServer;
import jp.akashi.probes.testing.SshdServer;

/**
 * One host, one asset; one device, one asset (issue 14, section 2), against real peers on
 * loopback: the agent's report path and an SSH target (real sshd) on the same machine give one
 * asset with both sources; a v2c target and a v3 target whose passphrase is wrong (real snmpd)
 * share one device whose v2c FAIL survives the failed v3 run, whose v3 error is shown, and
 * which is marked unconfirmed while only the failed run has seen it.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class MergedAssetsTest {
    static final String WRONG_PASSPHRASE = "not-the-auth-pass-4410";

    static TestCollector c;
    static SshdServer sshd;
    static SnmpdServer snmpd;
    static String admin;

    @BeforeAll
    void start() throws Exception {
        sshd = SshdServer.start();
        snmpd = SnmpdServer.start("RTX830 Rev.15.02.20 (Tue Sep 21 10:54:40 2021)", ".1.3.6.1.4.1.1182.1.71");
        c = startCollector();
        admin = c.adminToken();
    }

    /** The collector under test (SQLite here; {@link MergedAssetsPostgresTest} runs the same on PostgreSQL). */
    TestCollector startCollector() throws Exception {
        return new TestCollector(Map.of(), Map.of("akashi.targets.tick", "PT1S", "akashi.targets.budget", "PT3M"));
    }

    @AfterAll
    void stop() throws Exception {
        if (c != null) {
            c.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void agentAndSshTargetOnTheSameHostAreOneAssetWithBothSources() throws Exception {
        // the agent's report path: what the real host probes collect here, posted as an enrolled agent
        String[] agent = c.enrollAgent();
        List<Fact> facts = new ArrayList<>(new ProbeRunner(HostProbes.all()).run(
                new ProbeContext(new LocalHostAccess(), Clock.systemUTC(), ProbeContext.LINUX, Map.of())));
        String machineId = facts.stream().filter(f -> f.key().equals("os.machine_id") && f.ok()).map(f -> (String) f.value())
                .findFirst().orElseThrow(() -> new AssertionError("this host has no machine id to test with"));
        String hostname = facts.stream().filter(f -> f.key().equals("os.hostname") && f.ok()).map(f -> (String) f.value())
                .findFirst().orElse(null);
        facts.add(new Fact("agent.version", jp.akashi.probes.model.FactStatus.OK, "1.0.0", null, java.time.Instant.now(), "agent", null));
        Report own = new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), agent[0], "1.0.0", Report.SOURCE_AGENT,
                new AssetIdentity(AssetIdentity.KIND_HOST, hostname, machineId, null, null, null, ProbeContext.LINUX),
                java.time.Instant.now(), java.time.Instant.now(), facts);
        Response posted = c.postJson("/api/v1/reports", agent[1], own);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String agentAsset = posted.json().get("assetId").asText();

        String cred = credential(Map.of("name", "root key", "kind", "ssh-key", "username", "root",
                "privateKey", sshd.clientKeyPem()));
        String id = target(Map.of("name", "same-host-over-ssh", "address", "127.0.0.1", "probes", List.of("ssh"),
                "options", Map.of("sshPort", sshd.port()), "credentialId", cred, "enabled", false)).get("id").asText();
        JsonNode done = runNow(id);
        assertThat(done.get("lastOutcome").asText()).as(done.toString()).isEqualTo("ok");
        assertThat(done.get("assetId").asText()).as("the SSH view of the agent's host is the same asset").isEqualTo(agentAsset);
        assertThat(c.get("/api/v1/assets?limit=200", admin).json().get("total").asLong()).as("one asset for one host").isEqualTo(1);

        JsonNode asset = c.get("/api/v1/assets/" + agentAsset, admin).json();
        assertThat(asset.get("confirmed").asBoolean()).isTrue();
        Map<String, JsonNode> sources = new LinkedHashMap<>();
        asset.get("sources").forEach(s -> sources.put(s.get("source").asText(), s));
        assertThat(sources.keySet()).containsExactlyInAnyOrder("agent", "collector");
        assertThat(sources.get("collector").get("label").asText()).contains("same-host-over-ssh");
        assertThat(sources.get("agent").get("updatedAt").asText()).isNotBlank();
        Set<String> sourceReports = new TreeSet<>();
        sources.values().forEach(s -> sourceReports.add(s.get("reportId").asText()));
        assertThat(sourceReports).hasSize(2);

        // each fact names the source and report it came from, and its evidence is that report's
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        asset.get("facts").forEach(f -> byKey.put(f.get("key").asText(), f));
        JsonNode hostKey = byKey.get("remote.ssh.host_key_fingerprint");
        assertThat(hostKey.get("source").asText()).isEqualTo(sources.get("collector").get("key").asText());
        assertThat(hostKey.get("reportId").asText()).isEqualTo(sources.get("collector").get("reportId").asText());
        assertThat(hostKey.get("evidence").get("source").asText()).startsWith("ssh:127.0.0.1:");
        JsonNode agentVersion = byKey.get("agent.version");
        assertThat(agentVersion.get("source").asText()).isEqualTo(sources.get("agent").get("key").asText());
        for (JsonNode f : byKey.values()) {
            assertThat(sourceReports).as("fact %s names a report of one of the asset's sources", f.get("key")).contains(f.get("reportId").asText());
        }

        // the console's asset page lists both sources (Japanese by default)
        Response page = c.get("/assets/" + agentAsset, admin);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("情報源").contains("same-host-over-ssh").contains("エージェント");

        // a snapshot names each fact's source and report, and holds the evidence of both sources' reports
        Response snap = c.postJson("/api/v1/snapshots", admin, Map.of());
        assertThat(snap.status()).as(snap.body()).isEqualTo(201);
        java.net.http.HttpResponse<byte[]> zip = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(c.uri("/api/v1/snapshots/" + snap.json().get("id").asText() + "/download"))
                        .header("Authorization", "Bearer " + admin).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                members.put(e.getName(), in.readAllBytes());
            }
        }
        String assetsJsonl = new String(members.entrySet().stream().filter(e -> e.getKey().endsWith("assets.jsonl")).findFirst()
                .orElseThrow().getValue(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode line = jp.akashi.probes.util.Json.mapper().readTree(assetsJsonl.lines().filter(l -> l.contains(agentAsset)).findFirst().orElseThrow());
        assertThat(line.get("sources")).hasSize(2);
        for (JsonNode s : line.get("sources")) {
            assertThat(members).as("evidence of source %s", s.get("key")).containsKey(s.get("evidence").asText());
        }
        assertThat(line.get("facts").get("remote.ssh.host_key_fingerprint").get("src").asText())
                .isEqualTo(sources.get("collector").get("key").asText());
        assertThat(line.get("facts").get("agent.version").get("r").asText()).isEqualTo(sources.get("agent").get("reportId").asText());
    }

    @Test
    void aFailedV3RunNeitherHidesTheV2cFailNorLooksConfirmed() throws Exception {
        String wrong = credential(Map.of("name", "v3 wrong passphrase", "kind", "snmp",
                "username", SnmpdServer.V3_USER, "authProtocol", "SHA-256", "authPassphrase", WRONG_PASSPHRASE,
                "privProtocol", "AES-128", "privPassphrase", SnmpdServer.V3_PRIV_PASS));
        String v3 = target(Map.of("name", "rtr-v3", "address", "127.0.0.1", "probes", List.of("snmp"),
                "enabled", false, "options", Map.of("snmpPort", snmpd.port(), "snmpTimeoutMs", 700), "credentialId", wrong))
                .get("id").asText();
        String community = credential(Map.of("name", "rtr community", "kind", "snmp",
                "community", SnmpdServer.COMMUNITY));
        String v2c = target(Map.of("name", "rtr-v2c", "address", "127.0.0.1", "probes", List.of("snmp"),
                "enabled", false, "options", Map.of("snmpPort", snmpd.port(), "testWellKnownCommunities", true, "snmpTimeoutMs", 700),
                "credentialId", community)).get("id").asText();

        // 1. the v3 run fails first: the device answered engine discovery only, so its asset is unconfirmed
        JsonNode first = runNow(v3);
        assertThat(first.get("lastOutcome").asText()).as(first.toString()).isNotEqualTo("ok");
        String assetId = first.get("assetId").asText(null);
        if (assetId != null) {
            JsonNode a = c.get("/api/v1/assets/" + assetId, admin).json();
            assertThat(a.get("confirmed").asBoolean()).as("only a failed run has seen " + a.get("name")).isFalse();
            assertThat(a.get("unconfirmedReason").asText()).isNotBlank();
            assertThat(c.get("/assets/" + assetId, admin).body()).contains("未確認");
            assertThat(c.send("GET", "/assets/" + assetId, admin, null, Map.of("Cookie", "AKASHI_LANG=en")).body()).contains("Unconfirmed");
        }

        // 2. the v2c run reads the device: same asset, confirmed, public community accepted → FAIL
        JsonNode second = runNow(v2c);
        assertThat(second.get("lastOutcome").asText()).as(second.toString()).isEqualTo("ok");
        String device = second.get("assetId").asText();
        if (assetId != null) {
            assertThat(device).as("one device, one asset").isEqualTo(assetId);
        }
        assertThat(c.get("/api/v1/assets/" + device, admin).json().get("confirmed").asBoolean()).isTrue();
        Response role = c.send("PATCH", "/api/v1/assets/" + device, admin,
                jp.akashi.probes.util.Json.mapper().writeValueAsBytes(Map.of("roles", List.of("boundary"))), Map.of());
        assertThat(role.status()).as(role.body()).isEqualTo(200);
        assertThat(checks(device)).containsEntry("snmp.well_known_community_refused", "FAIL").containsEntry("snmp.v1_v2c_restricted", "FAIL");

        // 3. the v3 run fails again, later: what the v2c run proved stays, the v3 error is shown beside it
        JsonNode third = runNow(v3);
        assertThat(third.get("assetId").asText()).isEqualTo(device);
        assertThat(checks(device)).containsEntry("snmp.well_known_community_refused", "FAIL").containsEntry("snmp.v1_v2c_restricted", "FAIL");
        JsonNode asset = c.get("/api/v1/assets/" + device, admin).json();
        assertThat(asset.get("confirmed").asBoolean()).isTrue();
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        asset.get("facts").forEach(f -> byKey.put(f.get("key").asText(), f));
        JsonNode accepted = byKey.get("snmp.community.well_known_accepted");
        assertThat(accepted.get("status").asText()).isEqualTo("ok");
        assertThat(accepted.get("value").asBoolean()).isTrue();
        Map<String, JsonNode> sources = new LinkedHashMap<>();
        asset.get("sources").forEach(s -> sources.put(s.get("label").asText(), s));
        assertThat(sources.keySet()).anyMatch(l -> l.contains("rtr-v2c")).anyMatch(l -> l.contains("rtr-v3"));
        String v2cKey = sources.entrySet().stream().filter(e -> e.getKey().contains("rtr-v2c")).findFirst().orElseThrow().getValue().get("key").asText();
        JsonNode v3Source = sources.entrySet().stream().filter(e -> e.getKey().contains("rtr-v3")).findFirst().orElseThrow().getValue();
        assertThat(accepted.get("source").asText()).isEqualTo(v2cKey);
        assertThat(v3Source.get("confirmed").asBoolean()).isFalse();
        assertThat(v3Source.get("errors").asInt()).isPositive();
        // the v3 user's failure is a fact of its own source, shown, not replaced by the v2c "not configured"
        JsonNode level = byKey.get("snmp.v3.security_level");
        assertThat(level.get("status").asText()).isEqualTo("error");
        assertThat(level.get("message").asText()).contains(SnmpdServer.V3_USER);
        JsonNode version = byKey.get("snmp.version_used");
        assertThat(version.get("status").asText()).isEqualTo("ok");
        assertThat(version.get("others").toString()).as("the failed read is shown beside the value").contains("error")
                .contains(v3Source.get("key").asText());
        assertThat(c.get("/assets/" + device, admin).body()).contains("rtr-v3").contains("rtr-v2c");

        // 4. a deleted target's facts leave the asset: only what the remaining source read is judged
        assertThat(c.send("DELETE", "/api/v1/targets/" + v2c, admin, null, Map.of()).status()).isEqualTo(204);
        JsonNode after = c.get("/api/v1/assets/" + device, admin).json();
        assertThat(after.get("sources")).hasSize(1);
        assertThat(after.get("sources").get(0).get("label").asText()).isEqualTo("rtr-v3");
        assertThat(checks(device)).containsEntry("snmp.well_known_community_refused", "UNKNOWN");
    }

    static String credential(Map<String, Object> body) {
        Response r = c.postJson("/api/v1/credentials", admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static JsonNode target(Map<String, Object> body) {
        Response r = c.postJson("/api/v1/targets", admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static JsonNode runNow(String id) throws InterruptedException {
        String before = c.get("/api/v1/targets/" + id, admin).json().get("lastRunAt").asText(null);
        Response r = c.postJson("/api/v1/targets/" + id + "/run", admin, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode t = c.get("/api/v1/targets/" + id, admin).json();
            if (!t.get("lastRunAt").isNull() && (before == null || t.get("lastRunAt").asText().compareTo(before) > 0)
                    && !t.get("running").asBoolean()) {
                return t;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("target " + id + " did not finish a run");
    }

    static Map<String, String> checks(String assetId) {
        c.awaitEvaluation();
        JsonNode checks = c.get("/api/v1/assets/" + assetId + "/checks", admin).json();
        Map<String, String> status = new LinkedHashMap<>();
        checks.get("results").forEach(r -> status.put(r.get("check").asText(), r.get("status").asText()));
        return status;
    }
}
