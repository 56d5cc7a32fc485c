package jp.akashi.collector.enroll;

/**
 * What the console says about an agent. Only {@link #REPORTING} counts as 稼働中: an agent that
 * never reported, is late, stopped or was revoked gives no current evidence, and one whose
 * probes fail gives only part of it.
 */
public enum AgentState {
    NEVER_REPORTED("neverReported"),
    REPORTING("reporting"),
    REPORTING_WITH_ERRORS("reportingWithErrors"),
    LATE("late"),
    STOPPED("stopped"),
    REVOKED("revoked");

    /** The key under {@code agent.state.*} in the messages, and the API's value. */
    public final String key;

    AgentState(String key) {
        this.key = key;
    }

    /** The state of {@code a} at {@code now}; thresholds were fixed at its last report ({@link AgentHealth}). */
    public static AgentState of(AgentStore.Agent a, long now) {
        if (a.revokedAt() != null) {
            return REVOKED;
        }
        if (a.lastSeenAt() == null) {
            return NEVER_REPORTED;
        }
        // an agent that reported before these columns existed is due one default interval after it was seen
        long late = a.lateAfter() != null ? a.lateAfter() : AgentHealth.lateAfter(a.lastSeenAt(), null);
        long stopped = a.stoppedAfter() != null ? a.stoppedAfter() : AgentHealth.stoppedAfter(a.lastSeenAt(), null);
        if (now > stopped) {
            return STOPPED;
        }
        if (now > late) {
            return LATE;
        }
        return a.lastProbeErrors() != null && a.lastProbeErrors() > 0 ? REPORTING_WITH_ERRORS : REPORTING;
    }

    /** Whole intervals missed since the last report (0 while on time). */
    public static long missedIntervals(AgentStore.Agent a, long now) {
        if (a.lastSeenAt() == null) {
            return 0;
        }
        long interval = AgentHealth.intervalMillis(a.lastIntervalSeconds());
        return Math.max(0, (now - a.lastSeenAt()) / interval);
    }
}
