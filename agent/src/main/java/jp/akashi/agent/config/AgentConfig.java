package jp.akashi.agent.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jp.akashi.agent.spool.FileSafety;
import jp.akashi.probes.util.Json;

/**
 * What enrollment leaves behind: the collector's URL, how its certificate is trusted, the
 * agent's id and credential, and the collection interval. Stored as JSON readable by the owner only.
 *
 * @param fingerprint {@code sha256:<hex>} of the pinned collector certificate, or null when the
 *                    certificate is trusted through the system's CAs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentConfig(String server, String fingerprint, String agentId, String credential,
                          int intervalSeconds, String name) {

    public static final int DEFAULT_INTERVAL = 3600;
    private static final ObjectMapper MAPPER = Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    public static Optional<AgentConfig> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), AgentConfig.class));
        } catch (IOException e) {
            throw new Unreadable(file, e);
        }
    }

    /** The configuration file exists but cannot be read or parsed: the agent is not usable until re-enrolled. */
    public static final class Unreadable extends IOException {
        private final Path file;

        Unreadable(Path file, IOException cause) {
            super("the configuration " + file + " is unreadable (" + cause.getMessage().lines().findFirst().orElse("") + ");"
                    + " enroll again with: akashi-agent enroll --force --server URL --token TOKEN --fingerprint sha256:…", cause);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    public void save(Path file) throws IOException {
        FileSafety.writeAtomically(file, MAPPER.writeValueAsBytes(this), true);
    }

    public int interval() {
        return intervalSeconds > 0 ? intervalSeconds : DEFAULT_INTERVAL;
    }
}
