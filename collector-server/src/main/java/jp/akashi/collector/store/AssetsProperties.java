package jp.akashi.collector.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Assets ({@code akashi.assets.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param staleAfter an asset whose agent gives no report interval is stale after this long without a report
 *                   (with an interval: three missed intervals; {@link Freshness})
 */
@ConfigurationProperties("akashi.assets")
public record AssetsProperties(
        @Bindable(defaultValue = "PT26H") Duration staleAfter) {
    public AssetsProperties {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("akashi.assets.stale-after: must be positive, not " + staleAfter);
        }
    }
}
