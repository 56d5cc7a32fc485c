package jp.akashi.collector;

/**
 * The collector must not start, for a reason an operator fixes (the message says how). Thrown by
 * a bean created at start; Micronaut logs it with the message and the process exits non-zero.
 */
public class StartRefused extends RuntimeException {
    public StartRefused(String message) {
        super(message);
    }
}
