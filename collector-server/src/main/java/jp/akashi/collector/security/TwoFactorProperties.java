package jp.akashi.collector.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Two-factor login ({@code akashi.two-factor.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param issuer the issuer an authenticator app shows beside the account (the {@code otpauth://} URI)
 */
@ConfigurationProperties("akashi.two-factor")
public record TwoFactorProperties(
        @Bindable(defaultValue = "Akashi") String issuer) {
    public TwoFactorProperties {
        issuer = issuer == null || issuer.isBlank() ? "Akashi" : issuer.strip();
    }
}
