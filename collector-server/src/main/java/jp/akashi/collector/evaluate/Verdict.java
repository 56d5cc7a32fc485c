package jp.akashi.collector.evaluate;

/** The state of one criterion. Only MET (and NOT_APPLICABLE) count towards a score. */
public enum Verdict {
    MET, NOT_MET,
    /** Checks could not decide (missing or stale facts, no asset in scope). */
    UNKNOWN,
    /** A person's answer is needed and none was given. */
    UNANSWERED,
    /** The answer is older than the criterion's review interval. */
    EXPIRED,
    NOT_APPLICABLE;

    public String wire() {
        return name().toLowerCase();
    }
}
