package jp.akashi.collector.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.testing.SnmpdServer;
import jp.akashi.probes.testing.SshdServer;
import jp.akashi.probes.testing.TestCertificates;
import jp.akashi.probes.testing.TlsTestServer;
import jp.akashi.probes.util.Json;

/**
 * Targets end to end against real peers on loopback: OpenSSH sshd, net-snmp snmpd and a TLS
 * server, collected by the collector's scheduler and "run now", stored through ingest, evaluated.
 */
class TargetCollectionTest {
    static final String SYS_DESCR = "RTX830 Rev.15.02.20 (Tue Sep 21 10:54:40 2021)";
    static final String WRONG_PASSWORD = "not-the-password-5521";

    static TestCollector c;
    static SshdServer sshd;
    static SnmpdServer snmpd;
    static TlsTestServer tls;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        sshd = SshdServer.start();
        snmpd = SnmpdServer.start(SYS_DESCR, ".1.3.6.1.4.1.1182.1.71");
        TestCertificates.Issued cert = TestCertificates.selfSigned("CN=localhost", TestCertificates.ec256(),
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS), List.of("IP:127.0.0.1"), false);
        char[] pw = "changeit".toCharArray();
        KeyStore ks = cert.keyStore(pw);
        tls = TlsTestServer.start(ks, pw, List.of("TLSv1.2", "TLSv1.3"));
        c = new TestCollector(Map.of(), Map.of("akashi.targets.tick", "PT1S", "akashi.targets.budget", "PT3M"));
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
        if (tls != null) {
            tls.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
        if (sshd != null) {
            sshd.close();
        }
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

    /** Waits until the target has finished a run after {@code since} (the scheduler or a manual run). */
    static JsonNode awaitRun(String id, String since) throws InterruptedException {
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode t = c.get("/api/v1/targets/" + id, admin).json();
            if (!t.get("lastRunAt").isNull() && (since == null || t.get("lastRunAt").asText().compareTo(since) > 0) && !t.get("running").asBoolean()) {
                return t;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("target " + id + " did not finish a run");
    }

    static JsonNode runNow(String id) throws InterruptedException {
        String before = c.get("/api/v1/targets/" + id, admin).json().get("lastRunAt").asText(null);
        Response r = c.postJson("/api/v1/targets/" + id + "/run", admin, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return awaitRun(id, before);
    }

    static Map<String, JsonNode> facts(String assetId) {
        JsonNode a = c.get("/api/v1/assets/" + assetId, admin).json();
        Map<String, JsonNode> m = new LinkedHashMap<>();
        a.get("facts").forEach(f -> m.put(f.get("key").asText(), f));
        return m;
    }

    static Map<String, Object> opts(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void sshTargetIsCollectedByTheSchedulerPinnedAndEvaluated() throws Exception {
        String cred = credential(Map.of("name", "root key", "kind", "ssh-key", "username", "root", "privateKey", sshd.clientKeyPem()));
        JsonNode t = target(Map.of("name", "linux-via-ssh", "address", "127.0.0.1", "probes", List.of("ssh"),
                "options", Map.of("sshPort", sshd.port()), "credentialId", cred, "intervalMinutes", 60));
        assertThat(t.get("hostKey").get("fingerprint").isNull()).isTrue();

        JsonNode done = awaitRun(t.get("id").asText(), null); // no "run now": the scheduler picks a new target up at its next tick
        assertThat(done.get("lastOutcome").asText()).as(done.toString()).isEqualTo("ok");
        assertThat(done.get("hostKey").get("fingerprint").asText()).isEqualTo(sshd.hostKeyFingerprint());
        String assetId = done.get("assetId").asText();

        JsonNode asset = c.get("/api/v1/assets/" + assetId, admin).json();
        assertThat(asset.get("kind").asText()).isEqualTo("host");
        Map<String, JsonNode> f = facts(assetId);
        assertThat(f.get("os.family").get("value").asText()).isEqualTo("linux");
        assertThat(f.get("remote.method").get("value").asText()).isEqualTo("ssh");
        assertThat(f.get("remote.ssh.host_key_fingerprint").get("value").asText()).isEqualTo(sshd.hostKeyFingerprint());

        c.awaitEvaluation();
        JsonNode checks = c.get("/api/v1/assets/" + assetId + "/checks", admin).json();
        List<String> decided = new ArrayList<>();
        checks.get("results").forEach(r -> {
            if (List.of("PASS", "FAIL").contains(r.get("status").asText())) {
                decided.add(r.get("check").asText());
            }
        });
        assertThat(decided).as("checks decided from the SSH-collected facts").isNotEmpty();

        JsonNode runs = c.get("/api/v1/targets/" + t.get("id").asText() + "/runs", admin).json();
        assertThat(runs.get(0).get("trigger").asText()).isEqualTo("schedule");
        assertThat(runs.get(0).get("assetIds").get(0).asText()).isEqualTo(assetId);

        // a second run finds the same asset again (machine id), not a new one
        JsonNode again = runNow(t.get("id").asText());
        assertThat(again.get("assetId").asText()).isEqualTo(assetId);

        // another target scanning the same address keeps its own asset: it never overwrites the SSH-collected facts
        String ports = target(Map.of("name", "ports-of-ssh-host", "address", "127.0.0.1", "probes", List.of("ports"), "enabled", false,
                "options", Map.of("ports", "1," + sshd.port()))).get("id").asText();
        String portsAsset = runNow(ports).get("assetId").asText();
        assertThat(portsAsset).isNotEqualTo(assetId);
        assertThat(runNow(ports).get("assetId").asText()).as("found again by address and probes").isEqualTo(portsAsset);
        assertThat(facts(assetId)).containsKey("os.family");
        assertThat(facts(portsAsset)).containsKey("exposure.open_ports").doesNotContainKey("os.family");
    }

    @Test
    void changedHostKeyIsRefusedUntilThePinIsReset() throws Exception {
        // the test user's password works on both servers (each sshd has its own host key and client key)
        String cred = credential(Map.of("name", "test user password", "kind", "ssh-password", "username", SshdServer.TEST_USER,
                "password", SshdServer.TEST_PASSWORD));
        String id = target(Map.of("name", "pinned-host", "address", "127.0.0.1", "probes", List.of("ssh"),
                "options", Map.of("sshPort", sshd.port()), "credentialId", cred, "enabled", false)).get("id").asText();
        assertThat(runNow(id).get("hostKey").get("fingerprint").asText()).isEqualTo(sshd.hostKeyFingerprint());
        try (SshdServer other = SshdServer.start()) {
            Response moved = c.send("PATCH", "/api/v1/targets/" + id, admin,
                    Json.mapper().writeValueAsBytes(Map.of("options", Map.of("sshPort", other.port()))), Map.of());
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            JsonNode refused = runNow(id);
            assertThat(refused.get("lastOutcome").asText()).isEqualTo("failed");
            assertThat(refused.get("lastMessage").asText()).contains("HOST_KEY_REJECTED").contains(sshd.hostKeyFingerprint())
                    .contains("reset-host-key");
            assertThat(refused.get("hostKey").get("fingerprint").asText()).as("the pin stays").isEqualTo(sshd.hostKeyFingerprint());

            Response reset = c.postJson("/api/v1/targets/" + id + "/reset-host-key", admin, Map.of());
            assertThat(reset.status()).as(reset.body()).isEqualTo(200);
            assertThat(reset.json().get("hostKey").get("fingerprint").isNull()).isTrue();
            JsonNode ok = runNow(id);
            assertThat(ok.get("lastOutcome").asText()).isEqualTo("ok");
            assertThat(ok.get("hostKey").get("fingerprint").asText()).isEqualTo(other.hostKeyFingerprint());
        }
    }

    @Test
    void wrongCredentialsFailTheTargetAndLeaveOthersAlone() throws Exception {
        String wrong = credential(Map.of("name", "wrong password", "kind", "ssh-password", "username", SshdServer.TEST_USER,
                "password", WRONG_PASSWORD));
        String bad = target(Map.of("name", "wrong-creds", "address", "127.0.0.1", "probes", List.of("ssh"),
                "options", Map.of("sshPort", sshd.port()), "credentialId", wrong)).get("id").asText();
        String good = target(Map.of("name", "ports-beside", "address", "127.0.0.1", "probes", List.of("ports"),
                "options", Map.of("ports", String.valueOf(sshd.port())))).get("id").asText();
        JsonNode failed = awaitRun(bad, null);
        JsonNode fine = awaitRun(good, null);
        assertThat(failed.get("lastOutcome").asText()).isEqualTo("failed");
        assertThat(failed.get("lastMessage").asText()).contains("AUTH_FAILED");
        assertThat(failed.get("lastMessage").asText()).doesNotContain(WRONG_PASSWORD);
        assertThat(failed.get("assetId").isNull()).as("no asset of errors is created").isTrue();
        assertThat(failed.get("hostKey").get("fingerprint").isNull()).as("no pin without a successful login").isTrue();
        assertThat(fine.get("lastOutcome").asText()).isEqualTo("ok");
        JsonNode run = c.get("/api/v1/targets/" + bad + "/runs", admin).json().get(0);
        assertThat(run.get("probes").get(0).get("code").asText()).isEqualTo("AUTH_FAILED");
    }

    @Test
    void snmpTargetBecomesANetworkDeviceWithSnmpFacts() throws Exception {
        String cred = credential(Map.of("name", "rtr community", "kind", "snmp", "community", SnmpdServer.COMMUNITY));
        JsonNode t = target(Map.of("name", "edge-rtr01", "address", "127.0.0.1", "probes", List.of("snmp"), "enabled", false,
                "options", Map.of("snmpPort", snmpd.port(), "testWellKnownCommunities", true, "snmpTimeoutMs", 700), "credentialId", cred));
        assertThat(t.get("kind").asText()).isEqualTo("network-device");
        JsonNode done = runNow(t.get("id").asText());
        assertThat(done.get("lastOutcome").asText()).as(done.toString()).isEqualTo("ok");
        String assetId = done.get("assetId").asText();
        JsonNode asset = c.get("/api/v1/assets/" + assetId, admin).json();
        assertThat(asset.get("kind").asText()).isEqualTo("network-device");
        Map<String, JsonNode> f = facts(assetId);
        assertThat(f.get("snmp.v2c.answers").get("value").asBoolean()).isTrue();
        assertThat(f.get("snmp.sys_name").get("value").asText()).isEqualTo("edge-rtr01");
        assertThat(f.get("net.device.vendor").get("value").asText()).isEqualTo("YAMAHA");
        assertThat(f.get("net.device.model").get("value").asText()).isEqualTo("RTX830");
        assertThat(f.get("snmp.community.well_known_accepted").get("value").asBoolean()).as("snmpd answers 'public'").isTrue();
        assertThat(f.get("snmp.sys_uptime_seconds").get("status").asText()).isEqualTo("ok");

        Response role = c.send("PATCH", "/api/v1/assets/" + assetId, admin,
                Json.mapper().writeValueAsBytes(Map.of("roles", List.of("boundary"))), Map.of());
        assertThat(role.status()).as(role.body()).isEqualTo(200);
        c.awaitEvaluation();
        c.postJson("/api/v1/evaluations", admin, Map.of());
        c.awaitEvaluation();
        JsonNode checks = c.get("/api/v1/assets/" + assetId + "/checks", admin).json();
        Map<String, String> status = new LinkedHashMap<>();
        checks.get("results").forEach(r -> status.put(r.get("check").asText(), r.get("status").asText()));
        assertThat(status).containsEntry("snmp.well_known_community_refused", "FAIL").containsEntry("snmp.v1_v2c_restricted", "FAIL")
                .containsEntry("net.device_identified", "PASS").containsEntry("net.firmware_supported", "PASS");
    }

    @Test
    void portsAndTlsAgainstLocalServers() throws Exception {
        JsonNode t = target(Map.of("name", "local-services", "address", "127.0.0.1", "probes", List.of("ports", "tls"), "enabled", false,
                "options", Map.of("ports", sshd.port() + "," + tls.port(), "tlsPorts", List.of(tls.port()))));
        JsonNode done = runNow(t.get("id").asText());
        assertThat(done.get("lastOutcome").asText()).as(done.toString()).isEqualTo("ok");
        Map<String, JsonNode> f = facts(done.get("assetId").asText());
        List<Integer> open = new ArrayList<>();
        f.get("exposure.open_ports").get("value").forEach(p -> open.add(p.asInt()));
        assertThat(open).containsExactlyInAnyOrder(sshd.port(), tls.port());
        assertThat(f.get("exposure.scanned_from").get("value").asText()).isEqualTo("collector");
        assertThat(f.get("tls.cert.self_signed").get("value").asBoolean()).isTrue();
        assertThat(f.get("tls.protocols_accepted").get("value").toString()).contains("TLSv1.2");
    }

    @Test
    void credentialsAreEncryptedAtRestAndNeverReturned() throws Exception {
        String secret = "Very-Secret-Passphrase-0931";
        String id = credential(Map.of("name", "v3 router", "kind", "snmp", "username", "akashi-v3", "authProtocol", "SHA-256",
                "authPassphrase", secret, "privProtocol", "AES-128", "privPassphrase", secret + "-priv", "community", "comm-" + secret));
        Response list = c.get("/api/v1/credentials", admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).contains("\"secret\":\"set\"").contains("SHA-256");
        assertThat(c.get("/api/v1/targets", admin).body()).doesNotContain(secret);

        Path data = c.dataDir();
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        for (Path p : files) {
            assertThat(indexOf(Files.readAllBytes(p), needle)).as("secret in %s", p).isEqualTo(-1);
        }
        Path key = data.resolve("secrets").resolve("credentials.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");

        // the secret is in the database only as AES-GCM ciphertext, bound to its row
        CredentialService service = c.bean(CredentialService.class);
        Credential stored = service.get(id).orElseThrow();
        assertThat(service.secrets(stored).snmpV3().authPassphrase()).isEqualTo(secret);
        Credential moved = new Credential("another-id", stored.name(), stored.kind(), stored.username(), stored.settings(), stored.sealed(),
                null, stored.createdBy(), stored.createdAt());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.secrets(moved)).isInstanceOf(CredentialException.class)
                .hasMessageContaining("integrity");
        // the audit log records the change (name, kind, user, key id), never the secret
        List<String> audit = c.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                "SELECT details FROM audit_log WHERE action = 'credential.create' AND target = :id").bind("id", id).mapTo(String.class).list());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).contains("v3 router").contains("akashi-v3").doesNotContain(secret);

        String user = c.userToken("auditor-cred", "auditor");
        assertThat(c.get("/api/v1/credentials", user).status()).isEqualTo(200);
        assertThat(c.postJson("/api/v1/credentials", user, Map.of("name", "x", "kind", "snmp", "community", "abc")).status()).isEqualTo(403);
        assertThat(c.send("DELETE", "/api/v1/credentials/" + id, user, null, Map.of()).status()).isEqualTo(403);
        assertThat(c.send("DELETE", "/api/v1/credentials/" + id, admin, null, Map.of()).status()).isEqualTo(204);
    }

    @Test
    void badTargetsAreRefusedWithClearMessages() {
        String snmpCred = credential(Map.of("name", "community only", "kind", "snmp", "community", "abc-123"));
        record Case(Map<String, Object> body, String message) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("name", "a", "address", "192.0.2.0/33", "probes", List.of("ports")), "prefix"),
                new Case(Map.of("name", "a", "address", "10.0.0.0/16", "probes", List.of("ports")), "limit"),
                new Case(Map.of("name", "a", "address", "192.0.2.300", "probes", List.of("ports")), "not an address"),
                new Case(Map.of("name", "a", "address", "192.0.2.1", "probes", List.of("telnet")), "unknown probe"),
                new Case(Map.of("name", "a", "address", "192.0.2.1", "probes", List.of("ports"), "intervalMinutes", 4), "intervalMinutes"),
                new Case(Map.of("name", "a", "address", "192.0.2.1", "probes", List.of("ports"), "options", Map.of("ports", "0-70000")), "port"),
                new Case(Map.of("name", "a", "address", "192.0.2.0/24", "probes", List.of("ports"), "options", Map.of("ports", "1-1024")), "connections"),
                new Case(Map.of("name", "a", "address", "192.0.2.0/28", "probes", List.of("ssh")), "single address"),
                new Case(Map.of("name", "a", "address", "192.0.2.1", "probes", List.of("ssh", "snmp")), "cannot be combined"),
                new Case(Map.of("name", "a", "address", "192.0.2.1", "probes", List.of("ports"), "tls_ports", List.of(443)), "unknown field tls_ports"),
                new Case(Map.of("name", "a", "address", "192.0.2.1", "probes", List.of("ssh")), "credentialId is required"),
                new Case(Map.of("name", "a", "address", "192.0.2.1", "probes", List.of("ssh"), "credentialId", snmpCred), "ssh needs"),
                new Case(Map.of("name", "a", "address", "192.0.2.1", "probes", List.of("ports"), "credentialId", snmpCred), "only used by"));
        for (Case k : cases) {
            Response r = c.postJson("/api/v1/targets", admin, k.body());
            assertThat(r.status()).as(k.body() + " → " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(k.body().toString()).containsIgnoringCase(k.message());
        }
        assertThat(c.get("/api/v1/targets", admin).body()).doesNotContain("\"name\":\"a\"");
        Response badCred = c.postJson("/api/v1/credentials", admin, Map.of("name", "k", "kind", "ssh-key", "username", "root",
                "privateKey", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"));
        assertThat(badCred.status()).isEqualTo(400);
        assertThat(badCred.body()).contains("cannot be read");
        String auditor = c.userToken("auditor-targets", "auditor");
        assertThat(c.get("/api/v1/targets", auditor).status()).isEqualTo(200);
        assertThat(c.postJson("/api/v1/targets", auditor, Map.of("name", "b", "address", "192.0.2.1", "probes", List.of("ports"))).status())
                .isEqualTo(403);
        assertThat(c.postJson("/api/v1/targets/nope/run", admin, Map.of()).status()).isEqualTo(404);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
