package jp.akashi.collector.ingest;

import java.time.Instant;

/**
 * What a report says about the sending agent's own spool (docs/INGEST.md): how many reports its
 * spool bound has dropped so far ({@code spoolDrops}, cumulative on the host) and when the
 * dropped ones had been collected, and whether the spool could not be written when this report
 * was made ({@code spoolProblem}, e.g. a full disk: the report was sent straight from memory).
 *
 * @param dropsTotal null when the report carries no {@code spoolDrops}
 * @param problem    null when the report carries no {@code spoolProblem}
 * @param self       what its {@code agentHealth} says about the agent itself ({@link jp.akashi.collector.enroll.AgentSelfReport#UNKNOWN} without one)
 */
public record SpoolNews(Long dropsTotal, Instant oldestDroppedAt, Instant newestDroppedAt, String problem,
                        jp.akashi.collector.enroll.AgentSelfReport self) {
    public static final SpoolNews NONE = new SpoolNews(null, null, null, null, jp.akashi.collector.enroll.AgentSelfReport.UNKNOWN);

    public boolean says() {
        return dropsTotal != null || problem != null;
    }
}
