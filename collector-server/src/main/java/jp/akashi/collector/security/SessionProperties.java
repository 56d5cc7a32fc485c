package jp.akashi.collector.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Sessions ({@code akashi.session.*}); the defaults are here and only here (docs/CONFIGURATION.md).
 *
 * @param apiTtl  lifetime of an API session (a bearer token from {@code /api/v1/auth/login})
 * @param webTtl  longest a console session lasts, active or not
 * @param webIdle a console session ends after this long without a request
 */
@ConfigurationProperties("akashi.session")
public record SessionProperties(
        @Bindable(defaultValue = "PT12H") Duration apiTtl,
        @Bindable(defaultValue = "PT8H") Duration webTtl,
        @Bindable(defaultValue = "PT1H") Duration webIdle) {
    public SessionProperties {
        if (apiTtl.isNegative() || apiTtl.isZero()) {
            throw new IllegalArgumentException("akashi.session.api-ttl: must be positive, not " + apiTtl);
        }
        if (webTtl.isNegative() || webTtl.isZero()) {
            throw new IllegalArgumentException("akashi.session.web-ttl: must be positive, not " + webTtl);
        }
        if (webIdle.isNegative() || webIdle.isZero()) {
            throw new IllegalArgumentException("akashi.session.web-idle: must be positive, not " + webIdle);
        }
    }
}
