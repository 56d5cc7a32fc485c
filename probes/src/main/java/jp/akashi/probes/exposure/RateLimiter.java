package jp.akashi.probes.exposure;

/**
 * Spaces events evenly at a fixed rate shared by all scanning threads (connections per second),
 * so a scan never floods a network or trips an IDS threshold by bursting.
 */
final class RateLimiter {
    private final long intervalNanos;
    private long next;

    RateLimiter(double perSecond) {
        if (!(perSecond > 0) || perSecond > 100_000) {
            throw new IllegalArgumentException("rate must be between 0 and 100000 connections per second");
        }
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.next = System.nanoTime();
    }

    /** Blocks until this caller's slot; returns false if interrupted. */
    boolean acquire() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, next);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
