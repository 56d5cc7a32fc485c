package jp.akashi.collector.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Who may scrape {@code /metrics} ({@code akashi.metrics.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param token bearer token a scraper sends (at least 32 characters, {@code AKASHI_METRICS_TOKEN}); empty: only
 *              admins' console sessions may read the metrics
 */
@ConfigurationProperties("akashi.metrics")
public record MetricsProperties(
        @Bindable(defaultValue = "") String token) {
    public MetricsProperties {
        token = token == null ? "" : token.strip();
        if (!token.isEmpty() && token.length() < ScrapeAccess.MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("akashi.metrics.token (AKASHI_METRICS_TOKEN) must have at least "
                    + ScrapeAccess.MIN_TOKEN_LENGTH + " characters, e.g. from `openssl rand -hex 32`; it has " + token.length());
        }
    }

    @Override
    public String toString() {
        return "MetricsProperties[" + "token=" + (token.isEmpty() ? "" : "***") + "]";
    }
}
