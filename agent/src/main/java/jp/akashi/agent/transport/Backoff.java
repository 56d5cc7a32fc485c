package jp.akashi.agent.transport;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after n consecutive failures wait a random time in
 * [0, min(cap, base·2ⁿ)], so that many agents coming back after a collector outage do not all
 * retry at the same instant.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    public Duration nextDelay() {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(failures, 20)));
        failures++;
        return Duration.ofMillis(Math.max(1000, (long) (random.nextDouble() * ceiling)));
    }

    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
