package jp.akashi.agent.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jp.akashi.agent.spool.FileSafety;
import jp.akashi.probes.util.Json;

/** What the last runs did, for {@code status}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentState(String lastCollectionAt, String lastDeliveryAt, String lastError, Integer droppedReports) {

    public static AgentState load(Path file) {
        try {
            return Files.exists(file) ? Json.mapper().readValue(file.toFile(), AgentState.class) : new AgentState(null, null, null, null);
        } catch (IOException e) {
            return new AgentState(null, null, "state file unreadable: " + e.getMessage(), null);
        }
    }

    public void save(Path file) throws IOException {
        FileSafety.writeAtomically(file, Json.mapper().writeValueAsBytes(this), true);
    }
}
