package jp.akashi.collector.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.agent.AgentMain;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.testing.SnmpdServer;
import jp.akashi.probes.testing.SshdServer;
import jp.akashi.probes.testing.TestDaemons;

/**
 * {@code akashi-agent scan --targets FILE}: the agent's own code enrolls with a real collector over
 * HTTP, probes a real sshd and snmpd, and delivers the results through its spool as separate
 * assets with {@code source: scan}.
 */
class AgentScanTest {
    static TestCollector c;
    static SshdServer sshd;
    static SnmpdServer snmpd;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sshd = SshdServer.start();
        snmpd = SnmpdServer.start("Juniper Networks, Inc. srx300 internet router, kernel JUNOS 21.2R3-S2.9, Build date: 2022-06-01 00:00:00 UTC",
                ".1.3.6.1.4.1.2636.1.1.1.2.133");
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
        dir = Files.createTempDirectory("akashi-agent-scan-");
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
        if (sshd != null) {
            sshd.close();
        }
        if (dir != null) {
            TestDaemons.deleteTree(dir);
        }
    }

    static int agent(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config-dir";
        all[args.length + 1] = dir.resolve("etc").toString();
        all[args.length + 2] = "--state-dir";
        all[args.length + 3] = dir.resolve("state").toString();
        return AgentMain.commandLine().execute(all);
    }

    @Test
    void scanPostsSeparateAssetsThroughTheSpool() throws Exception {
        String token = c.postJson("/api/v1/enrollment-tokens", c.adminToken(), Map.of("maxUses", 1)).json().get("token").asText();
        assertThat(agent("enroll", "--server", c.uri("").toString(), "--token", token, "--name", "dmz-scanner")).isZero();

        Path key = dir.resolve("scan_key");
        Files.writeString(key, sshd.clientKeyPem());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path targets = dir.resolve("targets.yaml");
        Files.writeString(targets, String.join("\n",
                "- name: web01",
                "  address: 127.0.0.1",
                "  probes: [ssh, ports]",
                "  options: {sshPort: " + sshd.port() + ", ports: \"" + sshd.port() + "\"}",
                "  hostKey: \"" + sshd.hostKeyFingerprint() + "\"",
                "  credentials: {username: root, privateKeyFile: " + key + "}",
                "- name: srx",
                "  address: 127.0.0.1",
                "  probes: [snmp]",
                "  options: {snmpPort: " + snmpd.port() + ", snmpTimeoutMs: 700}",
                "  credentials: {community: " + SnmpdServer.COMMUNITY + "}",
                ""));
        Files.setPosixFilePermissions(targets, PosixFilePermissions.fromString("rw-------"));

        assertThat(agent("scan", "--targets", targets.toString())).isZero();

        String admin = c.adminToken();
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        c.get("/api/v1/assets?limit=100", admin).json().get("items").forEach(a -> byKind.put(a.get("kind").asText(), a));
        assertThat(byKind).containsKeys("host", "network-device");
        JsonNode host = byKind.get("host");
        JsonNode device = byKind.get("network-device");
        assertThat(host.get("source").asText()).isEqualTo("scan");
        assertThat(device.get("source").asText()).isEqualTo("scan");
        assertThat(host.get("agentId").isNull()).as("a scanned host is not the agent's own asset").isTrue();

        Map<String, JsonNode> hostFacts = facts(host.get("id").asText(), admin);
        assertThat(hostFacts.get("os.family").get("value").asText()).isEqualTo("linux");
        assertThat(hostFacts.get("exposure.scanned_from").get("value").asText()).isEqualTo("agent:dmz-scanner");
        assertThat(hostFacts.get("exposure.open_ports").get("value").get(0).asInt()).isEqualTo(sshd.port());
        Map<String, JsonNode> deviceFacts = facts(device.get("id").asText(), admin);
        assertThat(deviceFacts.get("net.device.vendor").get("value").asText()).isEqualTo("Juniper");
        assertThat(deviceFacts.get("net.device.firmware_version").get("value").asText()).isEqualTo("21.2R3-S2.9");
        assertThat(deviceFacts.get("snmp.engine_id").get("status").asText()).isEqualTo("ok");

        // scanning again updates the same assets (SSH: machine id; SNMP: engine id)
        assertThat(agent("scan", "--targets", targets.toString())).isZero();
        assertThat(c.get("/api/v1/assets?limit=100", admin).json().get("items")).hasSize(2);
        assertThat(Files.list(dir.resolve("state").resolve("spool")).filter(p -> p.toString().endsWith(".json.gz")).count())
                .as("everything was delivered").isZero();
    }

    static Map<String, JsonNode> facts(String assetId, String admin) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        c.get("/api/v1/assets/" + assetId, admin).json().get("facts").forEach(f -> m.put(f.get("key").asText(), f));
        return m;
    }
}
