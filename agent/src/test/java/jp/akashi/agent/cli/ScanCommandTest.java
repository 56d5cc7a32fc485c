package jp.akashi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.agent.AgentMain;
import jp.akashi.probes.util.Json;

class ScanCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run agent(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--config-dir", dir.resolve("etc").toString(), "--state-dir", dir.resolve("state").toString()));
            int code = AgentMain.commandLine().execute(all.toArray(new String[0]));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void dryRunPrintsTheScanReports() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path targets = dir.resolve("targets.yaml");
            Files.writeString(targets, "- {name: local, address: 127.0.0.1, probes: [ports], options: {ports: \"" + listening.getLocalPort() + "\"}}\n");
            Run r = agent("scan", "--targets", targets.toString(), "--dry-run", "--scanned-from", "agent:test");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).contains("target local (127.0.0.1): ok, 1 report(s)");
            JsonNode reports = Json.mapper().readTree(r.out());
            assertThat(reports).hasSize(1);
            JsonNode report = reports.get(0);
            assertThat(report.get("source").asText()).isEqualTo("scan");
            assertThat(report.get("asset").get("address").asText()).isEqualTo("127.0.0.1");
            List<String> lines = new ArrayList<>();
            report.get("facts").forEach(f -> lines.add(f.get("key").asText() + "=" + f.path("value")));
            assertThat(lines).contains("exposure.open_ports=[" + listening.getLocalPort() + "]", "exposure.scanned_from=\"agent:test\"");
        }
    }

    @Test
    void deliveringNeedsEnrollment() throws Exception {
        Path targets = dir.resolve("targets.yaml");
        Files.writeString(targets, "- {name: local, address: 127.0.0.1, probes: [tls]}\n");
        Run r = agent("scan", "--targets", targets.toString());
        assertThat(r.code()).isEqualTo(AgentMain.EXIT_NOT_ENROLLED);
        assertThat(r.err()).contains("not enrolled");
        Run bad = agent("scan", "--targets", dir.resolve("missing.yaml").toString(), "--dry-run");
        assertThat(bad.code()).isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(bad.err()).contains("does not exist");
    }

    /** collect must stay fast: none of the network probes' classes (SSH, SNMP, targets) may load for it. */
    @Test
    void collectLoadsNoNetworkCode() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(),
                "collect", "-o", dir.resolve("report.json").toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log.lines().filter(l -> !l.startsWith("[")).toList().toString()).isZero();
        assertThat(log).contains("jp.akashi.agent.cli.CollectCommand");
        assertThat(log).doesNotContain("net.schmizz.sshj").doesNotContain("org.snmp4j").doesNotContain("jp.akashi.probes.targets")
                .doesNotContain("jp.akashi.agent.scan");
    }
}
