package jp.akashi.collector.enroll;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Agent enrollment ({@code akashi.enrollment.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param defaultTtl how long an enrollment token is valid when its creator gives no lifetime
 */
@ConfigurationProperties("akashi.enrollment")
public record EnrollmentProperties(
        @Bindable(defaultValue = "PT24H") Duration defaultTtl) {
    public EnrollmentProperties {
        if (defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException("akashi.enrollment.default-ttl: must be positive, not " + defaultTtl);
        }
    }
}
