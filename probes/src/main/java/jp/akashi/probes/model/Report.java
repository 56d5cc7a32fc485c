package jp.akashi.probes.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one agent run (or one remote scan of one target) sends to the collector.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param reportId      random per report; the collector stores a report id once (idempotent delivery)
 * @param agentId       the enrolled agent's id, or {@code null} for a local {@code collect}
 * @param source        {@code agent} for the agent's own host, {@code scan} for a target it scanned,
 *                      {@code collector} for the collector's own remote probes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(int schemaVersion, UUID reportId, String agentId, String agentVersion, String source,
                     AssetIdentity asset, Instant startedAt, Instant finishedAt, List<Fact> facts) {

    public static final int SCHEMA_VERSION = 1;
    public static final String SOURCE_AGENT = "agent";
    public static final String SOURCE_SCAN = "scan";
    public static final String SOURCE_COLLECTOR = "collector";

    public Report withAgent(String id, String version) {
        return new Report(schemaVersion, reportId, id, version, source, asset, startedAt, finishedAt, facts);
    }
}
