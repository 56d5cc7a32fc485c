package jp.akashi.collector.exception;

/**
 * Whether a check exists, for validating an exception's target; the check library (package
 * {@code evaluate}, which reads exceptions) provides it, so this package does not depend on it.
 */
public interface KnownChecks {
    boolean exists(String checkId);
}
