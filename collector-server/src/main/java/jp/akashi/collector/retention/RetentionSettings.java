package jp.akashi.collector.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long the collector keeps what grows with every report (docs/RETENTION.md). A duration of
 * zero keeps that kind of data forever. Bad values stop the collector at start with the key.
 * {@code akashi.retention.*}; the defaults are here only (docs/CONFIGURATION.md).
 *
 * @param reports     raw reports (history rows and their bodies) not referred to by current facts,
 *                    results, a pending evaluation or a snapshot
 * @param transitions check and criterion transitions (the newest one at the cutoff is always kept,
 *                    so the state at any kept time stays known)
 * @param scores      daily framework scores
 * @param deliveries  the notification delivery history (mail and chat) and the digests' daily records
 * @param period      a full pass runs at most once per period (also across restarts)
 * @param tick        how often the job looks whether a pass is due
 * @param batchSize   rows deleted per transaction: small, so ingest never waits long for the write lock
 * @param pause       pause between two batches, which lets queued writers in
 */
@ConfigurationProperties("akashi.retention")
public record RetentionSettings(Duration reports, Duration transitions, Duration scores, Duration deliveries, Duration period,
                                Duration tick, int batchSize, Duration pause) {
    static final Duration MIN_KEEP = Duration.ofDays(1);
    /** The default of {@code tick}, also the pruning job's delay when none is set. */
    static final String TICK = "PT10M";

    public RetentionSettings(@Bindable(defaultValue = "P90D") Duration reports,
                             @Bindable(defaultValue = "P1825D") Duration transitions,
                             @Bindable(defaultValue = "P1825D") Duration scores,
                             @Bindable(defaultValue = "P365D") Duration deliveries,
                             @Bindable(defaultValue = "PT24H") Duration period,
                             @Bindable(defaultValue = TICK) Duration tick,
                             @Bindable(defaultValue = "200") int batchSize,
                             @Bindable(defaultValue = "PT0.02S") Duration pause) {
        this.reports = keep("akashi.retention.reports", reports);
        this.transitions = keep("akashi.retention.transitions", transitions);
        this.scores = keep("akashi.retention.scores", scores);
        this.deliveries = keep("akashi.retention.deliveries", deliveries);
        if (period == null || period.isNegative() || period.isZero() || tick == null || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("akashi.retention.period and akashi.retention.tick must be positive durations");
        }
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("akashi.retention.batch-size must be between 1 and 5000, not " + batchSize);
        }
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("akashi.retention.pause must not be negative");
        }
        this.period = period;
        this.tick = tick;
        this.batchSize = batchSize;
        this.pause = pause;
    }

    private static Duration keep(String key, Duration d) {
        if (d == null || d.isNegative() || (!d.isZero() && d.compareTo(MIN_KEEP) < 0)) {
            throw new IllegalArgumentException(key + " must be 0 (keep forever) or at least one day (P1D), not " + d);
        }
        return d;
    }

    /** The time before which data of this kind may go, or {@code Long.MIN_VALUE} when it is kept forever. */
    static long cutoff(long now, Duration keep) {
        return keep.isZero() ? Long.MIN_VALUE : now - keep.toMillis();
    }
}
