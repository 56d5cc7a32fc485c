package jp.akashi.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.akashi.agent.config.AgentState;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/** What a report tells the collector about this host's spool (docs/INGEST.md: spoolDrops, spoolProblem). */
class ReportBodyTest {
    static final Report REPORT = new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), "agent-1", "test", Report.SOURCE_AGENT,
            new AssetIdentity(AssetIdentity.KIND_HOST, "web01", "mid", null, null, null, "linux"),
            Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-20T00:00:01Z"), List.of());

    @Test
    void aReportSentFromMemorySaysWhyTheSpoolCannotBeWrittenInPrintableText() throws Exception {
        AgentState s = new AgentState(null, null, null, 2, "2026-11-19T00:00:00Z", "2026-11-19T01:00:00Z");
        JsonNode body = Json.mapper().readTree(ReportCycle.body(REPORT, s,
                "cannot write to /var/lib/akashi/spool\n(No space left on device)\u202E"));
        assertThat(body.path("spoolProblem").path("error").asText())
                .isEqualTo("cannot write to /var/lib/akashi/spool?(No space left on device)?");
        assertThat(body.path("spoolDrops").path("total").asInt()).isEqualTo(2);
        assertThat(body.path("spoolDrops").path("oldestCollectedAt").asText()).isEqualTo("2026-11-19T00:00:00Z");
    }

    @Test
    void aSpooledReportCarriesNoProblemAndLongErrorsAreCut() throws Exception {
        AgentState s = new AgentState(null, null, null, 0);
        assertThat(Json.mapper().readTree(ReportCycle.body(REPORT, s)).has("spoolProblem")).isFalse();
        assertThat(Json.mapper().readTree(ReportCycle.body(REPORT, s)).has("spoolDrops")).isFalse();
        assertThat(ReportCycle.printable("x".repeat(2000), 500)).hasSize(500);
    }

    @Test
    void theAgentsOwnHealthTravelsBesideTheFactsNotAmongThem() throws Exception {
        jp.akashi.agent.health.SelfHealth h = new jp.akashi.agent.health.SelfHealth("17.0.9", "Eclipse Adoptium", true, 50L << 20,
                "VmHWM", 4, null);
        JsonNode body = Json.mapper().readTree(ReportCycle.body(REPORT, new AgentState(null, null, null, 0), null, h));
        assertThat(body.path("agentHealth").path("runtime").path("bundled").asBoolean()).isTrue();
        assertThat(body.path("agentHealth").path("peakRssBytes").asLong()).isEqualTo(50L << 20);
        assertThat(body.path("agentHealth").path("spoolPending").asInt()).isEqualTo(4);
        // the facts (and so the report's content hash on the collector) do not change with each measurement
        assertThat(body.path("facts")).isEmpty();
    }
}
