package jp.akashi.collector.digest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The daily mail digest ({@code akashi.digest.*}; docs/CONFIGURATION.md). It needs
 * {@code akashi.mail.host}.
 *
 * @param enabled    whether digests are mailed at all
 * @param time       local time of the display zone from which the day's digest is due (HH:mm)
 * @param sendEmpty  mail a digest that has nothing to say (default: skip it)
 * @param topLines   lines shown per section (the counts are complete)
 * @param attempts   tries of a day's digest when the server refuses or cannot be reached (1..10)
 * @param retryAfter wait before the next try
 * @param checkEvery how often the collector looks whether digests are due (also the first look after the start)
 */
@ConfigurationProperties("akashi.digest")
public record DigestProperties(@Bindable(defaultValue = "true") boolean enabled,
                               @Bindable(defaultValue = "08:00") String time,
                               @Bindable(defaultValue = "false") boolean sendEmpty,
                               @Bindable(defaultValue = "10") int topLines,
                               @Bindable(defaultValue = "3") int attempts,
                               @Bindable(defaultValue = "PT10M") Duration retryAfter,
                               @Bindable(defaultValue = "PT1M") Duration checkEvery) {
    public DigestProperties {
        localTime(time);
        if (topLines < 1 || topLines > 100) {
            throw new IllegalArgumentException("akashi.digest.top-lines must be 1..100, not " + topLines);
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("akashi.digest.attempts must be 1..10, not " + attempts);
        }
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("akashi.digest.retry-after must not be negative");
        }
        if (checkEvery == null || checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("akashi.digest.check-every must be a positive duration");
        }
    }

    public LocalTime localTime() {
        return localTime(time);
    }

    private static LocalTime localTime(String time) {
        try {
            return LocalTime.parse(time == null ? "" : time.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("akashi.digest.time must be a time of day such as 08:00, not '" + time + "'");
        }
    }
}
