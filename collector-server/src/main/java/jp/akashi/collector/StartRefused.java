package jp.akashi.collector;

/**
 * The collector must not start, for a reason an operator fixes (the message says how). Thrown by
 * a bean created at start; the command line prints its message on one line (no stack trace) and exits 1.
 */
public class StartRefused extends RuntimeException {
    public StartRefused(String message) {
        super(message);
    }
}
