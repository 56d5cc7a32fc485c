package jp.akashi.collector.enroll;

/**
 * What a report's {@code agentHealth} says about the agent that sent it (docs/INGEST.md): the
 * Java runtime, the collecting process's peak memory, the reports waiting in its spool, and the
 * outcome of its last self-update. Every field may be null: the agent did not say (older agents
 * send no {@code agentHealth} at all), which the console shows as unknown.
 *
 * @param peakRssSource {@code VmHWM} (Linux) or {@code jvm} (the JVM's memory pools: a lower bound)
 * @param updateState   {@code updated}, {@code refused} or {@code rolled_back}
 */
public record AgentSelfReport(String javaVersion, String javaVendor, Boolean bundledRuntime, Long peakRssBytes,
                              String peakRssSource, Integer spoolPending, String updateState, String updateVersion,
                              String updateFrom, String updateDetail, Long updateAt) {
    public static final AgentSelfReport UNKNOWN = new AgentSelfReport(null, null, null, null, null, null, null, null, null, null, null);

    /** The runtime as one line for the console: {@code 17.0.9 (Eclipse Adoptium), bundled}. */
    public String runtime() {
        if (javaVersion == null) {
            return null;
        }
        return javaVersion + (javaVendor == null ? "" : " (" + javaVendor + ")");
    }
}
