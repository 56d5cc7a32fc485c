package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/** The console hands out the agent: packages with their hashes, installers, commands once per form. */
class AgentDistributionHttpTest {

    @Test
    void packagesAreListedWithTheirHashAndNothingElseIsServed() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            Path dir = Files.createDirectories(c.dataDir().resolve("agent-packages"));
            byte[] deb = "a deb package".getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve("akashi-agent_0.2.0_amd64.deb"), deb);
            Files.write(dir.resolve("akashi-agent_0.10.0_amd64.deb"), "newer".getBytes(StandardCharsets.UTF_8));
            Files.write(dir.resolve("akashi-agent-0.2.0-1.x86_64.rpm"), "an rpm".getBytes(StandardCharsets.UTF_8));
            Files.writeString(dir.resolve("notes.txt"), "not a package");
            Path secret = Files.writeString(c.dataDir().resolve("secret.txt"), "the collector's secret");
            Files.createSymbolicLink(dir.resolve("akashi-agent_9.9.9_arm64.deb"), secret);

            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            String page = w.get("/agents/deploy").body();
            assertThat(page).contains("エージェントの配布", "akashi-agent_0.2.0_amd64.deb", sha256(deb))
                    .doesNotContain("notes.txt", "9.9.9");

            assertThat(c.get("/agent/packages/akashi-agent_0.2.0_amd64.deb", null).body()).isEqualTo("a deb package");
            for (String bad : new String[]{"notes.txt", "akashi-agent_9.9.9_arm64.deb", "..%2Fsecret.txt", "%2E%2E%2Fsecret.txt"}) {
                TestCollector.Response r = c.get("/agent/packages/" + bad, null);
                assertThat(r.status()).as(bad).isEqualTo(404);
                assertThat(r.body()).as(bad).doesNotContain("the collector");
            }
            String script = c.get("/agent/install.sh", null).body();
            assertThat(script).contains("deb amd64 akashi-agent_0.10.0_amd64.deb ", "rpm x86_64 akashi-agent-0.2.0-1.x86_64.rpm ")
                    .doesNotContain("@@");
            // newest first: the installer takes the first line that fits
            assertThat(script.indexOf("akashi-agent_0.10.0_amd64.deb")).isLessThan(script.indexOf("akashi-agent_0.2.0_amd64.deb"));
            Path saved = Files.writeString(c.dataDir().resolve("install.sh"), script);
            Process sh = new ProcessBuilder("sh", "-n", saved.toString()).redirectErrorStream(true).start();
            assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sh.exitValue()).as(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

            // a Host header with shell in it never reaches the script
            Process curl = new ProcessBuilder("curl", "-sS", "-H", "Host: x';touch /tmp/pwned;'", c.uri("/agent/install.sh").toString())
                    .redirectErrorStream(true).start();
            String evil = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(evil).contains("SERVER='http://localhost:").doesNotContain("pwned");
            assertThat(c.get("/api/v1/agent-packages", c.adminToken()).json().findValuesAsText("sha256")).contains(sha256(deb));
        }
    }

    @Test
    void theDeployFormMakesOneTokenAndShowsTheOneLineInstalls() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            Matcher n = Pattern.compile("name=\"formNonce\" value=\"([0-9a-f]+)\"").matcher(w.get("/agents/deploy").body());
            assertThat(n.find()).isTrue();
            Map<String, String> form = Map.of("ttlHours", "24", "maxUses", "5", "note", "rollout", "formNonce", n.group(1));
            WebClient.Page created = w.submit("/agents/deploy", form);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body()).contains("/agent/install.sh &amp;&amp; sudo sh akashi-install.sh --token akt_", "Install-AkashiAgent -Token akt_",
                    "1 分以内");
            assertThat(w.submit("/agents/deploy", form).status()).as("a reload").isEqualTo(409);
            assertThat(c.get("/api/v1/enrollment-tokens", c.adminToken()).json().size()).isEqualTo(1);
            assertThat(c.postJson("/api/v1/enrollment-tokens", c.adminToken(), Map.of()).json().get("installCommands").get("linux")
                    .asText()).contains("/agent/install.sh && sudo sh akashi-install.sh --token akt_");
            String auditor = c.userToken("auditor1", "auditor");
            assertThat(c.get("/agents/deploy", auditor).status()).isEqualTo(403);
        }
    }

    @Test
    void agentsOlderThanThePackagesHandedOutAreShown() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of())) {
            Path dir = Files.createDirectories(c.dataDir().resolve("agent-packages"));
            Files.writeString(dir.resolve("akashi-agent_0.10.0_amd64.deb"), "x");
            String[] agent = c.enrollAgent();
            // Reports.host says agent version "test"; a real agent says its version
            byte[] body = jp.akashi.probes.util.Json.mapper().writeValueAsBytes(new jp.akashi.probes.model.Report(
                    jp.akashi.probes.model.Report.SCHEMA_VERSION, java.util.UUID.randomUUID(), agent[0], "0.9.2",
                    jp.akashi.probes.model.Report.SOURCE_AGENT, new jp.akashi.probes.model.AssetIdentity("host", "old-1", "old-1",
                    null, null, null, "linux"), java.time.Instant.now(), java.time.Instant.now(),
                    java.util.List.of(jp.akashi.collector.testing.Reports.ok("os.hostname", "old-1"))));
            assertThat(c.send("POST", "/api/v1/reports", agent[1], body, Map.of()).status()).isEqualTo(201);
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            assertThat(w.get("/agents").body()).contains("古いバージョン（配布中：0.10.0）");
            assertThat(c.get("/api/v1/agents", c.adminToken()).json().get(0).get("outdated").asBoolean()).isTrue();
            Files.writeString(dir.resolve("akashi-agent_0.9.2_arm64.deb"), "y");
            Files.delete(dir.resolve("akashi-agent_0.10.0_amd64.deb"));
            assertThat(w.get("/agents").body()).doesNotContain("古いバージョン");
        }
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertThat(jp.akashi.collector.enroll.AgentPackages.outdated("0.9.2", "0.10.0")).isTrue();
        assertThat(jp.akashi.collector.enroll.AgentPackages.outdated("0.10.0", "0.10.0~SNAPSHOT")).isFalse();
        assertThat(jp.akashi.collector.enroll.AgentPackages.outdated("0.1.0-SNAPSHOT", "0.1.0~SNAPSHOT")).isFalse();
        assertThat(jp.akashi.collector.enroll.AgentPackages.outdated("1.2.0", "1.10.0")).isTrue();
        assertThat(jp.akashi.collector.enroll.AgentPackages.outdated(null, "1.0.0")).isFalse();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
