package jp.akashi.collector.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector's view of its own health ({@code akashi.health.*}); the defaults are here and only
 * here (docs/CONFIGURATION.md).
 *
 * @param minFreeSpace       free space the data volume (and the SQLite file's) must keep: below it
 *                           ingest refuses with 503 and readiness is DOWN; bytes, or with a unit
 *                           ({@code KB}, {@code MB}, {@code GB}, 1024-based)
 * @param evaluationFailures evaluation batches that fail in a row before readiness is DOWN (at least 1)
 * @param retryAfter         the {@code Retry-After} of a 503 for a storage failure
 * @param probeInterval      how often a small test write is tried while commits fail ({@link HealthProbe})
 */
@ConfigurationProperties("akashi.health")
public record HealthProperties(
        @Bindable(defaultValue = "64MB") String minFreeSpace,
        @Bindable(defaultValue = "3") int evaluationFailures,
        @Bindable(defaultValue = "PT2M") Duration retryAfter,
        @Bindable(defaultValue = HealthProperties.PROBE_INTERVAL) Duration probeInterval) {
    /** {@code akashi.health.probe-interval}'s default, also the {@code @Scheduled} job's. */
    public static final String PROBE_INTERVAL = "10s";
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB)?");

    public HealthProperties {
        minFreeBytes(minFreeSpace);
        if (evaluationFailures < 1) {
            throw new IllegalArgumentException("akashi.health.evaluation-failures: must be at least 1, not " + evaluationFailures);
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("akashi.health.retry-after: must be positive, not " + retryAfter);
        }
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("akashi.health.probe-interval: must be positive, not " + probeInterval);
        }
    }

    /** {@code min-free-space} in bytes. */
    public long minFreeBytes() {
        return minFreeBytes(minFreeSpace);
    }

    private static long minFreeBytes(String s) {
        Matcher m = s == null ? null : BYTES.matcher(s.strip().toUpperCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("akashi.health.min-free-space: must be bytes such as 67108864 or 64MB, not '" + s + "'");
        }
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("akashi.health.min-free-space: too large: '" + s + "'");
        }
    }
}
