package jp.akashi.collector.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Who may reach the collector ({@code akashi.trusted-proxies}, {@code akashi.admin-password}); the
 * defaults are here and only here (docs/CONFIGURATION.md).
 *
 * @param trustedProxies addresses and subnets of reverse proxies whose {@code X-Forwarded-For} is believed
 *                       (comma-separated, e.g. {@code 10.0.0.0/8, 192.0.2.1}); empty: none
 * @param adminPassword  the first admin's password on an empty database ({@code AKASHI_ADMIN_PASSWORD}); empty:
 *                       one is generated and logged once
 */
@ConfigurationProperties("akashi")
public record SecurityProperties(
        @Bindable(defaultValue = "") String trustedProxies,
        @Bindable(defaultValue = "") String adminPassword) {
    public SecurityProperties {
        trustedProxies = trustedProxies == null ? "" : trustedProxies.strip();
        adminPassword = adminPassword == null ? "" : adminPassword;
    }

    @Override
    public String toString() {
        return "SecurityProperties[" + "trustedProxies=" + trustedProxies + ", " + "adminPassword=" + (adminPassword.isEmpty() ? "" : "***") + "]";
    }
}
