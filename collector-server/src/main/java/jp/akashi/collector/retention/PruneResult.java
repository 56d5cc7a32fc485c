package jp.akashi.collector.retention;

/**
 * What one pruning pass removed.
 *
 * @param skippedReason why raw reports were not pruned in this pass (null when they were)
 */
public record PruneResult(long reports, long bodies, long checkTransitions, long criterionTransitions, long scores,
                          long millis, String skippedReason) {
    public long total() {
        return reports + bodies + checkTransitions + criterionTransitions + scores;
    }
}
