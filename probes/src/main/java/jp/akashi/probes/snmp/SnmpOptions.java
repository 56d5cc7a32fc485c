package jp.akashi.probes.snmp;

import java.time.Duration;

/**
 * Limits and opt-ins of one SNMP collection.
 *
 * @param timeout                   wait for one answer; each request is tried {@code retries + 1} times
 * @param maxInterfaces             stop the ifTable walk after this many rows (the report says it was cut)
 * @param testWellKnownCommunities  try the well-known communities {@code public} and {@code private}
 *                                  (off by default: it sends guessed credentials, which an IDS may flag)
 */
public record SnmpOptions(Duration timeout, int retries, int maxInterfaces, boolean testWellKnownCommunities) {

    public static final SnmpOptions DEFAULTS = new SnmpOptions(Duration.ofSeconds(2), 1, 256, false);

    public SnmpOptions {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("SNMP timeout must be between 1 ms and 1 minute");
        }
        if (retries < 0 || retries > 5) {
            throw new IllegalArgumentException("SNMP retries must be 0..5");
        }
        if (maxInterfaces < 0 || maxInterfaces > 10_000) {
            throw new IllegalArgumentException("maxInterfaces must be 0..10000");
        }
    }

    public SnmpOptions withWellKnownCommunities(boolean on) {
        return new SnmpOptions(timeout, retries, maxInterfaces, on);
    }

    /** Longest a single request can wait before it counts as unanswered. */
    Duration perRequest() {
        return timeout.multipliedBy(retries + 1L);
    }
}
