package jp.akashi.collector.enroll;

import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;

/**
 * What one report says about the agent that sent it: its interval, how many probes failed, how
 * long the collection took, and how far its clock is from the collector's. Computed at ingest
 * and stored on the agent row, with the moments at which it turns late and stopped.
 *
 * @param clockSkewMillis collector time minus the agent's clock when it sent the request (null when the
 *                        agent did not say: agents before 0.2 send no {@code X-Akashi-Sent-At})
 * @param failingProbes   the probes with a failed fact, sorted and comma-separated (at most
 *                        {@link #MAX_FAILING} characters), or null when none failed
 */
public record AgentHealth(Integer intervalSeconds, int probeErrors, long collectMillis, Long clockSkewMillis,
                          long lateAfter, long stoppedAfter, String failingProbes) {

    /** The agent's own default (akashi-agent enroll --interval). */
    static final int DEFAULT_INTERVAL_SECONDS = 3600;
    /** Missed intervals after which an agent is shown as stopped rather than late. */
    static final int STOPPED_AFTER_MISSED = 3;
    /** Agents jitter ±10 % and collections take time: never late within this of being due. */
    static final long MIN_GRACE_MILLIS = 120_000;
    /** Clocks further apart than this make evidence time stamps doubtful. */
    public static final long SKEW_WARNING_MILLIS = 120_000;
    /** The column's size. */
    static final int MAX_FAILING = 1024;

    /**
     * @param sentAtMillis the agent's clock when it sent the report ({@code X-Akashi-Sent-At}), or null
     */
    public static AgentHealth of(Report r, Integer intervalSeconds, long now, Long sentAtMillis) {
        int errors = (int) r.facts().stream().filter(f -> f.status() == FactStatus.ERROR).count();
        long collect = Math.max(0, r.finishedAt().toEpochMilli() - r.startedAt().toEpochMilli());
        Long skew = sentAtMillis == null ? null : now - sentAtMillis;
        String failing = r.facts().stream().filter(f -> f.status() == FactStatus.ERROR)
                .map(f -> f.probe() == null ? f.key() : f.probe()).distinct().sorted()
                .collect(java.util.stream.Collectors.joining(", "));
        if (failing.length() > MAX_FAILING) {
            failing = failing.substring(0, MAX_FAILING - 1) + "…";
        }
        return new AgentHealth(intervalSeconds, errors, collect, skew, lateAfter(now, intervalSeconds),
                stoppedAfter(now, intervalSeconds), failing.isEmpty() ? null : failing);
    }

    static long intervalMillis(Integer intervalSeconds) {
        return (intervalSeconds == null || intervalSeconds <= 0 ? DEFAULT_INTERVAL_SECONDS : intervalSeconds) * 1000L;
    }

    static long lateAfter(long seenAt, Integer intervalSeconds) {
        long i = intervalMillis(intervalSeconds);
        return seenAt + i + grace(i);
    }

    static long stoppedAfter(long seenAt, Integer intervalSeconds) {
        long i = intervalMillis(intervalSeconds);
        return seenAt + STOPPED_AFTER_MISSED * i + grace(i);
    }

    private static long grace(long intervalMillis) {
        return Math.max(MIN_GRACE_MILLIS, intervalMillis / 10);
    }

    /** Whether a clock skew is large enough to warn about. */
    public static boolean skewed(Long skewMillis) {
        return skewMillis != null && Math.abs(skewMillis) > SKEW_WARNING_MILLIS;
    }
}
