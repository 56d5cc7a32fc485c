package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The console's one-line Linux install, run as printed against the real collector over TLS with
 * real curl: the download is pinned to the collector's key, the package's hash is checked before
 * anything is installed, the real agent enrolls and its first report arrives. Only the package
 * manager is a stand-in (it records what it was given instead of installing system-wide; the
 * package itself is tested by the packaging tests), and {@code sudo} is left out (the tests run as
 * root and sudo would reset the stand-in's PATH).
 */
@EnabledOnOs(OS.LINUX)
class OneLineInstallTest {

    @Test
    void thePrintedCommandInstallsEnrollsAndReports() throws Exception {
        Path dir = Jars.tempDir("akashi-install-");
        Path packages = Files.createDirectories(dir.resolve("data/agent-packages"));
        byte[] deb = "stand-in package bytes".getBytes(StandardCharsets.UTF_8);
        Files.write(packages.resolve("akashi-agent_0.9.0_amd64.deb"), deb);
        Files.write(packages.resolve("akashi-agent-0.9.0-1.x86_64.rpm"), deb);
        try (CollectorProcess c = new CollectorProcess(dir.resolve("data"))) {
            c.start();
            Stand stand = new Stand(dir);
            String command = installCommand(c);
            assertThat(command).contains("--pinnedpubkey 'sha256//");

            Run ok = stand.run(command);
            assertThat(ok.exit()).as(ok.output()).isZero();
            assertThat(ok.output()).contains("first report sent");
            assertThat(Files.readString(stand.installed())).contains("-i").contains("akashi-agent_0.9.0_amd64.deb");
            JsonNode agents = c.json(c.get("/api/v1/agents", c.adminToken()));
            assertThat(agents).hasSize(1);
            assertThat(agents.get(0).get("state").asText()).startsWith("reporting");
            assertThat(agents.get(0).get("clockSkewed").asBoolean()).isFalse();
        }
    }

    @Test
    void aChangedPackageOrAnotherKeyInstallsNothing() throws Exception {
        Path dir = Jars.tempDir("akashi-install-");
        Path packages = Files.createDirectories(dir.resolve("data/agent-packages"));
        Path deb = Files.write(packages.resolve("akashi-agent_0.9.0_amd64.deb"), "genuine".getBytes(StandardCharsets.UTF_8));
        Files.write(packages.resolve("akashi-agent-0.9.0-1.x86_64.rpm"), "genuine".getBytes(StandardCharsets.UTF_8));
        try (CollectorProcess c = new CollectorProcess(dir.resolve("data"))) {
            c.start();
            Stand stand = new Stand(dir);
            String command = installCommand(c);

            // another key: curl refuses before anything is downloaded
            String otherPin = command.replaceAll("sha256//[A-Za-z0-9+/=]{44}", "sha256//" + "A".repeat(43) + "=");
            Run pinned = stand.run(otherPin);
            assertThat(pinned.exit()).as(pinned.output()).isNotZero();
            assertThat(pinned.output()).contains("pinned");
            assertThat(Files.exists(stand.installed())).isFalse();

            // the script was generated for the genuine file; the file served is then replaced
            String fetchOnly = command.substring(0, command.indexOf(" && "));
            Run fetch = stand.run(fetchOnly);
            assertThat(fetch.exit()).as(fetch.output()).isZero();
            Files.write(deb, "tampered".getBytes(StandardCharsets.UTF_8));
            String token = command.substring(command.indexOf("--token ") + 8);
            Run tampered = stand.run("sh akashi-install.sh --token " + token);
            assertThat(tampered.exit()).isNotZero();
            assertThat(tampered.output()).contains("SHA-256", "not installed");
            assertThat(Files.exists(stand.installed())).as("the package manager was never called").isFalse();
            assertThat(c.json(c.get("/api/v1/agents", c.adminToken()))).as("nothing enrolled").isEmpty();
        }
    }

    /** deploy/ansible/akashi-agent.yml on localhost: installs once, and a second run changes nothing. */
    @Test
    void theAnsiblePlaybookInstallsOnceAndIsIdempotent() throws Exception {
        Path dir = Jars.tempDir("akashi-ansible-");
        Path packages = Files.createDirectories(dir.resolve("data/agent-packages"));
        Files.write(packages.resolve("akashi-agent_0.9.0_amd64.deb"), "stand-in".getBytes(StandardCharsets.UTF_8));
        Files.write(packages.resolve("akashi-agent-0.9.0-1.x86_64.rpm"), "stand-in".getBytes(StandardCharsets.UTF_8));
        try (CollectorProcess c = new CollectorProcess(dir.resolve("data"))) {
            c.start();
            Stand stand = new Stand(dir);
            JsonNode t = c.json(c.post("/api/v1/enrollment-tokens", c.adminToken(), Map.of("maxUses", 2)));
            String pin = t.get("installCommands").get("linux").asText().replaceAll(".*'(sha256//[^']+)'.*", "$1");
            Map<String, Object> vars = Map.of("akashi_server", c.url(), "akashi_pin", pin, "akashi_token", t.get("token").asText(),
                    "akashi_become", false, "akashi_download_dir", dir.toString(),
                    "akashi_config_file", dir.resolve("etc/agent.json").toString(),
                    "akashi_environment", Map.of("PATH", stand.bin + ":" + System.getenv("PATH"),
                            "AKASHI_AGENT_BIN", stand.bin.resolve("akashi-agent").toString()));
            Path varsFile = dir.resolve("vars.json");
            Files.write(varsFile, jp.akashi.probes.util.Json.mapper().writeValueAsBytes(vars));
            String play = "ansible-playbook -i localhost, -c local " + Path.of(System.getProperty("user.dir")).getParent()
                    .resolve("deploy/ansible/akashi-agent.yml") + " -e @" + varsFile;
            Run first = stand.run(play);
            assertThat(first.exit()).as(first.output()).isZero();
            assertThat(first.output()).contains("changed=1").doesNotContain(t.get("token").asText());
            Run second = stand.run(play);
            assertThat(second.exit()).as(second.output()).isZero();
            assertThat(second.output()).contains("changed=0");
            JsonNode agents = c.json(c.get("/api/v1/agents", c.adminToken()));
            assertThat(agents).as("one enrollment, not two").hasSize(1);
            assertThat(agents.get(0).get("state").asText()).startsWith("reporting");
        }
    }

    private static String installCommand(CollectorProcess c) {
        JsonNode t = c.json(c.post("/api/v1/enrollment-tokens", c.adminToken(), Map.of("maxUses", 1)));
        return t.get("installCommands").get("linux").asText().replace("&& sudo sh", "&& sh");
    }

    record Run(int exit, String output) {
    }

    /** A PATH with a stand-in dpkg, and the real agent jar behind AKASHI_AGENT_BIN with its own directories. */
    private static final class Stand {
        final Path bin;
        private final Path dir;

        Stand(Path dir) throws IOException {
            this.dir = dir;
            this.bin = Files.createDirectories(dir.resolve("bin"));
            script(bin.resolve("dpkg"), "#!/bin/sh\necho \"$@\" > " + installed() + "\n");
            script(bin.resolve("akashi-agent"), "#!/bin/sh\nexec " + Jars.java() + " -jar " + Jars.agent() + " \"$@\" --config-dir "
                    + dir.resolve("etc") + " --state-dir " + dir.resolve("state") + "\n");
        }

        Path installed() {
            return dir.resolve("dpkg-called.txt");
        }

        Run run(String command) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", command)).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("AKASHI_AGENT_BIN", bin.resolve("akashi-agent").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), out);
        }

        private static void script(Path p, String text) throws IOException {
            Files.writeString(p, text);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
