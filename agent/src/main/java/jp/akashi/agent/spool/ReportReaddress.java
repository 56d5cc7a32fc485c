package jp.akashi.agent.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import jp.akashi.probes.util.Json;

/**
 * Re-addresses a spooled report to the agent's current identity. After {@code enroll --force}
 * the reports collected under the old agent id are still this host's facts, but the collector
 * refuses a report whose {@code agentId} is not the caller's (403); without this the spool
 * would block behind them forever.
 */
public final class ReportReaddress {
    /** Larger bodies are sent unchanged (a spooled report is far smaller; this only bounds a damaged file). */
    static final int MAX_JSON = 64 * 1024 * 1024;

    private ReportReaddress() {
    }

    /**
     * The gzip body with {@code agentId} set to {@code agentId}, or the same array when it already
     * is, has no agent id (a local collection), or cannot be decoded (the collector then refuses
     * it with 400 and the spool sets it aside).
     */
    public static byte[] to(String agentId, byte[] gz) {
        JsonNode tree;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] json = in.readNBytes(MAX_JSON + 1);
            if (json.length > MAX_JSON) {
                return gz;
            }
            tree = Json.mapper().readTree(json);
        } catch (IOException | RuntimeException e) {
            return gz;
        }
        if (!(tree instanceof ObjectNode obj) || !obj.hasNonNull("agentId") || obj.get("agentId").asText().equals(agentId)) {
            return gz;
        }
        obj.put("agentId", agentId);
        try {
            return Spool.gzip(Json.mapper().writeValueAsBytes(obj));
        } catch (IOException e) {
            return gz;
        }
    }
}
