package jp.akashi.collector.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Password logins ({@code akashi.login.*}): the delays after failures ({@link LoginThrottle}) and the
 * optional lock ({@link FailureLock}); the defaults are here and only here (docs/CONFIGURATION.md).
 *
 * @param lockAfter     failures of one account within a day that lock it until an admin unlocks it; {@code 0}: never
 * @param freeFailures  failures of one account (or one address and name) before logins are delayed
 * @param baseDelay     the first delay, doubled with each further failure
 * @param maxDelay      the longest delay (at least {@code base-delay})
 * @param addressBudget failed logins one address may make within {@code address-window} before it waits
 * @param addressWindow the window of {@code address-budget} (more than 0, at most 1 day)
 */
@ConfigurationProperties("akashi.login")
public record LoginProperties(
        @Bindable(defaultValue = "0") int lockAfter,
        @Bindable(defaultValue = "4") int freeFailures,
        @Bindable(defaultValue = "PT1S") Duration baseDelay,
        @Bindable(defaultValue = "PT15M") Duration maxDelay,
        @Bindable(defaultValue = "100") int addressBudget,
        @Bindable(defaultValue = "PT15M") Duration addressWindow) {
    public LoginProperties {
        if (lockAfter < 0) {
            throw new IllegalArgumentException("akashi.login.lock-after: must not be negative, not " + lockAfter);
        }
        if (freeFailures < 0) {
            throw new IllegalArgumentException("akashi.login.free-failures: must not be negative, not " + freeFailures);
        }
        if (addressBudget < 0) {
            throw new IllegalArgumentException("akashi.login.address-budget: must not be negative, not " + addressBudget);
        }
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("akashi.login.base-delay: must not be negative, not " + baseDelay);
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("akashi.login.max-delay: must be at least akashi.login.base-delay, not " + maxDelay);
        }
        if (addressWindow.isNegative() || addressWindow.isZero() || addressWindow.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("akashi.login.address-window: must be more than 0 and at most 1 day, not " + addressWindow);
        }
    }
}
