package jp.akashi.collector.evaluate;

/** The outcome of one check on one asset. */
public enum CheckStatus {
    PASS, FAIL,
    /** The facts needed are missing, errored, unsupported or stale: never read as PASS. */
    UNKNOWN,
    /** The check does not apply to this asset (kind, OS or role). */
    NOT_APPLICABLE
}
