package jp.akashi.collector.store;

import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * When an asset's data stops counting as current: after it missed three of its reporting
 * intervals (the agent tells its interval), or after {@code akashi.assets.stale-after} when the
 * interval is unknown.
 */
@Singleton
public class Freshness {
    static final int MISSED_INTERVALS = 3;
    private final Duration defaultStaleAfter;

    @jakarta.inject.Inject
    public Freshness(AssetsProperties props) {
        this(props.staleAfter());
    }

    public Freshness(Duration defaultStaleAfter) {
        this.defaultStaleAfter = defaultStaleAfter;
    }

    public long staleAfterMillis(Integer intervalSeconds) {
        if (intervalSeconds == null || intervalSeconds <= 0) {
            return defaultStaleAfter.toMillis();
        }
        return MISSED_INTERVALS * intervalSeconds * 1000L;
    }

    public boolean stale(AssetStore.Asset a, long now) {
        return a.lastSeenAt() < now - staleAfterMillis(a.reportIntervalSeconds());
    }

    public long defaultStaleAfterMillis() {
        return defaultStaleAfter.toMillis();
    }

    /** Oldest last-seen time that still counts as fresh for assets without a known interval. */
    public long defaultStaleBefore(long now) {
        return now - defaultStaleAfter.toMillis();
    }
}
