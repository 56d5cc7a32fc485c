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

    private static Map<String, Fact> facts(Path report) throws Exception {
        Report r = Json.mapper().readValue(Files.readAllBytes(report), Report.class);
        Map<String, Fact> m = new LinkedHashMap<>();
        r.facts().forEach(f -> m.put(f.key(), f));
        return m;
    }
}
