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
 */
public record SpoolNews(Long dropsTotal, Instant oldestDroppedAt, Instant newestDroppedAt, String problem) {
    public static final SpoolNews NONE = new SpoolNews(null, null, null, null);

    public boolean says() {
        return dropsTotal != null || problem != null;
    }
}
