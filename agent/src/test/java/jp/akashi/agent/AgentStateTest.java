package jp.akashi.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.agent.config.AgentState;

/** A garbled state file must not reset what the agent counted (dropped reports). */
class AgentStateTest {
    @TempDir
    Path dir;

    @Test
    void aGarbledStateFileKeepsTheCountersFromTheBackupAndSaysSo() throws Exception {
        Path file = dir.resolve("state.json");
        new AgentState("2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", null, 17).save(file);
        Files.writeString(file, "{\"droppedReports\": 1");
        AgentState s = AgentState.load(file);
        assertThat(s.droppedReports()).isEqualTo(17);
        assertThat(s.lastDeliveryAt()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(s.lastError()).contains(file.toString()).contains("unreadable");
        // the damaged file is kept for inspection, not overwritten
        try (var l = Files.list(dir)) {
            assertThat(l.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("state.json.corrupt"));
        }
    }

    @Test
    void aGarbledStateFileWithoutBackupIsNotSilentlyZero() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "garbage");
        AgentState s = AgentState.load(file);
        assertThat(s.lastError()).contains("unreadable");
        try (var l = Files.list(dir)) {
            assertThat(l.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("state.json.corrupt"));
        }
    }

    /** Delivery loads the state twice (Retry-After check, then the outcome): the second load must not start from zero. */
    @Test
    void aGarbledStateFileReadTwiceStillKeepsTheCounters() throws Exception {
        Path file = dir.resolve("state.json");
        new AgentState("2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", null, 2).save(file);
        Files.writeString(file, "{\"droppedReports\": ");
        assertThat(AgentState.load(file).droppedReports()).isEqualTo(2);
        assertThat(AgentState.load(file).droppedReports()).as("after the garbled file was moved aside").isEqualTo(2);
    }
}
