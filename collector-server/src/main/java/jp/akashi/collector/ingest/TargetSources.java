package jp.akashi.collector.ingest;

/**
 * The source keys under which an asset keeps each source's facts apart (docs/ASSETS.md): an
 * agent's own report, an agent's scans, and each collector target with the credential it ran with
 * (a target whose credential changes starts a new source; the old one's facts stay until newer
 * successful values replace them or the target is deleted).
 */
public final class TargetSources {
    /** The row kept from before sources were kept apart, replaced by the target's own at its next run. */
    public static final String LEGACY_COLLECTOR = "collector";

    private TargetSources() {
    }

    public static String agent(String agentId) {
        return "agent:" + agentId;
    }

    public static String agentScan(String agentId) {
        return "scan:agent:" + agentId;
    }

    public static String target(String targetId, String credentialId) {
        return prefix(targetId) + (credentialId == null ? "-" : credentialId);
    }

    public static String prefix(String targetId) {
        return "target:" + targetId + ":";
    }

    /** Who collected for a collector report: its source key and the label people see (the target's name). */
    public record Collected(String sourceKey, String label) {
        public static final Collected UNNAMED = new Collected(LEGACY_COLLECTOR, null);
    }
}
