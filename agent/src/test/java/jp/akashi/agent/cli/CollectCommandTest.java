package jp.akashi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.agent.AgentMain;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

class CollectCommandTest {
    @TempDir
    Path dir;

    @Test
    void aCaptureOfThisHostReplaysToTheSameFacts() throws Exception {
        Path capture = dir.resolve("host.json.gz");
        Path live = dir.resolve("live.json");
        Path replayed = dir.resolve("replayed.json");
        assertThat(AgentMain.commandLine().execute("collect", "--capture", capture.toString(), "-o", live.toString())).isZero();
        assertThat(capture).isNotEmptyFile();
        assertThat(AgentMain.commandLine().execute("collect", "--replay", capture.toString(), "-o", replayed.toString())).isZero();

        // every command and file the probes need is run or read once per collection (dpkg-query, ps,
        // PAM files and /etc/shadow were asked for by two or three probes each)
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(capture))) {
            com.fasterxml.jackson.databind.JsonNode c = Json.mapper().readTree(in);
            java.util.List<String> commands = new java.util.ArrayList<>();
            c.get("commands").forEach(n -> commands.add(n.get("argv").toString()));
            assertThat(commands).doesNotHaveDuplicates();
            java.util.List<String> files = new java.util.ArrayList<>();
            // the same path with the same content twice: read twice (another limit would give other content)
            c.get("files").forEach(n -> files.add(n.get("path").asText() + "\n" + n.path("content").asText()));
            assertThat(files).doesNotHaveDuplicates();
        }

        Map<String, Fact> a = facts(live);
        Map<String, Fact> b = facts(replayed);
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        a.forEach((key, f) -> {
            assertThat(b.get(key).status()).as(key).isEqualTo(f.status());
            assertThat(b.get(key).value()).as(key).isEqualTo(f.value());
        });
    }

    @Test
    void refusesAMissingCaptureAndContradictoryOptions() {
        assertThat(AgentMain.commandLine().execute("collect", "--replay", dir.resolve("none.json").toString())).isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(AgentMain.commandLine().execute("collect", "--capture", dir.resolve("a.json").toString(),
                "--replay", dir.resolve("b.json").toString())).isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(dir.resolve("a.json")).doesNotExist();
    }

    /**
     * The real agent on this host, twice: where apt is the package manager, the second collection
     * reuses the answer of {@code apt list --upgradable} (its inputs did not change in between) and
     * says so in the evidence; {@code --fresh} asks apt again. Elsewhere the facts just match.
     */
    @Test
    void aSecondCollectionReusesTheSlowCommandsOfTheFirst() throws Exception {
        Path state = dir.resolve("state");
        Path one = dir.resolve("one.json");
        Path two = dir.resolve("two.json");
        Path three = dir.resolve("three.json");
        assertThat(AgentMain.commandLine().execute("collect", "--state-dir", state.toString(), "-o", one.toString())).isZero();
        Thread.sleep(2100);   // past the racy window of the first run's inputs
        assertThat(AgentMain.commandLine().execute("collect", "--state-dir", state.toString(), "-o", two.toString())).isZero();
        assertThat(AgentMain.commandLine().execute("collect", "--state-dir", state.toString(), "--fresh", "-o", three.toString())).isZero();
        Fact a = facts(one).get("patch.pending_count");
        Fact b = facts(two).get("patch.pending_count");
        Fact c = facts(three).get("patch.pending_count");
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.value()).isEqualTo(a.value());
        org.junit.jupiter.api.Assumptions.assumeTrue(a.evidence() != null && "cmd:apt list --upgradable".equals(a.evidence().source()),
                "this host's package manager is not apt");
        assertThat(a.evidence().excerpt()).doesNotContain("reused");
        assertThat(b.evidence().excerpt()).contains("reused");
        assertThat(c.evidence().excerpt()).doesNotContain("reused");
        assertThat(state.resolve("memo")).isDirectory();
    }

    private static Map<String, Fact> facts(Path report) throws Exception {
        Report r = Json.mapper().readValue(Files.readAllBytes(report), Report.class);
        Map<String, Fact> m = new LinkedHashMap<>();
        r.facts().forEach(f -> m.put(f.key(), f));
        return m;
    }
}
