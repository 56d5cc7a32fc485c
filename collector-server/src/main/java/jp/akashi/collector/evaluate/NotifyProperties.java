package jp.akashi.collector.evaluate;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How degradation notifications are delivered ({@code akashi.notify.*}); defaults here only
 * (docs/CONFIGURATION.md). The webhook lists themselves ({@code akashi.notify.webhooks},
 * {@code teams-webhooks}, {@code slack-webhooks}) are read by {@link Notifier}.
 *
 * @param attempts tries per delivery (1..10); a 5xx answer or a connection error is tried again,
 *                 a 4xx is not
 * @param backoff  wait before the second try, doubled before each further one
 * @param timeout  each request (connect and answer)
 * @param logSize  deliveries kept in memory for the console's 通知 page (1..1000)
 */
@ConfigurationProperties("akashi.notify")
public record NotifyProperties(
        @Bindable(defaultValue = "3") int attempts,
        @Bindable(defaultValue = "PT2S") Duration backoff,
        @Bindable(defaultValue = "PT10S") Duration timeout,
        @Bindable(defaultValue = "100") int logSize) {
    public NotifyProperties {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("akashi.notify.attempts: must be 1..10, not " + attempts);
        }
        if (logSize < 1 || logSize > 1000) {
            throw new IllegalArgumentException("akashi.notify.log-size: must be 1..1000, not " + logSize);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("akashi.notify.backoff: must not be negative, not " + backoff);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("akashi.notify.timeout: must be positive, not " + timeout);
        }
    }
}
